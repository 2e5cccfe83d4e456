/**
 * Five Nantong approval items (政务服务事项) of the demo city, with the data each may draw from
 * the graph instead of paper materials. Codes are shortened for the demo (two pinyin initials of
 * the item, four digits); time limits are the promised working days (承诺时限, 工作日) a
 * prefecture city typically publishes. Every coordinate exists in the committed supergraph (a
 * test checks), and every one is something the owner must grant (conditional, or clear values
 * of a masked field): the service network applies for each list, and the owners decide.
 */
import type { ApprovalItem } from './approval-items';

const certificates = (what: string) => ({
  coordinate: 'Certificate.*',
  reason: `电子证照调用：${what}（代替证照原件及复印件）`,
});

export const DEMO_APPROVAL_ITEMS: readonly ApprovalItem[] = [
  {
    code: 'ZF0101',
    name: '公共租赁住房申请',
    department: 'housing',
    timeLimitDays: 20,
    includesRepresentedEntities: false,
    dataItems: [
      { coordinate: 'Person.householdAddress', reason: '核验本市户籍条件（代替户口簿复印件）' },
      { coordinate: 'Person.household', reason: '申请家庭所在的户（代替户口簿）' },
      { coordinate: 'Household.*', reason: '家庭成员构成与户籍地址，核定保障人口' },
      { coordinate: 'Person.residence', reason: '现居住地址，核实在本市居住（代替居住证明）' },
      { coordinate: 'Person.enterprises', reason: '家庭成员在企业任职、出资情况（资产审核）' },
      certificates(
        '不动产权证书核查申请家庭在本市有无自有住房（代替无房证明），结婚证核实家庭关系',
      ),
      {
        coordinate: 'CertificateItem.*',
        reason: '不动产权证书照面信息中的建筑面积，核算人均住房面积',
      },
    ],
  },
  {
    code: 'GT0101',
    name: '个体工商户设立登记',
    department: 'market-regulation',
    timeLimitDays: 3,
    includesRepresentedEntities: true,
    dataItems: [
      { coordinate: 'Person.householdAddress', reason: '经营者住所（代替身份证复印件住址页）' },
      { coordinate: 'Person.phone', reason: '经营者联系电话，登记联络与执照领取通知' },
      {
        coordinate: 'Person.creditRecords',
        reason: '信用核查：经营者是否被列入严重失信名单、受限担任经营者',
      },
      { coordinate: 'Person.enterprises', reason: '经营者名下已有市场主体，核对名称与一人多照' },
      { coordinate: 'Certificate.licenceNumber', reason: '居民身份证证照编号核验经营者身份' },
      { coordinate: 'Certificate.address', reason: '经营场所不动产权证书坐落（代替场所使用证明）' },
      {
        coordinate: 'LegalEntity.contactPhone',
        reason: '经营者名下已有个体工商户的登记联系电话（变更、迁移时核对）',
      },
    ],
  },
  {
    code: 'DB0101',
    name: '最低生活保障',
    department: 'civil-affairs',
    timeLimitDays: 30,
    includesRepresentedEntities: true,
    dataItems: [
      { coordinate: 'Person.householdAddress', reason: '核验户籍所在地（低保向户籍地申请）' },
      { coordinate: 'Person.household', reason: '申请家庭所在的户（代替户口簿）' },
      { coordinate: 'Household.*', reason: '共同生活家庭成员构成（核定保障人口）' },
      { coordinate: 'Person.birthDate', reason: '家庭成员年龄，判定劳动年龄段与赡养关系' },
      {
        coordinate: 'Person.enterprises',
        reason: '家庭成员在企业任职、出资情况（《社会救助暂行办法》第十一条家庭财产核对）',
      },
      certificates('不动产权证书核对家庭住房财产'),
      {
        coordinate: 'CertificateItem.*',
        reason: '不动产权证书照面信息（面积、用途），核对财产状况',
      },
      { coordinate: 'LegalEntity.paidInCapital', reason: '家庭成员所办企业实缴资本，核对财产状况' },
      { coordinate: 'LegalEntity.employeeCount', reason: '家庭成员所办企业从业人数，核对经营收入' },
    ],
  },
  {
    code: 'BD0101',
    name: '不动产登记（转移登记）',
    department: 'natural-resources',
    timeLimitDays: 5,
    includesRepresentedEntities: true,
    dataItems: [
      certificates('不动产权证书（代替原证书复印件），结婚证核实共有人与婚姻状况'),
      { coordinate: 'CertificateItem.*', reason: '不动产权证书照面信息：权利人、面积、用途' },
      { coordinate: 'Person.householdAddress', reason: '权利人住址（代替身份证复印件住址页）' },
      { coordinate: 'Person.phone', reason: '权利人联系电话，领证通知' },
      {
        coordinate: 'LegalEntity.legalRepresentative',
        reason: '法人权利人的法定代表人核验（代替法定代表人身份证明书）',
      },
      { coordinate: 'LegalEntity.contactPhone', reason: '法人权利人联系电话，领证通知' },
    ],
  },
  {
    code: 'CS0101',
    name: '出生一件事（出生医学证明、户口登记、医保参保、社保卡申领联办）',
    department: 'health',
    timeLimitDays: 5,
    includesRepresentedEntities: false,
    dataItems: [
      {
        coordinate: 'Person.householdAddress',
        reason: '父母户籍地址，确定新生儿落户地（代替户口簿）',
      },
      { coordinate: 'Person.household', reason: '新生儿随父或随母落户的户' },
      { coordinate: 'Household.*', reason: '户内成员与户籍地址，办理出生登记' },
      { coordinate: 'Person.phone', reason: '父母联系电话，证件寄递与参保通知' },
      { coordinate: 'Person.residence', reason: '居住地址，确定预防接种单位与证件寄递地址' },
      certificates('结婚证、父母居民身份证（代替复印件）'),
    ],
  },
];

/**
 * The certificate catalogue (证照目录, GB/T 36902): each type's code, printed name, holder kind,
 * issuing department and validity rule. The four-digit codes are this platform's own: the
 * first digit says who holds the certificate (1 person, 2 legal entity).
 */
export type CertificateType =
  | 'RESIDENT_ID_CARD'
  | 'DRIVING_LICENCE'
  | 'MARRIAGE_CERTIFICATE'
  | 'REAL_ESTATE_TITLE'
  | 'BUSINESS_LICENCE'
  | 'FOOD_BUSINESS_PERMIT'
  | 'CONSTRUCTION_PERMIT';

export type HolderKind = 'PERSON' | 'LEGAL_ENTITY';

export interface CertificateTypeInfo {
  type: CertificateType;
  code: string;
  name: string;
  holderKind: HolderKind;
  issuingDepartment: string;
  legalBasis: string;
  validityRule: string;
}

export const CERTIFICATE_TYPES: readonly CertificateTypeInfo[] = Object.freeze([
  {
    type: 'RESIDENT_ID_CARD',
    code: '1001',
    name: '居民身份证',
    holderKind: 'PERSON',
    issuingDepartment: '公安机关 (县级公安局/分局)',
    legalBasis: '《中华人民共和国居民身份证法》',
    validityRule: '16-25 岁领取 10 年，26-45 岁 20 年，46 岁以上长期 (居民身份证法第五条)',
  },
  {
    type: 'DRIVING_LICENCE',
    code: '1002',
    name: '机动车驾驶证',
    holderKind: 'PERSON',
    issuingDepartment: '公安机关交通管理部门 (交警支队车管所)',
    legalBasis: '《中华人民共和国道路交通安全法》',
    validityRule: '首次 6 年，换证后 10 年，再换证长期',
  },
  {
    type: 'MARRIAGE_CERTIFICATE',
    code: '1003',
    name: '结婚证',
    holderKind: 'PERSON',
    issuingDepartment: '民政部门 (婚姻登记机关)',
    legalBasis: '《中华人民共和国民法典》婚姻家庭编；《婚姻登记条例》',
    validityRule: '长期',
  },
  {
    type: 'REAL_ESTATE_TITLE',
    code: '1004',
    name: '不动产权证书',
    holderKind: 'PERSON',
    issuingDepartment: '自然资源和规划部门 (不动产登记机构)',
    legalBasis: '《不动产登记暂行条例》',
    validityRule: '长期 (土地使用期限另行记载)',
  },
  {
    type: 'BUSINESS_LICENCE',
    code: '2001',
    name: '营业执照',
    holderKind: 'LEGAL_ENTITY',
    issuingDepartment: '市场监督管理部门',
    legalBasis: '《中华人民共和国市场主体登记管理条例》',
    validityRule: '营业期限：长期或登记的期限',
  },
  {
    type: 'FOOD_BUSINESS_PERMIT',
    code: '2002',
    name: '食品经营许可证',
    holderKind: 'LEGAL_ENTITY',
    issuingDepartment: '行政审批部门',
    legalBasis: '《中华人民共和国食品安全法》；《食品经营许可和备案管理办法》',
    validityRule: '5 年，期满前申请延续',
  },
  {
    type: 'CONSTRUCTION_PERMIT',
    code: '2003',
    name: '建筑工程施工许可证',
    holderKind: 'LEGAL_ENTITY',
    issuingDepartment: '行政审批部门',
    legalBasis: '《中华人民共和国建筑法》；《建筑工程施工许可管理办法》',
    validityRule: '无有效期截止日；领证后 3 个月内未开工且未延期的，由发证机关废止',
  },
] as const satisfies readonly CertificateTypeInfo[]);

const BY_TYPE = new Map(CERTIFICATE_TYPES.map((t) => [t.type, t]));
const BY_CODE = new Map(CERTIFICATE_TYPES.map((t) => [t.code, t]));

export function certificateType(type: CertificateType): CertificateTypeInfo {
  const info = BY_TYPE.get(type);
  if (!info) throw new Error(`unknown certificate type ${type}`);
  return info;
}

export function certificateTypeByCode(code: string): CertificateTypeInfo | undefined {
  return BY_CODE.get(code);
}

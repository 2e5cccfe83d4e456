/**
 * The demo city's registered application systems and a few sharing applications in every state
 * (approved, narrowed, refused, pending, overdue), so the gateway's policy has grants to enforce
 * and the supervision views have something to show. Names follow systems a Chinese prefecture
 * city typically runs; numbers, dates and funding are illustrative.
 */
import type { RequestLimitsInput } from './application-limits';
import type { RegisterApplicationInput } from './application-registry';

export const DEMO_APPLICATIONS: readonly RegisterApplicationInput[] = [
  // The platform's own systems.
  { id: 'service-network', department: 'big-data-bureau', name: '南通政务服务网', function: '网上办事大厅：申报材料在线提交，审批过程中按需调取申请人基础信息，实现“不见面审批”', scopeOfUse: '全市各审批部门及办事群众、企业', usageFrequency: 'DAILY', approvingDepartment: '市发展和改革委员会', approvalDate: '2016-09-20', fundingSource: '市级财政资金' },
  { id: 'shujutong-gateway', department: 'big-data-bureau', name: '数据通共享交换平台', function: '政务数据共享交换：统一接口、授权校验、脱敏与审计', scopeOfUse: '市级各部门', usageFrequency: 'DAILY', approvingDepartment: '市发展和改革委员会', approvalDate: '2017-11-30', fundingSource: '市级财政资金' },
  // Each owner's own system.
  { id: 'household-registration', department: 'public-security', name: '人口户籍管理系统', function: '户籍登记、迁移、身份证办理', scopeOfUse: '公安局户政部门及派出所', usageFrequency: 'DAILY', approvingDepartment: '公安部', approvalDate: '2012-05-10', fundingSource: '中央及省级专项资金' },
  { id: 'enterprise-registration', department: 'market-regulation', name: '企业登记注册系统', function: '市场主体设立、变更、注销登记及年报公示', scopeOfUse: '市场监督管理局及各分局', usageFrequency: 'DAILY', approvingDepartment: '省市场监督管理局', approvalDate: '2014-03-01', fundingSource: '省级专项资金' },
  { id: 'address-register', department: 'natural-resources', name: '标准地名地址管理系统', function: '标准地名地址采集、审核与发布', scopeOfUse: '自然资源和规划局', usageFrequency: 'WEEKLY', approvingDepartment: '市发展和改革委员会', approvalDate: '2015-07-15', fundingSource: '市级财政资金' },
  { id: 'statistics-reporting', department: 'statistics', name: '统计联网直报系统', function: '企业统计数据联网直报与审核', scopeOfUse: '统计局及联网直报单位', usageFrequency: 'MONTHLY', approvingDepartment: '国家统计局', approvalDate: '2012-01-01', fundingSource: '中央财政资金' },
  { id: 'digital-city-management', department: 'urban-management', name: '数字化城市管理系统', function: '城市部件普查、问题采集、派遣与结案', scopeOfUse: '城市管理局及各区数字城管中心', usageFrequency: 'DAILY', approvingDepartment: '市发展和改革委员会', approvalDate: '2013-06-18', fundingSource: '市级财政资金' },
  { id: 'approval-platform', department: 'administrative-approval', name: '行政审批综合业务平台', function: '相对集中行政许可事项的受理、审查与决定', scopeOfUse: '行政审批局', usageFrequency: 'DAILY', approvingDepartment: '市发展和改革委员会', approvalDate: '2017-03-22', fundingSource: '市级财政资金' },
  { id: 'credit-platform', department: 'credit-office', name: '公共信用信息平台', function: '信用信息归集、“双公示”、红黑名单与联合奖惩', scopeOfUse: '全市各部门', usageFrequency: 'DAILY', approvingDepartment: '市发展和改革委员会', approvalDate: '2015-12-08', fundingSource: '市级财政资金' },
  // Consumers.
  { id: 'minimum-living-allowance', department: 'civil-affairs', name: '最低生活保障审批系统', function: '低保申请受理、家庭经济状况核对与审批', scopeOfUse: '民政局及各区、镇（街道）社会救助窗口', usageFrequency: 'DAILY', approvingDepartment: '市发展和改革委员会', approvalDate: '2016-04-12', fundingSource: '市级财政资金' },
  { id: 'elderly-care-subsidy', department: 'civil-affairs', name: '养老服务补贴系统', function: '高龄津贴、居家养老服务补贴的申请与发放', scopeOfUse: '民政局', usageFrequency: 'WEEKLY', approvingDepartment: null, approvalDate: null, fundingSource: '部门自筹' },
  { id: 'employment-services', department: 'human-resources', name: '就业服务管理系统', function: '求职登记、就业困难人员认定、稳岗补贴发放', scopeOfUse: '人社局及公共就业服务机构', usageFrequency: 'DAILY', approvingDepartment: '省人力资源和社会保障厅', approvalDate: '2015-10-30', fundingSource: '省级专项资金' },
  { id: 'social-insurance', department: 'human-resources', name: '社会保险经办系统', function: '参保登记、缴费核定与待遇发放', scopeOfUse: '社会保险经办机构', usageFrequency: 'DAILY', approvingDepartment: '省人力资源和社会保障厅', approvalDate: '2013-08-01', fundingSource: '省级专项资金' },
  { id: 'housing-subsidy', department: 'housing', name: '住房保障管理系统', function: '公共租赁住房、住房租赁补贴的申请审核与轮候', scopeOfUse: '住建局住房保障中心', usageFrequency: 'WEEKLY', approvingDepartment: '市发展和改革委员会', approvalDate: '2016-11-02', fundingSource: '市级财政资金' },
  { id: 'tax-collection', department: 'tax', name: '税收征管信息系统', function: '税务登记、申报征收、风险管理', scopeOfUse: '税务局及各分局', usageFrequency: 'DAILY', approvingDepartment: '国家税务总局', approvalDate: '2016-10-01', fundingSource: '中央财政资金' },
  { id: 'school-enrolment', department: 'education', name: '义务教育入学报名系统', function: '适龄儿童入学网上报名与学区资格审核', scopeOfUse: '教育局及各中小学', usageFrequency: 'QUARTERLY', approvingDepartment: '市发展和改革委员会', approvalDate: '2018-04-20', fundingSource: '市级财政资金' },
  { id: 'subsidy-payments', department: 'finance', name: '惠民惠农财政补贴资金“一卡通”发放系统', function: '财政补贴资金统一发放与监管', scopeOfUse: '财政局及补贴主管部门', usageFrequency: 'MONTHLY', approvingDepartment: '省财政厅', approvalDate: '2017-06-01', fundingSource: '省级专项资金' },
  { id: 'emergency-command', department: 'emergency-management', name: '应急指挥平台', function: '突发事件接报、指挥调度与人员疏散', scopeOfUse: '应急管理局及联动单位', usageFrequency: 'RARELY', approvingDepartment: '市发展和改革委员会', approvalDate: '2019-01-15', fundingSource: '市级财政资金' },
];

/**
 * Request limits the big data bureau set above the usage-frequency defaults: the service network
 * answers every counter in the city at once.
 */
export const DEMO_REQUEST_LIMITS: readonly { id: string; limits: RequestLimitsInput }[] = [
  { id: 'service-network', limits: { requestsPerMinute: 6000, burst: 400, concurrency: 64 } },
];

/** A system found idle in the 2017 self-inspection (僵尸系统) and retired. */
export const DEMO_RETIRED = { id: 'elderly-care-subsidy', reason: '2017年自查：使用频度低、功能已并入最低生活保障审批系统，予以清理' };

export interface DemoSharingApplication {
  department: string;
  application: string | null;
  items: string[];
  purposes: string[];
  justification: string;
  clear: boolean;
  /** Calendar days before the seed that the application was submitted. */
  submittedDaysAgo: number;
  /** What every owner answers, days after submission; absent: still pending. */
  answer?: { afterDays: number } & ({ approve: { items?: string[]; purposes?: string[]; clear?: boolean } } | { reject: string });
}

export const DEMO_SHARING_APPLICATIONS: readonly DemoSharingApplication[] = [
  {
    department: 'civil-affairs', application: 'minimum-living-allowance',
    items: ['Person.birthDate', 'Person.householdAddress', 'Household.*', 'Person.enterprises'],
    purposes: ['SOCIAL_ASSISTANCE'], clear: true, submittedDaysAgo: 60,
    justification: '《社会救助暂行办法》第十一条：低保审核需核对申请家庭成员、户籍及收入财产状况（含在企业任职、出资情况）。',
    answer: { afterDays: 5, approve: {} },
  },
  {
    department: 'big-data-bureau', application: 'service-network',
    items: ['Person.phone', 'Person.householdAddress', 'Person.birthDate', 'Person.creditRecords', 'Person.enterprises', 'Person.residence', 'LegalEntity.contactPhone'],
    purposes: ['ADMINISTRATIVE_APPROVAL', 'PUBLIC_SERVICE'], clear: true, submittedDaysAgo: 90,
    justification: '政务服务网“不见面审批”：受理时自动调取申请人（自然人、法人）联系方式、户籍与居住地址、任职企业与信用记录，免于重复提交材料。',
    // The owners grant it for approvals only, not for public services in general: narrowed.
    answer: { afterDays: 7, approve: { purposes: ['ADMINISTRATIVE_APPROVAL'] } },
  },
  {
    department: 'tax', application: 'tax-collection',
    items: ['LegalEntity.paidInCapital', 'LegalEntity.employeeCount', 'LegalEntity.contactPhone'],
    purposes: ['TAX_ADMINISTRATION'], clear: true, submittedDaysAgo: 45,
    justification: '《税收征收管理法》：核对企业实缴资本、从业人数，开展税源管理与风险应对。',
    answer: { afterDays: 9, approve: { items: ['LegalEntity.paidInCapital', 'LegalEntity.employeeCount'] } },
  },
  {
    department: 'human-resources', application: 'employment-services',
    items: ['Person.phone', 'Person.ethnicity'],
    purposes: ['EMPLOYMENT_SERVICES'], clear: true, submittedDaysAgo: 30,
    justification: '就业困难人员认定与回访。',
    answer: { afterDays: 4, reject: '民族信息与就业困难人员认定无关；联系电话请通过本人授权的政务服务网申请材料获取。' },
  },
  {
    department: 'housing', application: 'housing-subsidy',
    items: ['Household.*', 'Person.householdAddress'],
    purposes: ['HOUSING_SECURITY'], clear: false, submittedDaysAgo: 30,
    justification: '公共租赁住房申请资格审核：核对申请家庭户籍人口与住址。',
  },
  {
    department: 'education', application: 'school-enrolment',
    items: ['Person.birthDate', 'Person.household'],
    purposes: ['EDUCATION_ENROLMENT'], clear: true, submittedDaysAgo: 1,
    justification: '义务教育入学报名：核验适龄儿童出生日期与户籍（学区资格）。',
  },
];

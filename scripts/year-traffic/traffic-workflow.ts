/**
 * The workflow a demo year files: sharing applications, error reports and self-inspections, and
 * how the owning departments answer them (on time, late, or never).
 */

/** A sharing application (共享申请) filed during the year and how its owners answer it. */
export interface PlannedApplicationSpec {
  readonly application: string;
  readonly items: readonly string[];
  readonly purposes: readonly string[];
  readonly clear: boolean;
  readonly justification: string;
  /** Month (1..12) it is filed in. */
  readonly month: number;
  /** On time (within the reply limit), late (after it), or never: left pending, hence overdue. */
  readonly timing: 'ON_TIME' | 'LATE' | 'PENDING';
  readonly answer?: { readonly approve: ApprovalSpec } | { readonly reject: string };
  /** The grants it yields are revoked in this month, with this reason. */
  readonly revoke?: { readonly month: number; readonly reason: string };
}

export interface ApprovalSpec {
  readonly items?: readonly string[];
  readonly purposes?: readonly string[];
  readonly note?: string;
}

/** An error report (数据纠错) a consumer files, and the owner's answer. */
export interface ErrorReportSpec {
  readonly application: string;
  readonly coordinate: string;
  readonly subjectKind: 'PERSON' | 'LEGAL_ENTITY';
  readonly problem: string;
  readonly evidence: string;
  readonly month: number;
  readonly timing: 'ON_TIME' | 'LATE' | 'PENDING';
  readonly answer?: { readonly correct: string } | { readonly reject: string };
}

/** A department's yearly self-inspection (自查) of one of its systems. */
export interface ConfirmationSpec {
  readonly application: string;
  readonly department: string;
  readonly month: number;
  readonly corrections?: Readonly<Record<string, string>>;
}

/** The year's sharing applications: January's for the systems' daily work, later ones as needs change. */
export const DEMO_YEAR_APPLICATIONS: readonly PlannedApplicationSpec[] = [
  {
    application: 'minimum-living-allowance',
    items: ['Person.birthDate', 'Person.householdAddress', 'Household.*', 'Person.enterprises'],
    purposes: ['SOCIAL_ASSISTANCE'],
    clear: true,
    justification:
      '《社会救助暂行办法》第十一条：低保审核核对申请家庭成员、户籍及在企业任职、出资情况。',
    month: 1,
    timing: 'ON_TIME',
    answer: { approve: { note: '仅限低保审核' } },
  },
  {
    application: 'employment-services',
    items: ['Person.phone', 'Person.birthDate'],
    purposes: ['EMPLOYMENT_SERVICES'],
    clear: true,
    justification: '就业困难人员认定与回访：核对年龄并电话回访。',
    month: 1,
    timing: 'LATE',
    answer: { approve: {} },
  },
  {
    application: 'employment-services',
    items: ['Person.ethnicity'],
    purposes: ['EMPLOYMENT_SERVICES'],
    clear: true,
    justification: '少数民族就业帮扶统计。',
    month: 1,
    timing: 'ON_TIME',
    answer: { reject: '民族信息与就业困难人员认定无关，不予共享。' },
  },
  {
    application: 'employment-services',
    items: ['LegalEntity.employeeCount'],
    purposes: ['EMPLOYMENT_SERVICES'],
    clear: true,
    justification: '稳岗补贴：核对企业从业人数。',
    month: 2,
    timing: 'ON_TIME',
    answer: { approve: {} },
  },
  {
    application: 'housing-subsidy',
    items: ['Household.*', 'Person.householdAddress'],
    purposes: ['HOUSING_SECURITY'],
    clear: false,
    justification: '公共租赁住房申请资格审核：核对申请家庭户籍人口与住址。',
    month: 1,
    timing: 'LATE',
    answer: { approve: { note: '脱敏提供' } },
  },
  {
    application: 'tax-collection',
    items: ['LegalEntity.paidInCapital', 'LegalEntity.employeeCount', 'LegalEntity.contactPhone'],
    purposes: ['TAX_ADMINISTRATION'],
    clear: true,
    justification: '《税收征收管理法》：核对企业实缴资本、从业人数，开展税源管理。',
    month: 1,
    timing: 'ON_TIME',
    answer: {
      approve: {
        items: ['LegalEntity.paidInCapital', 'LegalEntity.employeeCount'],
        note: '联系电话请通过企业登记信息获取',
      },
    },
  },
  {
    application: 'school-enrolment',
    items: ['Person.birthDate', 'Person.household'],
    purposes: ['EDUCATION_ENROLMENT'],
    clear: true,
    justification: '义务教育入学报名：核验适龄儿童出生日期与户籍（学区资格）。',
    month: 3,
    timing: 'ON_TIME',
    answer: { approve: {} },
    revoke: { month: 9, reason: '本年度招生工作已结束' },
  },
  {
    application: 'housing-subsidy',
    items: ['Person.phone'],
    purposes: ['HOUSING_SECURITY'],
    clear: true,
    justification: '轮候通知：联系公租房申请人。',
    month: 5,
    timing: 'PENDING',
  },
  {
    application: 'tax-collection',
    items: ['LegalEntity.contactPhone'],
    purposes: ['TAX_ADMINISTRATION'],
    clear: true,
    justification: '税务风险应对：联系企业。',
    month: 7,
    timing: 'LATE',
    answer: { reject: '企业联系电话仅用于登记机关联络，税务事项请通过电子税务局联系。' },
  },
  {
    application: 'minimum-living-allowance',
    items: ['Person.phone'],
    purposes: ['SOCIAL_ASSISTANCE'],
    clear: true,
    justification: '低保家庭动态管理：定期电话回访。',
    month: 10,
    timing: 'ON_TIME',
    answer: { approve: {} },
    revoke: { month: 12, reason: '回访改由社区网格员入户开展' },
  },
  {
    application: 'employment-services',
    items: ['Person.householdAddress'],
    purposes: ['EMPLOYMENT_SERVICES'],
    clear: false,
    justification: '就业困难人员属地管理：核对户籍地址。',
    month: 11,
    timing: 'PENDING',
  },
];

export const DEMO_YEAR_ERROR_REPORTS: readonly ErrorReportSpec[] = [
  {
    application: 'minimum-living-allowance',
    coordinate: 'Person.householdAddress',
    subjectKind: 'PERSON',
    problem: '户籍地址门牌号应为 12 号，共享数据为 21 号',
    evidence: '户口簿首页',
    month: 2,
    timing: 'ON_TIME',
    answer: { correct: '门牌号已更正为 12 号' },
  },
  {
    application: 'tax-collection',
    coordinate: 'LegalEntity.paidInCapital',
    subjectKind: 'LEGAL_ENTITY',
    problem: '实缴资本与企业年报不一致',
    evidence: '2024 年度企业年报',
    month: 4,
    timing: 'LATE',
    answer: { correct: '已按年报更正实缴资本' },
  },
  {
    application: 'housing-subsidy',
    coordinate: 'Person.householdAddress',
    subjectKind: 'PERSON',
    problem: '申请人已迁出，共享数据仍为原户籍地址',
    evidence: '迁移证明',
    month: 6,
    timing: 'ON_TIME',
    answer: { reject: '经核查原数据无误，迁移手续尚未办结' },
  },
  {
    application: 'employment-services',
    coordinate: 'Person.birthDate',
    subjectKind: 'PERSON',
    problem: '出生日期与居民身份证不一致',
    evidence: '居民身份证复印件',
    month: 8,
    timing: 'LATE',
    answer: { reject: '出生日期以户籍登记为准，身份证信息一致' },
  },
  {
    application: 'tax-collection',
    coordinate: 'LegalEntity.employeeCount',
    subjectKind: 'LEGAL_ENTITY',
    problem: '从业人数明显偏低',
    evidence: '社保缴费人数',
    month: 10,
    timing: 'PENDING',
  },
  {
    application: 'minimum-living-allowance',
    coordinate: 'Person.ethnicity',
    subjectKind: 'PERSON',
    problem: '民族登记有误',
    evidence: '户口簿',
    month: 11,
    timing: 'ON_TIME',
    answer: { correct: '民族已更正' },
  },
];

export const DEMO_YEAR_CONFIRMATIONS: readonly ConfirmationSpec[] = [
  { application: 'minimum-living-allowance', department: 'civil-affairs', month: 11 },
  {
    application: 'housing-subsidy',
    department: 'housing',
    month: 11,
    corrections: { scopeOfUse: '住建局住房保障中心及各区受理窗口' },
  },
  { application: 'tax-collection', department: 'tax', month: 12 },
  { application: 'employment-services', department: 'human-resources', month: 12 },
];

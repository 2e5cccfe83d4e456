/**
 * A few demo sharing applications in every state (approved, narrowed, refused, pending,
 * overdue), so the gateway's policy has grants to enforce and the supervision views have
 * something to show. The seeder submits and answers them through the sharing workflow,
 * back-dated from its clock.
 */

export interface DemoSharingApplication {
  department: string;
  application: string | null;
  items: string[];
  purposes: string[];
  justification: string;
  clear: boolean;
  /** The approval item applied for (demo-item-applications.ts); absent: a standing application. */
  item?: string;
  /** Calendar days before the seed that the application was submitted. */
  submittedDaysAgo: number;
  /** What every owner answers, days after submission; absent: still pending. */
  answer?: { afterDays: number } & (
    { approve: { items?: string[]; purposes?: string[]; clear?: boolean } } | { reject: string }
  );
}

export const DEMO_SHARING_APPLICATIONS: readonly DemoSharingApplication[] = [
  {
    department: 'civil-affairs',
    application: 'minimum-living-allowance',
    items: ['Person.birthDate', 'Person.householdAddress', 'Household.*', 'Person.enterprises'],
    purposes: ['SOCIAL_ASSISTANCE'],
    clear: true,
    submittedDaysAgo: 60,
    justification:
      '《社会救助暂行办法》第十一条：低保审核需核对申请家庭成员、户籍及收入财产状况（含在企业任职、出资情况）。',
    answer: { afterDays: 5, approve: {} },
  },
  {
    department: 'big-data-bureau',
    application: 'service-network',
    items: [
      'Person.phone',
      'Person.householdAddress',
      'Person.birthDate',
      'Person.creditRecords',
      'Person.enterprises',
      'Person.residence',
      'LegalEntity.contactPhone',
    ],
    purposes: ['ADMINISTRATIVE_APPROVAL', 'PUBLIC_SERVICE'],
    clear: true,
    submittedDaysAgo: 90,
    justification:
      '政务服务网“不见面审批”：受理时自动调取申请人（自然人、法人）联系方式、户籍与居住地址、任职企业与信用记录，免于重复提交材料。',
    // The owners grant it for approvals only, not for public services in general: narrowed.
    answer: { afterDays: 7, approve: { purposes: ['ADMINISTRATIVE_APPROVAL'] } },
  },
  {
    department: 'tax',
    application: 'tax-collection',
    items: ['LegalEntity.paidInCapital', 'LegalEntity.employeeCount', 'LegalEntity.contactPhone'],
    purposes: ['TAX_ADMINISTRATION'],
    clear: true,
    submittedDaysAgo: 45,
    justification: '《税收征收管理法》：核对企业实缴资本、从业人数，开展税源管理与风险应对。',
    answer: {
      afterDays: 9,
      approve: { items: ['LegalEntity.paidInCapital', 'LegalEntity.employeeCount'] },
    },
  },
  {
    department: 'human-resources',
    application: 'employment-services',
    items: ['Person.phone', 'Person.ethnicity'],
    purposes: ['EMPLOYMENT_SERVICES'],
    clear: true,
    submittedDaysAgo: 30,
    justification: '就业困难人员认定与回访。',
    answer: {
      afterDays: 4,
      reject: '民族信息与就业困难人员认定无关；联系电话请通过本人授权的政务服务网申请材料获取。',
    },
  },
  {
    department: 'housing',
    application: 'housing-subsidy',
    items: ['Household.*', 'Person.householdAddress'],
    purposes: ['HOUSING_SECURITY'],
    clear: false,
    submittedDaysAgo: 30,
    justification: '公共租赁住房申请资格审核：核对申请家庭户籍人口与住址。',
  },
  {
    department: 'education',
    application: 'school-enrolment',
    items: ['Person.birthDate', 'Person.household'],
    purposes: ['EDUCATION_ENROLMENT'],
    clear: true,
    submittedDaysAgo: 1,
    justification: '义务教育入学报名：核验适龄儿童出生日期与户籍（学区资格）。',
  },
];

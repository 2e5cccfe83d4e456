/**
 * The demo city's application systems that call the gateway, each with its department, purpose,
 * operations and share of traffic (subgraphs/sharing/demo-consumer-systems.ts,
 * demo-owner-systems.ts), the anonymous open-data traffic, and the registered systems that never call.
 */

/** A registered application system that calls the gateway. */
export interface TrafficApplication {
  readonly id: string;
  readonly department: string;
  /** x-purpose; null for an owner reading its own data. */
  readonly purpose: string | null;
  readonly operators: readonly string[];
  /** Relative share of the year's data requests. */
  readonly share: number;
  /** Month factors (1..12) over `share`; absent months count 1, 0 means silent that month. */
  readonly seasonal?: Readonly<Partial<Record<number, number>>>;
  readonly queries: readonly TrafficQuery[];
}

export interface TrafficQuery {
  readonly query: string;
  /** The variable naming the subject, and which pool it is drawn from; null: no variables. */
  readonly subject: { readonly variable: string; readonly kind: 'PERSON' | 'LEGAL_ENTITY' } | null;
  /** @default 1 */
  readonly weight?: number;
}

const PERSON = { variable: 'id', kind: 'PERSON' } as const;
const ENTITY = { variable: 'code', kind: 'LEGAL_ENTITY' } as const;

/** The systems that call, with their shares of traffic. */
export const DEMO_TRAFFIC_APPLICATIONS: readonly TrafficApplication[] = [
  {
    // 低保: household means test; members' names stay masked (no clear grant for Person.name).
    id: 'minimum-living-allowance',
    department: 'civil-affairs',
    purpose: 'SOCIAL_ASSISTANCE',
    operators: ['wang.fang', 'chen.jing', 'zhou.min'],
    share: 22,
    queries: [
      {
        query:
          'query LowIncomeFamilyCheck($id: ID!) { person(idNumber: $id) { name birthDate householdAddress household { number address members { name } } enterprises { name status } } }',
        subject: PERSON,
        weight: 3,
      },
      {
        query: 'query ApplicantAge($id: ID!) { person(idNumber: $id) { name birthDate } }',
        subject: PERSON,
      },
    ],
  },
  {
    // Ethnicity is refused to it in January: always withheld (NO_GRANT).
    id: 'employment-services',
    department: 'human-resources',
    purpose: 'EMPLOYMENT_SERVICES',
    operators: ['liu.yang', 'sun.li'],
    share: 16,
    seasonal: { 3: 1.3, 7: 1.3 },
    queries: [
      {
        query:
          'query EmploymentAssistance($id: ID!) { person(idNumber: $id) { name phone birthDate ethnicity } }',
        subject: PERSON,
        weight: 2,
      },
      {
        query:
          'query EmployerCheck($code: ID!) { legalEntity(creditCode: $code) { name status employeeCount } }',
        subject: ENTITY,
      },
    ],
  },
  {
    // Masked grant (clear: false): household addresses come back to county and town.
    id: 'housing-subsidy',
    department: 'housing',
    purpose: 'HOUSING_SECURITY',
    operators: ['zhao.lei'],
    share: 10,
    queries: [
      {
        query:
          'query RentalHousingEligibility($id: ID!) { person(idNumber: $id) { name householdAddress phone household { number address } } }',
        subject: PERSON,
      },
    ],
  },
  {
    // contactPhone is narrowed out of its grant; riskClass is not shared (NONE) with anyone.
    id: 'tax-collection',
    department: 'tax',
    purpose: 'TAX_ADMINISTRATION',
    operators: ['huang.tao', 'xu.na', 'ma.qiang'],
    share: 20,
    seasonal: { 5: 1.4, 6: 1.2 },
    queries: [
      {
        query:
          'query TaxSourceCheck($code: ID!) { legalEntity(creditCode: $code) { name status paidInCapital employeeCount contactPhone riskClass } }',
        subject: ENTITY,
      },
    ],
  },
  {
    // 入学报名: spring registration and summer placement, then its grant is revoked.
    id: 'school-enrolment',
    department: 'education',
    purpose: 'EDUCATION_ENROLMENT',
    operators: ['gao.yan'],
    share: 6,
    seasonal: {
      1: 0,
      2: 0,
      3: 0.5,
      4: 2.5,
      5: 2.5,
      6: 2,
      7: 1.5,
      8: 1,
      9: 0.3,
      10: 0,
      11: 0,
      12: 0,
    },
    queries: [
      {
        query:
          'query EnrolmentCheck($id: ID!) { person(idNumber: $id) { name birthDate household { number } } }',
        subject: PERSON,
      },
    ],
  },
  {
    // 一卡通: calls in the first five months, then never again (a zombie candidate by year end).
    id: 'subsidy-payments',
    department: 'finance',
    purpose: 'SOCIAL_ASSISTANCE',
    operators: ['qian.hui'],
    share: 4,
    seasonal: { 6: 0, 7: 0, 8: 0, 9: 0, 10: 0, 11: 0, 12: 0 },
    queries: [
      {
        query: 'query SubsidyRecipient($id: ID!) { person(idNumber: $id) { idNumber name } }',
        subject: PERSON,
      },
    ],
  },
  {
    id: 'emergency-command',
    department: 'emergency-management',
    purpose: 'EMERGENCY_RESPONSE',
    operators: ['duty.officer'],
    share: 1,
    seasonal: { 7: 3, 8: 3 },
    queries: [{ query: 'query Districts { regions(level: COUNTY) { code name } }', subject: null }],
  },
  {
    // The owners read their own data in full.
    id: 'household-registration',
    department: 'public-security',
    purpose: null,
    operators: ['hu.jun', 'lin.xia'],
    share: 6,
    queries: [
      {
        query:
          'query ResidentRecord($id: ID!) { person(idNumber: $id) { name birthDate ethnicity phone householdAddress } }',
        subject: PERSON,
      },
    ],
  },
  {
    id: 'enterprise-registration',
    department: 'market-regulation',
    purpose: null,
    operators: ['he.bin'],
    share: 5,
    queries: [
      {
        query:
          'query EntityRecord($code: ID!) { legalEntity(creditCode: $code) { name status contactPhone paidInCapital riskClass } }',
        subject: ENTITY,
      },
    ],
  },
  {
    id: 'statistics-reporting',
    department: 'statistics',
    purpose: 'STATISTICS',
    operators: ['tang.wei'],
    share: 2,
    seasonal: { 1: 2, 4: 1.5, 7: 1.5, 10: 1.5 },
    queries: [{ query: 'query Indicators { indicators { code name unit } }', subject: null }],
  },
];

export const DEMO_OPEN_DATA = {
  share: 8,
  queries: [
    '{ regions { code name } }',
    '{ indicators { code name unit } }',
    '{ regions(level: COUNTY) { code name level } }',
  ],
  downloads: [
    '/open/datasets/regions.csv',
    '/open/datasets/indicators.json',
    '/open/datasets/legal-entities.csv',
    '/open/datasets/departments.json',
  ],
} as const;

/** Registered (needsSharedData) consumer systems that never call: 应接未接. */
export const DEMO_SILENT_APPLICATIONS = [
  { id: 'social-insurance', department: 'human-resources' },
] as const;

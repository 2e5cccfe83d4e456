/**
 * The stable codes of the municipal departments that take part in sharing, and the vocabulary
 * of use purposes. Codes go into tokens, grants and audit records, so they never change once
 * issued; names may. Under 国发〔2016〕51号 shared data may be used only for the purpose it
 * was applied for, which is why a purpose is a code from a closed list and not free text.
 */
import { buildCreditCode } from './credit-code';

/**
 * OWNER: keeps a base or service database (its subgraph) and answers sharing applications
 * for it. CONSUMER: uses shared data. PLATFORM: the big data bureau, which runs the sharing
 * platform and supervises it. Every department may consume; the kind says what else it does.
 */
export type DepartmentKind = 'OWNER' | 'CONSUMER' | 'PLATFORM';

export interface Department {
  readonly code: string;
  /** Official short name, e.g. 公安局 (the city prefix 南通市 is implied). */
  readonly name: string;
  readonly nameEn: string;
  readonly kind: DepartmentKind;
}

/** 大数据管理局: runs the platform, owns the sharing subgraph, sees every application. */
export const PLATFORM_DEPARTMENT = 'big-data-bureau';

export const DEPARTMENTS: readonly Department[] = Object.freeze([
  { code: 'public-security', name: '公安局', nameEn: 'Public Security Bureau', kind: 'OWNER' },
  {
    code: 'market-regulation',
    name: '市场监督管理局',
    nameEn: 'Market Regulation Administration',
    kind: 'OWNER',
  },
  {
    code: 'natural-resources',
    name: '自然资源和规划局',
    nameEn: 'Natural Resources and Planning Bureau',
    kind: 'OWNER',
  },
  { code: 'statistics', name: '统计局', nameEn: 'Statistics Bureau', kind: 'OWNER' },
  {
    code: 'urban-management',
    name: '城市管理局',
    nameEn: 'Urban Management Bureau',
    kind: 'OWNER',
  },
  {
    code: 'administrative-approval',
    name: '行政审批局',
    nameEn: 'Administrative Approval Bureau',
    kind: 'OWNER',
  },
  {
    code: 'credit-office',
    name: '信用办（发展和改革委员会）',
    nameEn: 'Social Credit Office (Development and Reform Commission)',
    kind: 'OWNER',
  },
  {
    code: PLATFORM_DEPARTMENT,
    name: '大数据管理局',
    nameEn: 'Big Data Administration Bureau',
    kind: 'PLATFORM',
  },
  { code: 'civil-affairs', name: '民政局', nameEn: 'Civil Affairs Bureau', kind: 'CONSUMER' },
  {
    code: 'human-resources',
    name: '人力资源和社会保障局',
    nameEn: 'Human Resources and Social Security Bureau',
    kind: 'CONSUMER',
  },
  {
    code: 'housing',
    name: '住房和城乡建设局',
    nameEn: 'Housing and Urban-Rural Development Bureau',
    kind: 'CONSUMER',
  },
  { code: 'tax', name: '税务局', nameEn: 'Taxation Bureau', kind: 'CONSUMER' },
  { code: 'education', name: '教育局', nameEn: 'Education Bureau', kind: 'CONSUMER' },
  { code: 'health', name: '卫生健康委员会', nameEn: 'Health Commission', kind: 'CONSUMER' },
  { code: 'finance', name: '财政局', nameEn: 'Finance Bureau', kind: 'CONSUMER' },
  {
    code: 'emergency-management',
    name: '应急管理局',
    nameEn: 'Emergency Management Bureau',
    kind: 'CONSUMER',
  },
] satisfies Department[]);

const BY_CODE = new Map(DEPARTMENTS.map((d) => [d.code, d]));

export function departmentByCode(code: string): Department | undefined {
  return BY_CODE.get(code);
}

export function isDepartmentCode(code: string): boolean {
  return BY_CODE.has(code);
}

/**
 * The department's unified social credit code (GB 32100), the provider code (提供方代码) of the
 * resource catalogue. Built as for city organs of state (registration authority 1, type 1,
 * region 320600) with an illustrative organisation body, as the licences' issuers are: not the
 * departments' real codes.
 */
const ORGANISATION_NUMBERS: Readonly<Record<string, string>> = {
  'public-security': '11',
  'civil-affairs': '21',
  'human-resources': '22',
  'natural-resources': '31',
  housing: '32',
  'market-regulation': '41',
  tax: '42',
  'administrative-approval': '51',
  education: '52',
  statistics: '61',
  health: '62',
  'urban-management': '71',
  finance: '72',
  'credit-office': '81',
  'emergency-management': '82',
  [PLATFORM_DEPARTMENT]: '91',
};

export function departmentCreditCode(code: string): string | undefined {
  const n = BY_CODE.has(code) ? ORGANISATION_NUMBERS[code] : undefined;
  return n === undefined ? undefined : buildCreditCode('1', '1', '320600', `01${n}0600`);
}

/** A use purpose (使用用途) that sharing applications, grants and requests name. */
export interface Purpose {
  readonly code: string;
  readonly name: string;
  readonly nameEn: string;
}

export const PURPOSES: readonly Purpose[] = Object.freeze([
  { code: 'ADMINISTRATIVE_APPROVAL', name: '行政审批', nameEn: 'Administrative approval' },
  {
    code: 'SOCIAL_ASSISTANCE',
    name: '社会救助',
    nameEn: 'Social assistance (minimum living allowance, relief)',
  },
  { code: 'SOCIAL_INSURANCE', name: '社会保险', nameEn: 'Social insurance' },
  { code: 'EMPLOYMENT_SERVICES', name: '就业服务', nameEn: 'Employment services and subsidies' },
  { code: 'TAX_ADMINISTRATION', name: '税收征管', nameEn: 'Tax administration' },
  { code: 'HOUSING_SECURITY', name: '住房保障', nameEn: 'Housing security (subsidised housing)' },
  { code: 'LAW_ENFORCEMENT', name: '行政执法', nameEn: 'Administrative law enforcement' },
  { code: 'MARKET_SUPERVISION', name: '市场监管', nameEn: 'Market supervision' },
  {
    code: 'CREDIT_SUPERVISION',
    name: '信用监管',
    nameEn: 'Credit supervision and joint punishment',
  },
  { code: 'STATISTICS', name: '统计调查', nameEn: 'Statistical surveys' },
  { code: 'URBAN_MANAGEMENT', name: '城市管理', nameEn: 'Urban and grid management' },
  { code: 'EDUCATION_ENROLMENT', name: '入学服务', nameEn: 'School enrolment' },
  { code: 'HEALTH_SERVICES', name: '卫生健康', nameEn: 'Health services' },
  { code: 'EMERGENCY_RESPONSE', name: '应急处置', nameEn: 'Emergency response' },
  {
    code: 'PUBLIC_SERVICE',
    name: '公共服务',
    nameEn: 'Public services (government service network)',
  },
] satisfies Purpose[]);

const PURPOSE_BY_CODE = new Map(PURPOSES.map((p) => [p.code, p]));

export function purposeByCode(code: string): Purpose | undefined {
  return PURPOSE_BY_CODE.get(code);
}

export function isPurposeCode(code: string): boolean {
  return PURPOSE_BY_CODE.has(code);
}

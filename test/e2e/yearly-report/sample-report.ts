/**
 * A realistic yearly report (年度共享报告) for the renderers' tests and as a stand-in while the
 * figures are computed elsewhere: five departments of the demo city (two owners, the platform,
 * two consumers), a year of calls between them, applications with refusal reasons, error
 * reports, a flagged system each for two departments, and an evaluation with five of the city's
 * indicators. The figures agree with one another as report-model.ts defines them (city totals
 * are the departments' sums, rankings follow the figures, points follow the weights), so a test
 * may compare any two of them.
 *
 * `hostile: true` puts attacker-shaped text in every free-text place a report prints (a
 * department's name, a refusal reason, a purpose, a flagged system and its reason, an
 * indicator's description and detail), for the escaping and formula-injection tests.
 */
import type {
  ApplicationFigures,
  CatalogueClassCounts,
  DepartmentReport,
  DepartmentScore,
  ErrorReportFigures,
  EvaluationConfig,
  GrantFigures,
  IndicatorDefinition,
  InventoryFigures,
  MonthFigures,
  YearlyReport,
} from '../../../gateway/yearly-report/report-model';

/** Closes a script element and runs code in an event handler if printed as markup. */
export const HOSTILE_MARKUP = '</script><img src=x onerror=alert(1)>';
/** A formula if a spreadsheet reads it as one. */
export const HOSTILE_FORMULA = '=HYPERLINK("http://evil.example/x","点此查看")';

export interface SampleOptions {
  readonly year?: number;
  /** A department's report (its code) instead of the city's. */
  readonly department?: string;
  readonly hostile?: boolean;
  readonly usageUpToDate?: boolean;
}

interface Seed {
  readonly code: string;
  readonly name: string;
  readonly kind: string;
  readonly catalogue: readonly [number, number, number, number, number];
  readonly applications?: Omit<ApplicationFigures, 'refusalReasons'> & {
    refusalReasons: { reason: string; count: number }[];
  };
  readonly grants: GrantFigures;
  readonly errorReports?: ErrorReportFigures;
  readonly inventory: Omit<InventoryFigures, 'flagged'>;
  readonly flagged: InventoryFigures['flagged'];
  readonly purposes: readonly string[];
}

/** Calls in the year: consumer → owner → calls. */
const CALLS: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  'civil-affairs': {
    'public-security': 52_310,
    'market-regulation': 8_420,
    'big-data-bureau': 1_200,
  },
  tax: { 'public-security': 31_050, 'market-regulation': 64_880 },
  'market-regulation': { 'public-security': 12_400 },
  'public-security': { 'market-regulation': 9_730 },
  'big-data-bureau': { 'public-security': 2_150, 'market-regulation': 1_980 },
};

/** Fields served per call, and the shares masked and denied (of the fields asked for). */
const FIELDS_PER_CALL = 6;
const MASKED_SHARE = 0.15;
const DENIED_SHARE = 0.02;

/** How a year's calls fall over the months (per cent; quieter around the Spring Festival). */
const MONTH_WEIGHTS = [6, 6, 8, 8, 9, 9, 8, 8, 9, 9, 10, 10];

const NO_APPLICATIONS: ApplicationFigures = {
  received: 0,
  approved: 0,
  rejected: 0,
  pending: 0,
  answeredOnTime: 0,
  answeredLate: 0,
  overduePending: 0,
  refusalReasons: [],
};

const NO_ERROR_REPORTS: ErrorReportFigures = {
  received: 0,
  corrected: 0,
  rejected: 0,
  answeredOnTime: 0,
  answeredLate: 0,
  correctedOnTime: 0,
  pending: 0,
  overdue: 0,
};

function seeds(hostile: boolean): Seed[] {
  return [
    {
      code: 'big-data-bureau',
      name: '大数据管理局',
      kind: 'PLATFORM',
      catalogue: [14, 6, 0, 20, 8],
      applications: {
        received: 3,
        approved: 3,
        rejected: 0,
        pending: 0,
        answeredOnTime: 2,
        answeredLate: 1,
        overduePending: 0,
        refusalReasons: [],
      },
      grants: { granted: 3, activeAtEnd: 5, revoked: 0, expired: 1 },
      inventory: { systems: 4, zombieCandidates: 0, notConnected: 0, unconfirmed: 0 },
      flagged: [],
      purposes: ['PUBLIC_SERVICE'],
    },
    {
      code: 'civil-affairs',
      name: hostile ? HOSTILE_MARKUP : '民政局',
      kind: 'CONSUMER',
      catalogue: [0, 0, 0, 0, 0],
      grants: { granted: 0, activeAtEnd: 0, revoked: 0, expired: 0 },
      inventory: { systems: 3, zombieCandidates: 0, notConnected: 1, unconfirmed: 1 },
      flagged: [
        {
          id: 'civil-affairs-dibao-review',
          name: hostile ? HOSTILE_FORMULA : '最低生活保障审核系统',
          zombieCandidate: false,
          notConnected: true,
          reasons: [
            hostile ? HOSTILE_MARKUP : '应接入市级数据共享交换平台而未接入',
            '未在本年度自查中确认',
          ],
        },
      ],
      purposes: ['SOCIAL_ASSISTANCE', hostile ? HOSTILE_MARKUP : ''],
    },
    {
      code: 'market-regulation',
      name: '市场监督管理局',
      kind: 'OWNER',
      catalogue: [96, 41, 7, 52, 30],
      applications: {
        received: 11,
        approved: 9,
        rejected: 2,
        pending: 0,
        answeredOnTime: 11,
        answeredLate: 0,
        overduePending: 0,
        refusalReasons: [
          { reason: '涉及商业秘密，依法不予共享', count: 1 },
          { reason: hostile ? HOSTILE_FORMULA : '申请用途与所需数据项不匹配', count: 1 },
        ],
      },
      grants: { granted: 9, activeAtEnd: 14, revoked: 1, expired: 2 },
      errorReports: {
        received: 9,
        corrected: 8,
        rejected: 1,
        answeredOnTime: 9,
        answeredLate: 0,
        correctedOnTime: 8,
        pending: 0,
        overdue: 0,
      },
      inventory: { systems: 6, zombieCandidates: 0, notConnected: 0, unconfirmed: 0 },
      flagged: [],
      purposes: ['MARKET_SUPERVISION'],
    },
    {
      code: 'public-security',
      name: '公安局',
      kind: 'OWNER',
      catalogue: [120, 85, 12, 40, 60],
      applications: {
        received: 18,
        approved: 13,
        rejected: 3,
        pending: 2,
        answeredOnTime: 14,
        answeredLate: 2,
        overduePending: 1,
        refusalReasons: [
          { reason: '申请用途与所需数据项不匹配', count: 2 },
          { reason: '已可通过无条件共享数据项获取', count: 1 },
        ],
      },
      grants: { granted: 13, activeAtEnd: 19, revoked: 2, expired: 1 },
      errorReports: {
        received: 27,
        corrected: 20,
        rejected: 4,
        answeredOnTime: 21,
        answeredLate: 3,
        correctedOnTime: 18,
        pending: 3,
        overdue: 1,
      },
      inventory: { systems: 9, zombieCandidates: 1, notConnected: 0, unconfirmed: 1 },
      flagged: [
        {
          id: 'public-security-floating-population-v1',
          name: '流动人口登记系统（旧版）',
          zombieCandidate: true,
          notConnected: false,
          reasons: ['全年无调用记录，疑似“僵尸”系统', '未在本年度自查中确认'],
        },
      ],
      purposes: ['LAW_ENFORCEMENT'],
    },
    {
      code: 'tax',
      name: '税务局',
      kind: 'CONSUMER',
      catalogue: [0, 0, 0, 0, 0],
      grants: { granted: 0, activeAtEnd: 0, revoked: 0, expired: 0 },
      inventory: { systems: 2, zombieCandidates: 0, notConnected: 0, unconfirmed: 0 },
      flagged: [],
      purposes: ['TAX_ADMINISTRATION'],
    },
  ];
}

const byValueThenCode = <T extends { department: string }>(value: (t: T) => number) => {
  return (a: T, b: T) => value(b) - value(a) || a.department.localeCompare(b.department);
};

/** `total` spread over the months by MONTH_WEIGHTS, the rounding left to December. */
function monthly(total: number): number[] {
  const parts = MONTH_WEIGHTS.map((w) => Math.floor((total * w) / 100));
  parts[11] += total - parts.reduce((a, b) => a + b, 0);
  return parts;
}

/** `count` events spread one by one over the months, from `offset`. */
function spread(count: number, offset: number): number[] {
  const parts = new Array<number>(12).fill(0);
  for (let i = 0; i < count; i += 1) parts[(offset + i * 5) % 12] += 1;
  return parts;
}

function catalogue([
  unconditional,
  conditional,
  notShared,
  open,
  conditionallyOpen,
]: Seed['catalogue']): CatalogueClassCounts {
  const total = unconditional + conditional + notShared;
  return {
    unconditional,
    conditional,
    notShared,
    total,
    open,
    conditionallyOpen,
    notOpen: total - open - conditionallyOpen,
  };
}

function departmentReport(seed: Seed, year: number, index: number): DepartmentReport {
  const consumers = Object.entries(CALLS)
    .map(([department, owners]) => ({ department, calls: owners[seed.code] ?? 0 }))
    .filter((c) => c.calls > 0)
    .sort(byValueThenCode((c) => c.calls));
  const owners = Object.entries(CALLS[seed.code] ?? {})
    .map(([department, calls]) => ({ department, calls }))
    .sort(byValueThenCode((c) => c.calls));
  const callsByOthers = consumers.reduce((n, c) => n + c.calls, 0);
  const callsToOthers = owners.reduce((n, c) => n + c.calls, 0);
  const fieldsServed = callsByOthers * FIELDS_PER_CALL;
  const usedFields = callsToOthers * FIELDS_PER_CALL;
  // The first purpose carries most of the use; a second one (if any) the rest.
  const byPurpose = seed.purposes.map((purpose, i) => ({
    purpose,
    fieldsServed:
      seed.purposes.length === 1
        ? usedFields
        : i === 0
          ? usedFields - Math.floor(usedFields / 10)
          : Math.floor(usedFields / 10),
  }));
  const applications = seed.applications ?? NO_APPLICATIONS;
  const errorReports = seed.errorReports ?? NO_ERROR_REPORTS;
  const inMonth = {
    by: monthly(callsByOthers),
    to: monthly(callsToOthers),
    applications: spread(applications.received, index),
    errors: spread(errorReports.received, index + 2),
  };
  return {
    code: seed.code,
    name: seed.name,
    kind: seed.kind,
    provided: {
      catalogue: catalogue(seed.catalogue),
      callsByOthers,
      consumers: consumers.length,
      fieldsServed,
      fieldsMasked: Math.round(fieldsServed * MASKED_SHARE),
      fieldsDenied: Math.round(fieldsServed * DENIED_SHARE),
      distinctFieldsUsed: Math.min(
        catalogue(seed.catalogue).total,
        12 * consumers.length + 7 * Math.sign(consumers.length),
      ),
      byConsumer: consumers,
    },
    applications,
    grants: seed.grants,
    used: {
      calls: callsToOthers,
      owners: owners.length,
      fieldsServed: usedFields,
      byPurpose: byPurpose.sort((a, b) => b.fieldsServed - a.fieldsServed),
      byOwner: owners,
    },
    errorReports,
    inventory: { ...seed.inventory, flagged: seed.flagged },
    byMonth: Array.from({ length: 12 }, (_, m) => ({
      month: `${year}-${String(m + 1).padStart(2, '0')}`,
      callsByOthers: inMonth.by[m],
      callsToOthers: inMonth.to[m],
      applicationsReceived: inMonth.applications[m],
      errorReportsReceived: inMonth.errors[m],
    })),
  };
}

/** Five of the city's indicators (schema/evaluation-indicators.json), as printed there. */
function evaluationConfig(hostile: boolean): EvaluationConfig {
  const indicators: IndicatorDefinition[] = [
    {
      id: 'catalogue-shared',
      name: '目录数据项共享率',
      description: hostile
        ? HOSTILE_MARKUP
        : '国发〔2016〕51号要求“以共享为原则、不共享为例外”：看本部门目录中无条件和有条件共享的数据项占全部数据项的比例（1 − 不予共享 / 全部）；目录为空的部门不参与此项。',
      weight: 20,
      measure: {
        kind: 'inverseRatio',
        numerator: 'provided.catalogue.notShared',
        denominator: 'provided.catalogue.total',
      },
      whenNoData: 'exclude',
    },
    {
      id: 'provided-use',
      name: '共享数据被使用情况',
      description: '看本部门数据被其他部门调用的次数，与全市最高的部门相比。',
      weight: 15,
      measure: { kind: 'relativeToBest', figure: 'provided.callsByOthers' },
      whenNoData: 'exclude',
    },
    {
      id: 'used-others',
      name: '使用共享数据情况',
      description: '看本部门调用其他部门数据的次数，与全市最高的部门相比。',
      weight: 15,
      measure: { kind: 'relativeToBest', figure: 'used.calls' },
      whenNoData: 'exclude',
    },
    {
      id: 'application-reply',
      name: '共享申请按时答复率',
      description: '看按时答复（同意或不予同意）的申请占收到申请的比例；未收到申请的部门得满分。',
      weight: 15,
      measure: {
        kind: 'ratio',
        numerator: 'applications.answeredOnTime',
        denominator: 'applications.received',
      },
      whenNoData: 'full',
    },
    {
      id: 'systems-connected',
      name: '信息系统接入率',
      description: '看在册系统中未被标记为应接未接的比例；无在册系统的部门不参与此项。',
      weight: 10,
      measure: {
        kind: 'inverseRatio',
        numerator: 'inventory.notConnected',
        denominator: 'inventory.systems',
      },
      whenNoData: 'exclude',
    },
  ];
  return { version: '2026.1', title: '南通市政务信息资源共享年度评估指标', indicators };
}

function figure(d: DepartmentReport, path: string): number {
  let value: unknown = d;
  for (const key of path.split('.')) value = (value as Record<string, unknown>)[key];
  return value as number;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** Scores as evaluation-score.ts defines them: points are value × weight over the applicable weights. */
function scores(
  departments: readonly DepartmentReport[],
  config: EvaluationConfig,
  hostile: boolean,
): DepartmentScore[] {
  const unranked = departments.map((d) => {
    const values = config.indicators.map((ind) => {
      const m = ind.measure;
      let num: number;
      let den: number;
      if (m.kind === 'relativeToBest') {
        num = figure(d, m.figure);
        den = Math.max(...departments.map((o) => figure(o, m.figure)));
      } else {
        num = figure(d, m.numerator);
        den = figure(d, m.denominator);
      }
      if (den === 0) {
        const value = ind.whenNoData === 'full' ? 1 : ind.whenNoData === 'zero' ? 0 : null;
        return { ind, value, detail: `无数据（${ind.whenNoData}）` };
      }
      const ratio = num / den;
      const value = m.kind === 'inverseRatio' ? 1 - ratio : ratio;
      return { ind, value, detail: `${num} / ${den}` };
    });
    const weights = values.filter((v) => v.value !== null).reduce((n, v) => n + v.ind.weight, 0);
    const indicators = values.map(({ ind, value, detail }) => ({
      id: ind.id,
      value,
      points: value === null ? 0 : round2((value * ind.weight * 100) / weights),
      detail: hostile && ind.id === 'application-reply' ? `${HOSTILE_MARKUP} ${detail}` : detail,
    }));
    return {
      department: d.code,
      total: round2(indicators.reduce((n, i) => n + i.points, 0)),
      indicators,
    };
  });
  return unranked.sort(byValueThenCode((s) => s.total)).map((s, i) => ({ ...s, rank: i + 1 }));
}

function sum<T>(items: readonly T[], value: (t: T) => number): number {
  return items.reduce((n, t) => n + value(t), 0);
}

function sumFields<T extends object>(items: readonly T[]): T {
  const keys = Object.keys(items[0]) as (keyof T)[];
  return Object.fromEntries(
    keys
      .filter((k) => typeof items[0][k] === 'number')
      .map((k) => [k, sum(items, (t) => t[k] as number)]),
  ) as T;
}

/** The sample report: the city's, or one department's when `department` names one. */
export function sampleReport(options: SampleOptions = {}): YearlyReport {
  const year = options.year ?? 2026;
  const hostile = options.hostile ?? false;
  const all = seeds(hostile).map((seed, i) => departmentReport(seed, year, i));
  const config = evaluationConfig(hostile);
  const allScores = scores(all, config, hostile);
  const departments = options.department ? all.filter((d) => d.code === options.department) : all;
  if (departments.length === 0) throw new Error(`no sample department "${options.department}"`);
  const byMonth: MonthFigures[] = all[0].byMonth.map((m, i) => {
    const calls = sum(all, (d) => d.byMonth[i].callsByOthers);
    return {
      month: m.month,
      callsByOthers: calls,
      callsToOthers: calls,
      applicationsReceived: sum(all, (d) => d.byMonth[i].applicationsReceived),
      errorReportsReceived: sum(all, (d) => d.byMonth[i].errorReportsReceived),
    };
  });
  const ranking = (value: (d: DepartmentReport) => number, among = all) =>
    among
      .map((d) => ({ department: d.code, value: value(d) }))
      .sort(byValueThenCode((r) => r.value));
  const reasons = new Map<string, number>();
  for (const d of all)
    for (const r of d.applications.refusalReasons)
      reasons.set(r.reason, (reasons.get(r.reason) ?? 0) + r.count);
  return {
    year,
    generatedAt: `${year + 1}-01-05T02:30:00.000Z`,
    asOf: `${year}-12-31`,
    department: options.department ?? null,
    madeBy: '大数据管理局 / 年度报告 big-data-bureau/yearly-report',
    departments,
    city: {
      totals: {
        catalogue: sumFields(all.map((d) => d.provided.catalogue)),
        calls: sum(all, (d) => d.provided.callsByOthers),
        fieldsServed: sum(all, (d) => d.provided.fieldsServed),
        sharingRelations: sum(all, (d) => d.provided.consumers),
        applications: {
          ...sumFields(all.map((d) => ({ ...d.applications, refusalReasons: 0 }))),
          refusalReasons: [...reasons]
            .map(([reason, count]) => ({ reason, count }))
            .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)),
        },
        grants: sumFields(all.map((d) => d.grants)),
        errorReports: sumFields(all.map((d) => d.errorReports)),
        inventory: sumFields(all.map(({ inventory: { flagged: _flagged, ...rest } }) => rest)),
      },
      byMonth,
      rankings: {
        byCallsByOthers: ranking((d) => d.provided.callsByOthers),
        byCallsToOthers: ranking((d) => d.used.calls),
        byReplyRate: ranking(
          (d) => d.applications.answeredOnTime / d.applications.received,
          all.filter((d) => d.applications.received > 0),
        ),
      },
    },
    evaluation: {
      config,
      configSource: 'schema/evaluation-indicators.json (2026.1)',
      scores: options.department
        ? allScores.filter((s) => s.department === options.department)
        : allScores,
    },
    usageUpToDate: options.usageUpToDate ?? true,
  };
}

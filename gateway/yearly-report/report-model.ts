/**
 * 年度共享报告: the yearly sharing report as data. It is built from the graph (report-source.ts
 * reads it as the big data bureau, so making a report is itself audited), computed by pure
 * functions (report-figures.ts, evaluation-score.ts), and rendered from this one object to a
 * self-contained HTML page (report-html.ts) and an Excel appendix (report-workbook.ts). The
 * scenario tests compare these numbers with counts made independently from the audit and
 * sharing tables, so every figure here says exactly what it counts.
 *
 * Months and days are China time (UTC+8), as the plan's reporting is. A "call" (调用) is one
 * request that asked for any field of one resource (a GraphQL type such as Person) of the owner:
 * one request reading Person and Household of the public-security bureau is two calls; root
 * fields (Query.*) are entry points and belong to no resource. This is the rollup's unit
 * (audit_usage_resources), so a year is read from summaries, not from millions of records.
 */

/** YYYY-MM (China time). */
export type Month = string;

export interface CatalogueClassCounts {
  /** 无条件共享 */
  readonly unconditional: number;
  /** 有条件共享 */
  readonly conditional: number;
  /** 不予共享 */
  readonly notShared: number;
  readonly total: number;
  /** 开放属性: unconditionally open / conditionally open / not open. */
  readonly open: number;
  readonly conditionallyOpen: number;
  readonly notOpen: number;
}

/** The department as a provider: its catalogue and the use others made of it. */
export interface ProvidedFigures {
  readonly catalogue: CatalogueClassCounts;
  /** Calls by other departments (consumer ≠ owner) to the owner's resources in the year. */
  readonly callsByOthers: number;
  /** Distinct other departments that made such calls. */
  readonly consumers: number;
  /** Fields served to other departments (in clear or masked), summed over requests. */
  readonly fieldsServed: number;
  readonly fieldsMasked: number;
  readonly fieldsDenied: number;
  /** Distinct field coordinates of the owner served to other departments at least once. */
  readonly distinctFieldsUsed: number;
  /** Calls by consumer, most first (ties by code). */
  readonly byConsumer: readonly { readonly department: string; readonly calls: number }[];
}

/** 共享申请: requests (the part of a sharing application addressed to this owner) filed in the year. */
export interface ApplicationFigures {
  readonly received: number;
  readonly approved: number;
  readonly rejected: number;
  /** Still PENDING (or otherwise unanswered) as of the report's `asOf` day. */
  readonly pending: number;
  /** Answered (approved or rejected) on or before the due day. */
  readonly answeredOnTime: number;
  readonly answeredLate: number;
  /** Pending and past the due day as of `asOf`. */
  readonly overduePending: number;
  /** 不予共享理由: each reason given for a refusal, with how often, most first. */
  readonly refusalReasons: readonly { readonly reason: string; readonly count: number }[];
}

/** 授权: grants the department gave as owner. */
export interface GrantFigures {
  /** Granted (grantedAt) in the year. */
  readonly granted: number;
  /** In force at the end of the period (`asOf`): not revoked by then, valid on that day. */
  readonly activeAtEnd: number;
  /** Revoked (revokedAt) in the year. */
  readonly revoked: number;
  /** Expired in the year: validUntil within the year and on or before `asOf`, not revoked first. */
  readonly expired: number;
}

/** The department as a consumer: data it used from other departments. */
export interface UsedFigures {
  /** Calls to other departments' resources. */
  readonly calls: number;
  /** Distinct other owners called. */
  readonly owners: number;
  readonly fieldsServed: number;
  /** Fields served from other owners per purpose declared (用途), most first; '' for none. */
  readonly byPurpose: readonly { readonly purpose: string; readonly fieldsServed: number }[];
  /** Calls per owner, most first. */
  readonly byOwner: readonly { readonly department: string; readonly calls: number }[];
}

/** 数据纠错: error reports addressed to the department as owner, filed in the year. */
export interface ErrorReportFigures {
  readonly received: number;
  readonly corrected: number;
  readonly rejected: number;
  readonly answeredOnTime: number;
  readonly answeredLate: number;
  /** 按时更正 */
  readonly correctedOnTime: number;
  readonly pending: number;
  /** Pending and past due as of `asOf`. */
  readonly overdue: number;
}

/** 系统清查: the department's registered application systems. */
export interface InventoryFigures {
  /** Registered and not retired. */
  readonly systems: number;
  readonly zombieCandidates: number;
  readonly notConnected: number;
  /** Not confirmed in the year's self-inspection (自查). */
  readonly unconfirmed: number;
  /** The flagged systems, by id. */
  readonly flagged: readonly {
    readonly id: string;
    readonly name: string;
    readonly zombieCandidate: boolean;
    readonly notConnected: boolean;
    readonly reasons: readonly string[];
  }[];
}

export interface MonthFigures {
  readonly month: Month;
  /** Calls by others to this department's resources (the city's line: all calls across departments). */
  readonly callsByOthers: number;
  /** Calls this department made to others' resources. */
  readonly callsToOthers: number;
  readonly applicationsReceived: number;
  readonly errorReportsReceived: number;
}

export interface DepartmentReport {
  readonly code: string;
  /** Chinese name as registered. */
  readonly name: string;
  /** PROVIDER / CONSUMER / PLATFORM … as registered. */
  readonly kind: string;
  readonly provided: ProvidedFigures;
  readonly applications: ApplicationFigures;
  readonly grants: GrantFigures;
  readonly used: UsedFigures;
  readonly errorReports: ErrorReportFigures;
  readonly inventory: InventoryFigures;
  /** Twelve months of the year, January first. */
  readonly byMonth: readonly MonthFigures[];
}

/** One indicator of a department's evaluation score (evaluation-score.ts). */
export interface IndicatorScore {
  readonly id: string;
  /** 0..1, or null when the indicator does not apply (no data and `whenNoData: "exclude"`). */
  readonly value: number | null;
  /** value × weight, scaled so the applicable weights add up to 100. */
  readonly points: number;
  /** How the value was made, in words and numbers (e.g. "12 / 15 answered on time"). */
  readonly detail: string;
}

export interface DepartmentScore {
  readonly department: string;
  /** 0..100, two decimals. */
  readonly total: number;
  readonly rank: number;
  readonly indicators: readonly IndicatorScore[];
}

/** The evaluation configuration as read (evaluation-indicators.json), printed with the report. */
export interface EvaluationConfig {
  readonly version: string;
  readonly title: string;
  readonly indicators: readonly IndicatorDefinition[];
}

export type IndicatorMeasure =
  /** numerator / denominator, two figure paths. */
  | { readonly kind: 'ratio'; readonly numerator: string; readonly denominator: string }
  /** 1 − numerator / denominator (e.g. the share of systems flagged). */
  | { readonly kind: 'inverseRatio'; readonly numerator: string; readonly denominator: string }
  /** figure / the best department's figure. */
  | { readonly kind: 'relativeToBest'; readonly figure: string };

export interface IndicatorDefinition {
  readonly id: string;
  /** Chinese name, as printed. */
  readonly name: string;
  readonly description: string;
  readonly weight: number;
  readonly measure: IndicatorMeasure;
  /** With a zero denominator (or a best of zero): full marks, none, or leave the indicator out. */
  readonly whenNoData: 'full' | 'zero' | 'exclude';
  /**
   * A figure path: the indicator applies only to departments for which it is above zero, e.g.
   * use of its data by others only to a department with catalogue items (a consumer-only
   * department is not marked down for providing nothing it was asked to). Absent: all.
   */
  readonly appliesWhen?: string;
}

export interface EvaluationResult {
  readonly config: EvaluationConfig;
  /** Where the configuration was read from, as printed. */
  readonly configSource: string;
  /** By rank (best first; ties by code). */
  readonly scores: readonly DepartmentScore[];
}

export interface CityReport {
  /** Every department's figures added up (distinct counts are distinct across the city). */
  readonly totals: {
    readonly catalogue: CatalogueClassCounts;
    /** All calls across departments (consumer ≠ owner). */
    readonly calls: number;
    readonly fieldsServed: number;
    /** Distinct (consumer, owner) pairs with at least one call: the sharing relations. */
    readonly sharingRelations: number;
    readonly applications: ApplicationFigures;
    readonly grants: GrantFigures;
    readonly errorReports: ErrorReportFigures;
    readonly inventory: Omit<InventoryFigures, 'flagged'>;
  };
  /** Twelve months; callsByOthers = all calls between departments; callsToOthers the same. */
  readonly byMonth: readonly MonthFigures[];
  /** Rankings, best first; ties by code. */
  readonly rankings: {
    readonly byCallsByOthers: readonly { readonly department: string; readonly value: number }[];
    readonly byCallsToOthers: readonly { readonly department: string; readonly value: number }[];
    /** Answered on time / received, departments that received any. */
    readonly byReplyRate: readonly { readonly department: string; readonly value: number }[];
  };
}

export interface YearlyReport {
  readonly year: number;
  /** When it was made, ISO 8601 UTC. */
  readonly generatedAt: string;
  /** The China-time day pending work is judged on: the year's last day, or today within the year. */
  readonly asOf: string;
  /** The department the report was made for; null: the city's (all departments). */
  readonly department: string | null;
  /** Who made it (department/application), as printed. */
  readonly madeBy: string;
  /** Departments in code order (one, for a department's report). */
  readonly departments: readonly DepartmentReport[];
  readonly city: CityReport;
  readonly evaluation: EvaluationResult;
  /** False when the audit rollup had not caught up when the report was read. */
  readonly usageUpToDate: boolean;
}

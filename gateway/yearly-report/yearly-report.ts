/**
 * Makes the yearly sharing report (年度共享报告): reads the graph (report-source.ts), computes
 * the figures (report-figures.ts) and the evaluation (evaluation-score.ts). The CLI
 * (`npm run report`) and the gateway's report page both call this, so they give the same report.
 */
import { departmentReports, cityReport, reportAsOf } from './report-figures';
import type { EvaluationConfig, YearlyReport } from './report-model';
import { GraphQLCall, readReportSources } from './report-source';
import { scoreDepartments } from './evaluation/evaluation-score';

/** The platform's first year: no report of an earlier one. */
export const FIRST_REPORT_YEAR = 2017;

/** A request for a report the caller can correct (400 / BAD_USER_INPUT). */
export class ReportRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReportRequestError';
  }
}

export interface YearlyReportRequest {
  readonly year: number;
  /** One department's report; null or absent: the city's. */
  readonly department?: string | null;
  /** Printed on the report: who made it. */
  readonly madeBy: string;
  readonly evaluation: { readonly config: EvaluationConfig; readonly source: string };
  /** @default now */
  readonly now?: Date;
}

/** Checks a year before anything is read: a whole number from the first year to this one. */
export function checkReportYear(year: unknown, now: Date = new Date()): number {
  const current = Number(reportAsOf(9999, now).slice(0, 4));
  if (
    typeof year !== 'number' ||
    !Number.isInteger(year) ||
    year < FIRST_REPORT_YEAR ||
    year > current
  )
    throw new ReportRequestError(
      `year must be a whole year from ${FIRST_REPORT_YEAR} to ${current}, got ${String(year)}`,
    );
  return year;
}

export async function buildYearlyReport(
  call: GraphQLCall,
  request: YearlyReportRequest,
): Promise<YearlyReport> {
  const now = request.now ?? new Date();
  const year = checkReportYear(request.year, now);
  const asOf = reportAsOf(year, now);
  const sources = await readReportSources(call, year);
  const department = request.department ?? null;
  if (department !== null && !sources.departments.some((d) => d.code === department))
    throw new ReportRequestError(`unknown department "${department}"`);
  const inputs = { sources, year, asOf };
  // Every department is computed and scored, even for one department's report: relative
  // indicators compare it with the best of the city.
  const all = departmentReports(inputs);
  const evaluation = scoreDepartments(all, request.evaluation.config, request.evaluation.source);
  return {
    year,
    generatedAt: now.toISOString(),
    asOf,
    department,
    madeBy: request.madeBy,
    departments: department === null ? all : all.filter((d) => d.code === department),
    city: cityReport(inputs, all),
    evaluation:
      department === null
        ? evaluation
        : { ...evaluation, scores: evaluation.scores.filter((s) => s.department === department) },
    usageUpToDate: sources.usageUpToDate,
  };
}

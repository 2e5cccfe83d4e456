/**
 * Figures of error reports (数据纠错) for the yearly sharing report, as pure functions over rows
 * of `data_error_reports` (error-report-store.ts), so the report reads the table once and the
 * figures are tested without a database.
 *
 * Per owner department and period (China dates, both ends inclusive, of the filing date):
 *  - received: reports filed in the period addressed to the owner;
 *  - corrected / rejected: of those, answered so (whenever the answer came);
 *  - answeredOnTime / answeredLate: answered on or before, or after, the due date;
 *  - correctedOnTime: corrected on or before the due date (the yearly report's 按时更正);
 *  - pending: not answered as of `asOf`; overdue: of those, past their due date as of `asOf`.
 * So received = corrected + rejected + pending, and corrected + rejected = answeredOnTime + answeredLate.
 * A report answered after `asOf` still counts as answered: pass rows read at `asOf` for a
 * report as of a past day.
 */
import type { ErrorReportStatus } from './error-report-rules';

/** The columns the figures read. */
export interface ErrorReportFigureRow {
  owner: string;
  status: ErrorReportStatus;
  reported_on: string;
  due_on: string;
  answered_on: string | null;
}

export interface ErrorReportFigures {
  owner: string;
  received: number;
  corrected: number;
  rejected: number;
  answeredOnTime: number;
  answeredLate: number;
  correctedOnTime: number;
  pending: number;
  overdue: number;
}

export interface FigurePeriod {
  /** First filing date counted, YYYY-MM-DD. */
  from: string;
  /** Last filing date counted, YYYY-MM-DD. */
  to: string;
  /** The day pending reports are judged overdue on, YYYY-MM-DD. */
  asOf: string;
}

const empty = (owner: string): ErrorReportFigures => ({
  owner,
  received: 0,
  corrected: 0,
  rejected: 0,
  answeredOnTime: 0,
  answeredLate: 0,
  correctedOnTime: 0,
  pending: 0,
  overdue: 0,
});

/** One line per owner that received a report in the period, in owner order. */
export function errorReportFigures(
  rows: Iterable<ErrorReportFigureRow>,
  period: FigurePeriod,
): ErrorReportFigures[] {
  const byOwner = new Map<string, ErrorReportFigures>();
  for (const r of rows) {
    const day = String(r.reported_on).slice(0, 10);
    if (day < period.from || day > period.to) continue;
    let f = byOwner.get(r.owner);
    if (!f) byOwner.set(r.owner, (f = empty(r.owner)));
    f.received++;
    if (r.status === 'PENDING' || r.answered_on === null) {
      f.pending++;
      if (period.asOf > String(r.due_on).slice(0, 10)) f.overdue++;
      continue;
    }
    if (r.status === 'CORRECTED') f.corrected++;
    else f.rejected++;
    if (String(r.answered_on).slice(0, 10) > String(r.due_on).slice(0, 10)) f.answeredLate++;
    else {
      f.answeredOnTime++;
      if (r.status === 'CORRECTED') f.correctedOnTime++;
    }
  }
  return [...byOwner.values()].sort((a, b) => (a.owner < b.owner ? -1 : a.owner > b.owner ? 1 : 0));
}

/** The city's line: every owner's figures added up (owner `*`). */
export function totalFigures(lines: readonly ErrorReportFigures[]): ErrorReportFigures {
  const total = empty('*');
  for (const l of lines) {
    total.received += l.received;
    total.corrected += l.corrected;
    total.rejected += l.rejected;
    total.answeredOnTime += l.answeredOnTime;
    total.answeredLate += l.answeredLate;
    total.correctedOnTime += l.correctedOnTime;
    total.pending += l.pending;
    total.overdue += l.overdue;
  }
  return total;
}

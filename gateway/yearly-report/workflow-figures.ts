/**
 * The workflow's figures for one owner (or the city): applications answered on time or late,
 * grants given and ended, error reports corrected; pure, over what the graph gave.
 */
import { ranked } from './ranked-counts';
import { chinaDay } from './report-calendar';
import type { ApplicationFigures, ErrorReportFigures, GrantFigures } from './report-model';
import type { SourceErrorReport, SourceGrant, SourceRequest } from './report-source';

/**
 * Requests filed in the year. A request answered after `asOf` still counts as answered (the
 * graph is read as it is now); one unanswered and past its due day on `asOf` is overdue.
 */
export function applicationFigures(
  requests: readonly SourceRequest[],
  asOf: string,
): ApplicationFigures {
  let answeredOnTime = 0;
  let answeredLate = 0;
  let overduePending = 0;
  const reasons = new Map<string, number>();
  for (const r of requests) {
    if (r.status === 'PENDING' || r.decidedAt === null) {
      if (asOf > r.dueOn) overduePending++;
      continue;
    }
    if (chinaDay(r.decidedAt) > r.dueOn) answeredLate++;
    else answeredOnTime++;
    if (r.status === 'REJECTED') {
      const reason = (r.decisionReason ?? '').trim() || '（未说明）';
      reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    }
  }
  return {
    received: requests.length,
    approved: requests.filter((r) => r.status === 'APPROVED').length,
    rejected: requests.filter((r) => r.status === 'REJECTED').length,
    pending: requests.filter((r) => r.status === 'PENDING' || r.decidedAt === null).length,
    answeredOnTime,
    answeredLate,
    overduePending,
    refusalReasons: ranked(reasons).map(([reason, count]) => ({ reason, count })),
  };
}

/** Grants an owner gave, judged over the year up to `asOf`. */
export function grantFigures(grants: readonly SourceGrant[], year: number, asOf: string) {
  const inYear = (day: string | null) => day !== null && day.startsWith(`${year}-`) && day <= asOf;
  let granted = 0;
  let activeAtEnd = 0;
  let revoked = 0;
  let expired = 0;
  for (const g of grants) {
    const grantedOn = chinaDay(g.grantedAt);
    const revokedOn = g.revokedAt === null ? null : chinaDay(g.revokedAt);
    if (inYear(grantedOn)) granted++;
    if (inYear(revokedOn)) revoked++;
    // validUntil is the last valid day: the grant has expired once a later day has begun.
    const expiredBy = g.validUntil !== null && g.validUntil < asOf;
    if (
      expiredBy &&
      g.validUntil!.startsWith(`${year}-`) &&
      (revokedOn === null || revokedOn > g.validUntil!)
    )
      expired++;
    if (
      grantedOn <= asOf &&
      g.validFrom <= asOf &&
      !expiredBy &&
      (revokedOn === null || revokedOn > asOf)
    )
      activeAtEnd++;
  }
  return { granted, activeAtEnd, revoked, expired } satisfies GrantFigures;
}

/** Error reports filed in the year (the same rules as the sharing subgraph's overdue flag). */
export function errorReportFigures(
  reports: readonly SourceErrorReport[],
  asOf: string,
): ErrorReportFigures {
  const f = {
    received: 0,
    corrected: 0,
    rejected: 0,
    answeredOnTime: 0,
    answeredLate: 0,
    correctedOnTime: 0,
    pending: 0,
    overdue: 0,
  };
  for (const r of reports) {
    f.received++;
    if (r.status === 'PENDING' || r.answeredAt === null) {
      f.pending++;
      if (asOf > r.dueOn) f.overdue++;
      continue;
    }
    if (r.status === 'CORRECTED') f.corrected++;
    else f.rejected++;
    if (chinaDay(r.answeredAt) > r.dueOn) f.answeredLate++;
    else {
      f.answeredOnTime++;
      if (r.status === 'CORRECTED') f.correctedOnTime++;
    }
  }
  return f;
}

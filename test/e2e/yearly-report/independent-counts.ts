/**
 * The yearly report's figures counted again, straight from the tables and by other means: every
 * audit record of the year (not the usage summaries the report reads), and the sharing
 * subgraph's rows (not the graph). Only the rule saying which department owns a field is shared
 * with the platform, since it is the contract both sides read (contracts/field-rules.ts).
 */
import type { Knex } from 'knex';
import { buildFieldRules } from '../../../contracts/field-rules';

const CHINA_OFFSET_MS = 8 * 3_600_000;
const ROOT = /^(Query|Mutation|Subscription)\./;

/** A stored time (a Date from MariaDB, text `YYYY-MM-DD HH:MM:SS.mmm` UTC from SQLite) as China day. */
function chinaDayOf(stored: string | Date): string {
  const ms = stored instanceof Date ? stored.getTime() : Date.parse(`${stored.replace(' ', 'T')}Z`);
  return new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}
const dateText = (v: string | Date | null): string | null =>
  v === null ? null : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10);

export interface ExpectedDepartment {
  callsByOthers: number;
  consumers: Set<string>;
  fieldsServedToOthers: number;
  distinctFieldsUsed: Set<string>;
  callsToOthers: number;
  callsByOthersByMonth: Map<string, number>;
  requestsReceived: number;
  requestsApproved: number;
  requestsRejected: number;
  requestsAnsweredOnTime: number;
  requestsAnsweredLate: number;
  requestsOverduePending: number;
  errorReportsReceived: number;
  errorReportsCorrectedOnTime: number;
  errorReportsOverdue: number;
  grantsGranted: number;
  grantsRevoked: number;
}

const blank = (): ExpectedDepartment => ({
  callsByOthers: 0,
  consumers: new Set(),
  fieldsServedToOthers: 0,
  distinctFieldsUsed: new Set(),
  callsToOthers: 0,
  callsByOthersByMonth: new Map(),
  requestsReceived: 0,
  requestsApproved: 0,
  requestsRejected: 0,
  requestsAnsweredOnTime: 0,
  requestsAnsweredLate: 0,
  requestsOverduePending: 0,
  errorReportsReceived: 0,
  errorReportsCorrectedOnTime: 0,
  errorReportsOverdue: 0,
  grantsGranted: 0,
  grantsRevoked: 0,
});

export async function independentCounts(options: {
  auditDb: Knex;
  sharingDb: Knex;
  supergraphSdl: string;
  year: number;
  asOf: string;
}): Promise<{ byDepartment: Map<string, ExpectedDepartment>; records: number }> {
  const { auditDb, sharingDb, year, asOf } = options;
  const rules = buildFieldRules(options.supergraphSdl);
  const ownerOf = (c: string) => rules.get(c)?.owners[0] ?? null;
  const byDepartment = new Map<string, ExpectedDepartment>();
  const of = (d: string) => {
    let e = byDepartment.get(d);
    if (!e) byDepartment.set(d, (e = blank()));
    return e;
  };
  const inYear = (day: string | null) => day !== null && day.startsWith(`${year}-`);

  const records = (await auditDb('audit_records').select(
    'time',
    'department',
    'fields_served',
    'fields_masked',
    'fields_denied',
  )) as {
    time: string | Date;
    department: string | null;
    fields_served: string;
    fields_masked: string;
    fields_denied: string;
  }[];
  let counted = 0;
  for (const r of records) {
    const day = chinaDayOf(r.time);
    if (!r.department || !inYear(day)) continue;
    counted++;
    const served = new Set([
      ...(JSON.parse(r.fields_served) as string[]),
      ...(JSON.parse(r.fields_masked) as string[]),
    ]);
    const denied = (JSON.parse(r.fields_denied) as { coordinate: string }[]).map(
      (d) => d.coordinate,
    );
    // (resource, owner) pairs this request touched, with the fields served of each.
    const touched = new Map<string, { owner: string; served: number }>();
    for (const c of new Set([...served, ...denied])) {
      if (ROOT.test(c)) continue;
      const owner = ownerOf(c);
      if (!owner) continue;
      const key = `${c.slice(0, c.indexOf('.'))}\u0000${owner}`;
      const t = touched.get(key) ?? { owner, served: 0 };
      if (served.has(c)) {
        t.served++;
        if (owner !== r.department) of(owner).distinctFieldsUsed.add(c);
      }
      touched.set(key, t);
    }
    for (const t of touched.values()) {
      if (t.owner === r.department) continue;
      const owner = of(t.owner);
      owner.callsByOthers++;
      owner.consumers.add(r.department);
      owner.fieldsServedToOthers += t.served;
      const month = day.slice(0, 7);
      owner.callsByOthersByMonth.set(month, (owner.callsByOthersByMonth.get(month) ?? 0) + 1);
      of(r.department).callsToOthers++;
    }
  }

  const requests = (await sharingDb('sharing_requests as r')
    .join('sharing_applications as a', 'a.id', 'r.sharing_application_id')
    .select('r.owner', 'r.status', 'r.due_on', 'r.decided_on', 'a.submitted_on')) as {
    owner: string;
    status: string;
    due_on: string | Date;
    decided_on: string | Date | null;
    submitted_on: string | Date;
  }[];
  for (const r of requests) {
    if (!inYear(dateText(r.submitted_on))) continue;
    const e = of(r.owner);
    const due = dateText(r.due_on)!;
    const decided = dateText(r.decided_on);
    e.requestsReceived++;
    if (r.status === 'APPROVED') e.requestsApproved++;
    if (r.status === 'REJECTED') e.requestsRejected++;
    if (r.status === 'PENDING') {
      if (asOf > due) e.requestsOverduePending++;
    } else if (decided! > due) e.requestsAnsweredLate++;
    else e.requestsAnsweredOnTime++;
  }

  const reports = (await sharingDb('data_error_reports').select(
    'owner',
    'status',
    'reported_on',
    'due_on',
    'answered_on',
  )) as {
    owner: string;
    status: string;
    reported_on: string | Date;
    due_on: string | Date;
    answered_on: string | Date | null;
  }[];
  for (const r of reports) {
    if (!inYear(dateText(r.reported_on))) continue;
    const e = of(r.owner);
    const due = dateText(r.due_on)!;
    e.errorReportsReceived++;
    if (r.status === 'PENDING') {
      if (asOf > due) e.errorReportsOverdue++;
    } else if (r.status === 'CORRECTED' && dateText(r.answered_on)! <= due)
      e.errorReportsCorrectedOnTime++;
  }

  const grants = (await sharingDb('grants').select('granted_by', 'granted_at', 'revoked_at')) as {
    granted_by: string;
    granted_at: string;
    revoked_at: string | null;
  }[];
  const isoDay = (iso: string | null) =>
    iso === null ? null : new Date(Date.parse(iso) + CHINA_OFFSET_MS).toISOString().slice(0, 10);
  for (const g of grants) {
    const e = of(g.granted_by);
    const granted = isoDay(g.granted_at);
    const revoked = isoDay(g.revoked_at);
    if (inYear(granted) && granted! <= asOf) e.grantsGranted++;
    if (inYear(revoked) && revoked! <= asOf) e.grantsRevoked++;
  }
  return { byDepartment, records: counted };
}

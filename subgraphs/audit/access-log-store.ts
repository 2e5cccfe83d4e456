/**
 * A department's access log: its records newest first, one keyset page at a time, through the
 * (department, time) and (department, application, time) indexes, or the (time) index for the
 * bureau's view of every department. Deep pages cost the same as the first.
 */
import DataLoader from 'dataloader';
import { Knex } from 'knex';
import { DOCUMENTS_TABLE, RECORDS_TABLE } from '../../contracts/audit/audit-rows';
import { rowLoader } from '../kit/batch';
import { InstantRange } from './time-window';

export interface AccessLogFilter {
  /** null: every department (the bureau). */
  readonly department: string | null;
  readonly application: string | null;
  readonly range: InstantRange;
}

/** Newest first; ties in time broken by record id, so pages neither skip nor repeat. */
export interface TimeKey {
  /** Stored form. */
  readonly time: string;
  readonly id: string;
}

export interface AccessLogRow {
  id: string;
  time: string;
  department: string | null;
  application: string | null;
  operator: string | null;
  operation_name: string | null;
  document_hash: string | null;
  purpose: string | null;
  fields_requested: string;
  fields_served: string;
  fields_masked: string;
  fields_denied: string;
  subgraphs: string;
  outcome: string;
  http_status: number | string;
  error_codes: string;
  latency_ms: number | string;
  /** 办件编号 and 事项编码 of a case-bound request; null otherwise. */
  case_number: string | null;
  item_code: string | null;
  /** EXPORT_CSV or EXPORT_XLSX for a workbench export; null for an ordinary response. */
  delivery: string | null;
  /** The W3C trace id when the gateway traced the request (record-trace.ts); null otherwise. */
  trace_id: string | null;
}

const COLUMNS = [
  'id',
  'time',
  'department',
  'application',
  'operator',
  'operation_name',
  'document_hash',
  'purpose',
  'fields_requested',
  'fields_served',
  'fields_masked',
  'fields_denied',
  'subgraphs',
  'outcome',
  'http_status',
  'error_codes',
  'latency_ms',
  'case_number',
  'item_code',
  'delivery',
  'trace_id',
];

function filtered(db: Knex, filter: AccessLogFilter): Knex.QueryBuilder {
  const q = db(RECORDS_TABLE);
  if (filter.department !== null) q.where('department', filter.department);
  if (filter.application !== null) q.where('application', filter.application);
  if (filter.range.from !== null) q.where('time', '>=', filter.range.from);
  if (filter.range.to !== null) q.where('time', '<', filter.range.to);
  return q;
}

export function accessLogQuery(
  db: Knex,
  filter: AccessLogFilter,
  limit: number,
  before: TimeKey | null,
): Knex.QueryBuilder {
  const q = filtered(db, filter)
    .select(COLUMNS)
    .orderBy([
      { column: 'time', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])
    .limit(limit);
  if (before)
    q.where((w) =>
      w
        .where('time', '<', before.time)
        .orWhere((x) => x.where('time', before.time).where('id', '<', before.id)),
    );
  return q;
}

export async function accessLogPage(
  db: Knex,
  filter: AccessLogFilter,
  limit: number,
  before: TimeKey | null,
): Promise<AccessLogRow[]> {
  return (await accessLogQuery(db, filter, limit, before)) as AccessLogRow[];
}

export async function countAccessLog(db: Knex, filter: AccessLogFilter): Promise<number> {
  const row = (await filtered(db, filter).count({ n: '*' }).first()) as { n: number | string };
  return Number(row.n);
}

/** GraphQL documents by SHA-256, one query per batch of records. */
export function documentLoader(
  db: Knex,
): DataLoader<string, { hash: string; text: string } | null> {
  return rowLoader<{ hash: string; text: string }>(db, DOCUMENTS_TABLE, 'hash', (q) =>
    q.select('hash', 'text'),
  );
}

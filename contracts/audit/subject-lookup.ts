/**
 * "Who looked at my data" (cf. Estonia's Andmejälgija): the accesses that returned a given data
 * subject's data, newest first. The subject is looked up by its keyed hash (the caller hashes
 * the ID number with AuditTrail.subjectHash), through the (subject_hash, time) index: one index
 * range per monthly partition, then one primary-key lookup per access, whatever the log's size.
 */
import { Knex } from 'knex';
import { dbTime, isoTime, RECORDS_TABLE, SUBJECTS_TABLE } from './audit-rows';

export interface SubjectAccess {
  readonly recordId: string;
  readonly time: string;
  readonly department: string | null;
  readonly application: string | null;
  readonly operator: string | null;
  readonly purpose: string | null;
  readonly operationName: string | null;
  readonly fieldsServed: string[];
  readonly fieldsMasked: string[];
  readonly outcome: string;
  /** 办件编号 and 事项编码 of a case-bound request (record-case.ts); null otherwise. */
  readonly caseNumber: string | null;
  readonly itemCode: string | null;
  /** EXPORT_CSV or EXPORT_XLSX when the access was a workbench export (record-delivery.ts); null otherwise. */
  readonly delivery: string | null;
}

export interface SubjectAccessQuery {
  readonly subjectHash: string;
  /** @default 100 */
  readonly limit?: number;
  /**
   * Keyset paging: only accesses older than this one (pass the last access of the previous page).
   * Ties in time are broken by record id, so no access is skipped or repeated across pages.
   */
  readonly before?: { readonly time: string; readonly recordId: string };
}

export function subjectAccessQuery(db: Knex, query: SubjectAccessQuery): Knex.QueryBuilder {
  const q = db(`${SUBJECTS_TABLE} as s`)
    .join(`${RECORDS_TABLE} as r`, (j) => j.on('r.id', 's.record_id').andOn('r.time', 's.time'))
    .where('s.subject_hash', query.subjectHash)
    .orderBy([
      { column: 's.time', order: 'desc' },
      { column: 's.record_id', order: 'desc' },
    ])
    .limit(query.limit ?? 100)
    .select(
      'r.id',
      'r.time',
      'r.department',
      'r.application',
      'r.operator',
      'r.purpose',
      'r.operation_name',
      'r.fields_served',
      'r.fields_masked',
      'r.outcome',
      'r.case_number',
      'r.item_code',
      'r.delivery',
    );
  if (query.before) {
    const time = dbTime(query.before.time);
    const id = query.before.recordId;
    q.where((w) =>
      w
        .where('s.time', '<', time)
        .orWhere((x) => x.where('s.time', time).where('s.record_id', '<', id)),
    );
  }
  return q;
}

interface AccessRow {
  id: string;
  time: string;
  department: string | null;
  application: string | null;
  operator: string | null;
  purpose: string | null;
  operation_name: string | null;
  fields_served: string;
  fields_masked: string;
  outcome: string;
  case_number: string | null;
  item_code: string | null;
  delivery?: string | null;
}

export async function accessesToSubject(
  db: Knex,
  query: SubjectAccessQuery,
): Promise<SubjectAccess[]> {
  const rows = (await subjectAccessQuery(db, query)) as AccessRow[];
  return rows.map((r) => ({
    recordId: r.id,
    time: isoTime(r.time),
    department: r.department,
    application: r.application,
    operator: r.operator,
    purpose: r.purpose,
    operationName: r.operation_name,
    fieldsServed: JSON.parse(r.fields_served) as string[],
    fieldsMasked: JSON.parse(r.fields_masked) as string[],
    outcome: r.outcome,
    caseNumber: r.case_number ?? null,
    itemCode: r.item_code ?? null,
    delivery: r.delivery ?? null,
  }));
}

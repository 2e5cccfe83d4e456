/**
 * "Who looked at my data" (cf. Estonia's Andmejälgija): the accesses that returned a given data
 * subject's data, newest first. The subject is looked up by its keyed hash (the caller hashes
 * the ID number with AuditTrail.subjectHash), in (subject_hash, time) order: on MariaDB one index
 * range per monthly partition, on SQLite the lookup table beside the subject rows, the recent
 * one and the rows not folded into either yet (subject-index.ts); then one primary-key lookup
 * per access, whatever the log's size.
 */
import { Knex } from 'knex';
import { isMysql } from '../database/database';
import { dbTime, isoTime, RECORDS_TABLE, SUBJECTS_TABLE } from './audit-rows';
import { pendingSubjectRows, SUBJECT_INDEX_TABLE, SUBJECT_RECENT_TABLE } from './subject-index';

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

/** Newest first in (time, record_id) order, the order keyset paging walks. */
const newestFirst = (prefix: string) => [
  { column: `${prefix}time`, order: 'desc' as const },
  { column: `${prefix}record_id`, order: 'desc' as const },
];

/** Keyset paging: rows strictly older than `before` in (time, record_id) order. */
function olderThan(q: Knex.QueryBuilder, prefix: string, before: SubjectAccessQuery['before']) {
  if (!before) return q;
  const time = dbTime(before.time);
  const id = before.recordId;
  return q.where((w) =>
    w
      .where(`${prefix}time`, '<', time)
      .orWhere((x) => x.where(`${prefix}time`, time).where(`${prefix}record_id`, '<', id)),
  );
}

/**
 * The subject's rows as (record_id, time, subject_hash) under the alias `s`: on MariaDB the
 * table itself; on SQLite the newest `limit` of the lookup table and of the recent one (their
 * primary keys are in that order) and the rows not folded into either yet (subject-index.ts).
 */
function subjectRows(db: Knex, query: SubjectAccessQuery, limit: number): Knex.QueryBuilder {
  if (isMysql(db)) return db(`${SUBJECTS_TABLE} as s`);
  const newest = (table: string, alias: string) =>
    db.select('*').from(
      olderThan(
        db(`${table} as ${alias}`)
          .select(`${alias}.record_id`, `${alias}.time`, `${alias}.subject_hash`)
          .where(`${alias}.subject_hash`, query.subjectHash)
          .orderBy(newestFirst(`${alias}.`))
          .limit(limit),
        `${alias}.`,
        query.before,
      ).as(`newest_${alias}`),
    );
  const rows = newest(SUBJECT_INDEX_TABLE, 'i')
    .unionAll(newest(SUBJECT_RECENT_TABLE, 'n'))
    .unionAll(pendingSubjectRows(db, query.subjectHash));
  return db.from(rows.as('s'));
}

export function subjectAccessQuery(db: Knex, query: SubjectAccessQuery): Knex.QueryBuilder {
  const limit = query.limit ?? 100;
  const q = subjectRows(db, query, limit)
    .join(`${RECORDS_TABLE} as r`, (j) => j.on('r.id', 's.record_id').andOn('r.time', 's.time'))
    .where('s.subject_hash', query.subjectHash)
    .orderBy(newestFirst('s.'))
    .limit(limit)
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
  return olderThan(q, 's.', query.before);
}

/** How many accesses returned the subject's data (rows of the subject, whatever their age). */
export async function countSubjectAccesses(db: Knex, subjectHash: string): Promise<number> {
  const count = async (q: Knex.QueryBuilder) =>
    Number(((await q.count({ n: '*' }).first()) as { n: number | string }).n);
  if (isMysql(db)) return count(db(SUBJECTS_TABLE).where('subject_hash', subjectHash));
  return (
    (await count(db(SUBJECT_INDEX_TABLE).where('subject_hash', subjectHash))) +
    (await count(db(SUBJECT_RECENT_TABLE).where('subject_hash', subjectHash))) +
    (await count(db.from(pendingSubjectRows(db, subjectHash).as('p'))))
  );
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

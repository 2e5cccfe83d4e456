/** Reading back what the gateway's audit trail stored, for the audit scenarios. */
import { Knex } from 'knex';
import { AuditRecord } from '../../../gateway/audit';
import { RecordRow, rowToRecord, SubjectRow } from '../../../contracts/audit/audit-rows';

export const AUDIT_TABLES = [
  'audit_records',
  'audit_subjects',
  'audit_documents',
  'audit_checkpoints',
] as const;

/** Every record stored for this request id, subjects included. */
export async function recordsFor(db: Knex, requestId: string): Promise<AuditRecord[]> {
  const rows = (await db('audit_records').where({ request_id: requestId })) as RecordRow[];
  const out: AuditRecord[] = [];
  for (const row of rows)
    out.push(
      rowToRecord(row, (await db('audit_subjects').where({ record_id: row.id })) as SubjectRow[]),
    );
  return out;
}

/** How many records each request id has, for the ids given. */
export async function recordCounts(
  db: Knex,
  requestIds: readonly string[],
): Promise<Map<string, number>> {
  const counts = new Map<string, number>(requestIds.map((id) => [id, 0]));
  for (let i = 0; i < requestIds.length; i += 500) {
    const rows = (await db('audit_records')
      .whereIn('request_id', requestIds.slice(i, i + 500))
      .select('request_id')
      .count({ n: '*' })
      .groupBy('request_id')) as { request_id: string; n: number | string }[];
    for (const r of rows) counts.set(r.request_id, Number(r.n));
  }
  return counts;
}

/** Request ids stored more than once (none, ever: one request, one record). */
export async function duplicatedRequestIds(db: Knex): Promise<string[]> {
  const rows = (await db('audit_records')
    .select('request_id')
    .count({ n: '*' })
    .groupBy('request_id')
    .having(db.raw('count(*) > 1'))) as { request_id: string }[];
  return rows.map((r) => r.request_id);
}

/** Everything the audit database holds, as one text: to check what never appears in it. */
export async function storedText(db: Knex): Promise<string> {
  const parts: string[] = [];
  for (const table of AUDIT_TABLES) parts.push(JSON.stringify(await db(table).select()));
  return parts.join('\n');
}

/**
 * What probing-flags.ts reads: the records of a period (one range of the time index), and their
 * subjects by record id (the primary key's prefix), in batches.
 */
import { Knex } from 'knex';
import { LOOKUP_MISSES_COLUMN } from '../../domain/subject-quota';
import { RECORDS_TABLE, SUBJECTS_TABLE } from '../../contracts/audit/audit-rows';
import type { ProbeRecordRow } from './probing-flags';

const BATCH = 500;

export async function probeRecords(
  db: Knex,
  range: { from: string; to: string },
  department: string | null,
): Promise<ProbeRecordRow[]> {
  const q = db(RECORDS_TABLE)
    .select('id', 'time', 'department', 'application', 'fields_requested', LOOKUP_MISSES_COLUMN)
    .where('time', '>=', range.from)
    .where('time', '<', range.to)
    .whereNotNull('department');
  if (department !== null) q.where('department', department);
  return (await q) as ProbeRecordRow[];
}

export async function subjectsOfRecords(
  db: Knex,
  ids: readonly string[],
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (let i = 0; i < ids.length; i += BATCH) {
    const rows = (await db(SUBJECTS_TABLE)
      .whereIn('record_id', ids.slice(i, i + BATCH))
      .select('record_id', 'kind', 'subject_hash')) as {
      record_id: string;
      kind: string;
      subject_hash: string;
    }[];
    for (const r of rows) {
      const list = out.get(r.record_id) ?? [];
      list.push(`${r.kind}:${r.subject_hash}`);
      out.set(r.record_id, list);
    }
  }
  return out;
}

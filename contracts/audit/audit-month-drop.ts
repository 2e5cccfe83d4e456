/**
 * Removes one UTC month of audit_records and audit_subjects, for retention after the month was
 * archived (gateway/audit/retention/). On MariaDB a month with its own partition (pYYYYMM,
 * audit-partitions.ts) is dropped with ALTER TABLE … DROP PARTITION: O(1), no undo log, no
 * long lock. A month inside p_before or pmax, and every month on SQLite, is deleted by time
 * range in batches, so no single transaction holds millions of row locks.
 */
import { Knex } from 'knex';
import { isMysql } from '../database/database';
import {
  addMonths,
  existingPartitions,
  partitionName,
  PARTITIONED_TABLES,
} from './audit-partitions';
import { dbTime } from './audit-rows';

/**
 * What names a row on SQLite: the rowid, but audit_subjects has none since 011
 * (subject-rows-migration.ts) and is named by its primary key.
 */
const SQLITE_ROW_KEY: Record<(typeof PARTITIONED_TABLES)[number], [string, string]> = {
  audit_records: ['rowid', 'rowid'],
  audit_subjects: ['(record_id, kind, subject_hash, time)', 'record_id, kind, subject_hash, time'],
};

/** Rows per DELETE when a month has no partition of its own. @default 5000 */
export const DELETE_BATCH = 5000;

export interface MonthDropResult {
  /** Per table: 'partition' when its partition was dropped, else the rows deleted. */
  readonly tables: Record<string, 'partition' | number>;
}

export function monthRange(month: Date): { from: string; to: string } {
  return {
    from: dbTime(month.toISOString()),
    to: dbTime(addMonths(month, 1).toISOString()),
  };
}

async function deleteInBatches(
  db: Knex,
  table: (typeof PARTITIONED_TABLES)[number],
  range: { from: string; to: string },
  batch: number,
): Promise<number> {
  let total = 0;
  for (;;) {
    const n = isMysql(db)
      ? Number(
          (
            (await db.raw('DELETE FROM ?? WHERE `time` >= ? AND `time` < ? LIMIT ?', [
              table,
              range.from,
              range.to,
              batch,
            ])) as [{ affectedRows: number }]
          )[0].affectedRows,
        )
      : Number(
          await db
            .raw(
              `DELETE FROM "${table}" WHERE ${SQLITE_ROW_KEY[table][0]} IN (SELECT ${SQLITE_ROW_KEY[table][1]} FROM "${table}" WHERE time >= ? AND time < ? LIMIT ?) RETURNING 1`,
              [range.from, range.to, batch],
            )
            .then((rows: unknown[]) => rows.length),
        );
    total += n;
    if (n < batch) return total;
  }
}

/** Removes the month (its first day, UTC) from both partitioned tables. */
export async function dropAuditMonth(
  db: Knex,
  month: Date,
  batch = DELETE_BATCH,
): Promise<MonthDropResult> {
  const range = monthRange(month);
  const tables: Record<string, 'partition' | number> = {};
  for (const table of PARTITIONED_TABLES) {
    if (isMysql(db)) {
      const name = partitionName(month);
      if ((await existingPartitions(db, table)).some((p) => p.name === name)) {
        await db.raw(`ALTER TABLE ?? DROP PARTITION ${name}`, [table]);
        tables[table] = 'partition';
        continue;
      }
    }
    tables[table] = await deleteInBatches(db, table, range, batch);
  }
  return { tables };
}

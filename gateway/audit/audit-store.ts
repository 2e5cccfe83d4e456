/**
 * Writes shipped journal content into the audit database. Every insert ignores rows that are
 * already there (same record id, same subject row, same document hash, same checkpoint), so a
 * batch shipped twice — after a crash between commit and cursor write, or on a replay — leaves
 * one row each.
 */
import { Knex } from 'knex';
import { insertSqliteRows } from '../../contracts/database/sqlite-insert';
import { DatabaseTarget, isMysql, openDatabase } from '../../contracts/database/database';
import { migrateToLatest } from '../../contracts/database/migrations';
import type { AuditRecord } from '../../contracts/audit/audit-record';
import { auditMigrations } from '../../contracts/audit/audit-migrations';
import {
  addMonths,
  DEFAULT_MONTHS_AHEAD,
  ensureMonthlyPartitions,
  monthStart,
} from '../../contracts/audit/audit-partitions';
import {
  checkpointToRow,
  CHECKPOINTS_TABLE,
  dbTime,
  DOCUMENTS_TABLE,
  recordToRow,
  RECORDS_TABLE,
  subjectRows,
  SUBJECTS_TABLE,
} from '../../contracts/audit/audit-rows';
import type { Checkpoint } from '../../contracts/audit/checkpoint';

export interface ShipBatch {
  readonly records: readonly AuditRecord[];
  /** Document texts by hash, from the journal lines that carried them. */
  readonly documents: ReadonlyMap<string, string>;
  readonly checkpoints: readonly Checkpoint[];
}

/** Keeps each statement well under SQLite's 32,766 and MariaDB's 65,535 bound parameters. */
const MAX_PARAMETERS = 30_000;

/**
 * Opens and migrates the audit database; on MariaDB also makes sure the next 12 months have
 * their partitions, so a gateway that runs for years never writes into the catch-all.
 */
export async function openAuditDatabase(
  target: DatabaseTarget,
  now: Date = new Date(),
): Promise<Knex> {
  const db = await openDatabase(target, { poolMax: 4 });
  try {
    await migrateToLatest(db, auditMigrations);
    if (isMysql(db))
      await ensureMonthlyPartitions(db, {
        through: addMonths(monthStart(now), DEFAULT_MONTHS_AHEAD),
      });
  } catch (err) {
    await db.destroy();
    throw err;
  }
  return db;
}

async function insertIgnoringDuplicates(
  trx: Knex.Transaction,
  table: string,
  rows: readonly object[],
  key: string[],
): Promise<void> {
  if (rows.length === 0) return;
  // The shipper shares the gateway's thread: on SQLite, prepared statements on the driver cost a
  // fraction of what knex's generated multi-row statements do.
  if (!isMysql(trx))
    return insertSqliteRows(
      trx,
      table,
      rows as Record<string, unknown>[],
      'ignore-duplicates',
      false,
    );
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / Object.keys(rows[0]).length));
  for (let i = 0; i < rows.length; i += perStatement) {
    // Not INSERT IGNORE on MariaDB: it would also turn a too-long value into a silent
    // truncation, storing something other than what was hashed. A no-op update only skips duplicates.
    await trx(table)
      .insert(rows.slice(i, i + perStatement))
      .onConflict(key)
      .merge([key[0]]);
  }
}

export async function storeBatch(
  db: Knex,
  batch: ShipBatch,
  now: Date = new Date(),
): Promise<void> {
  const firstSeen = dbTime(now.toISOString());
  await db.transaction(async (trx) => {
    await insertIgnoringDuplicates(
      trx,
      DOCUMENTS_TABLE,
      [...batch.documents].map(([hash, text]) => ({ hash, text, first_seen: firstSeen })),
      ['hash'],
    );
    await insertIgnoringDuplicates(trx, RECORDS_TABLE, batch.records.map(recordToRow), [
      'id',
      'time',
    ]);
    await insertIgnoringDuplicates(trx, SUBJECTS_TABLE, batch.records.flatMap(subjectRows), [
      'record_id',
      'kind',
      'subject_hash',
      'time',
    ]);
    await insertIgnoringDuplicates(trx, CHECKPOINTS_TABLE, batch.checkpoints.map(checkpointToRow), [
      'chain',
      'seq',
    ]);
  });
}

/**
 * Writes shipped journal content into the audit database. Every insert ignores rows that are
 * already there (same record id, same subject row, same document hash, same checkpoint), so a
 * batch shipped twice — after a crash between commit and cursor write, or on a replay — leaves
 * one row each.
 */
import { Knex } from 'knex';
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

interface SqliteStatement {
  run(params: unknown[]): unknown;
}
interface SqliteConnection {
  prepare(sql: string): SqliteStatement;
}

/**
 * Rows grouped by the columns they set, in order of first appearance. A row leaves out a column
 * it has no value for (a record's trace id before tracing existed), and the statement must then
 * leave it out too rather than take the first row's columns for all: a traced record shipped
 * behind an untraced one would lose its trace id, and the verifier the record.
 */
function byColumns(rows: readonly object[]): Map<string, { columns: string[]; rows: object[] }> {
  const groups = new Map<string, { columns: string[]; rows: object[] }>();
  for (const row of rows) {
    const columns = Object.keys(row).filter(
      (c) => (row as Record<string, unknown>)[c] !== undefined,
    );
    const signature = columns.join('\0');
    let group = groups.get(signature);
    if (!group) groups.set(signature, (group = { columns, rows: [] }));
    group.rows.push(row);
  }
  return groups;
}

/**
 * The shipper shares the gateway's thread, and SQL text built anew for every batch (knex's query
 * builder walks every value of every row) cost more than the database itself: statements are
 * written once per table, columns and row count, and on SQLite prepared once per connection.
 */
const sqliteStatements = new WeakMap<object, Map<string, SqliteStatement>>();
const mysqlStatements = new Map<string, string>();
const MAX_CACHED_STATEMENTS = 200;

function sqliteInsertSql(table: string, columns: readonly string[], rows = 1): string {
  const row = `(${columns.map(() => '?').join(', ')})`;
  return `INSERT OR IGNORE INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES ${new Array<string>(rows).fill(row).join(', ')}`;
}

/**
 * Rows one SQLite statement inserts, where a table has that many: a people page's fifty subject
 * rows a record were fifty calls into the driver, each binding and stepping a statement of its
 * own, and the calls cost about a fifth of storing them. Under SQLite's 32,766 parameters at the
 * widest table.
 */
export const ROWS_PER_INSERT = 32;

function sqliteStatement(conn: SqliteConnection, sql: string) {
  let statements = sqliteStatements.get(conn);
  if (!statements) sqliteStatements.set(conn, (statements = new Map()));
  let statement = statements.get(sql);
  if (!statement) {
    if (statements.size >= MAX_CACHED_STATEMENTS) statements.clear();
    statements.set(sql, (statement = conn.prepare(sql)));
  }
  return statement;
}

/** The statement knex writes for `.insert(rows).onConflict(key).merge([key[0]])`, for `count` rows. */
function mysqlInsert(table: string, columns: readonly string[], count: number, key: string[]) {
  const cacheKey = `${table}\0${columns.join(',')}\0${count}\0${key[0]}`;
  let sql = mysqlStatements.get(cacheKey);
  if (sql === undefined) {
    const row = `(${columns.map(() => '?').join(', ')})`;
    sql =
      `insert into \`${table}\` (${columns.map((c) => `\`${c}\``).join(', ')}) values ` +
      `${new Array<string>(count).fill(row).join(', ')} ` +
      `on duplicate key update \`${key[0]}\` = values(\`${key[0]}\`)`;
    if (mysqlStatements.size >= MAX_CACHED_STATEMENTS) mysqlStatements.clear();
    mysqlStatements.set(cacheKey, sql);
  }
  return sql;
}

async function insertIgnoringDuplicates(
  trx: Knex.Transaction,
  table: string,
  rows: readonly object[],
  key: string[],
): Promise<void> {
  if (rows.length === 0) return;
  if (!isMysql(trx)) {
    // On SQLite, prepared statements run on the driver: the transaction's own connection.
    const conn = (await trx.client.acquireConnection()) as SqliteConnection;
    try {
      for (const group of insertGroups([{ table, rows, key }])) {
        const statement = sqliteStatement(conn, group.sql);
        for (let i = 0; i < group.values.length; i += group.parameters)
          statement.run(group.values.slice(i, i + group.parameters));
      }
    } finally {
      await trx.client.releaseConnection(conn);
    }
    return;
  }
  const groups = byColumns(rows);
  for (const { columns, rows: group } of groups.values()) {
    const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
    for (let i = 0; i < group.length; i += perStatement) {
      const part = group.slice(i, i + perStatement);
      const bindings: unknown[] = [];
      for (const row of part) {
        const r = row as Record<string, unknown>;
        for (const c of columns) bindings.push(r[c]);
      }
      // Not INSERT IGNORE on MariaDB: it would also turn a too-long value into a silent
      // truncation, storing something other than what was hashed. A no-op update only skips duplicates.
      await trx.raw(mysqlInsert(table, columns, part.length, key), bindings as Knex.RawBinding[]);
    }
  }
}

/** One table's rows of a batch, with the columns that make a row the same row. */
export interface TableRows {
  readonly table: string;
  readonly rows: readonly object[];
  readonly key: string[];
}

/** A batch as the rows it adds, table by table in the order they are written. */
export function batchRows(batch: ShipBatch, now: Date = new Date()): TableRows[] {
  const firstSeen = dbTime(now.toISOString());
  return [
    {
      table: DOCUMENTS_TABLE,
      rows: [...batch.documents].map(([hash, text]) => ({ hash, text, first_seen: firstSeen })),
      key: ['hash'],
    },
    { table: RECORDS_TABLE, rows: batch.records.map(recordToRow), key: ['id', 'time'] },
    {
      table: SUBJECTS_TABLE,
      rows: batch.records.flatMap(subjectRows),
      key: ['record_id', 'kind', 'subject_hash', 'time'],
    },
    {
      table: CHECKPOINTS_TABLE,
      rows: batch.checkpoints.map(checkpointToRow),
      key: ['chain', 'seq'],
    },
  ];
}

/**
 * Rows of one table that share their columns, their values flat in column order: what the
 * embedded database's own thread inserts (sqlite-checkpointer.ts), cheap to send it.
 */
export interface InsertGroup {
  /** SQLite's INSERT OR IGNORE of one or of ROWS_PER_INSERT rows of these columns. */
  readonly sql: string;
  /** Values bound by one run of `sql`. */
  readonly parameters: number;
  readonly values: unknown[];
}

/** The values of `rows`, flat, in column order. */
function flatValues(rows: readonly object[], columns: readonly string[]): unknown[] {
  const values: unknown[] = [];
  for (const row of rows) {
    const r = row as Record<string, unknown>;
    for (const c of columns) values.push(r[c] ?? null);
  }
  return values;
}

/** Rows of a table with the same columns: ROWS_PER_INSERT to a statement, and the rest one by one. */
export function insertGroups(tables: readonly TableRows[]): InsertGroup[] {
  const groups: InsertGroup[] = [];
  for (const { table, rows } of tables) {
    for (const { columns, rows: group } of byColumns(rows).values()) {
      const whole = group.length - (group.length % ROWS_PER_INSERT);
      if (whole > 0)
        groups.push({
          sql: sqliteInsertSql(table, columns, ROWS_PER_INSERT),
          parameters: columns.length * ROWS_PER_INSERT,
          values: flatValues(group.slice(0, whole), columns),
        });
      if (whole < group.length)
        groups.push({
          sql: sqliteInsertSql(table, columns),
          parameters: columns.length,
          values: flatValues(group.slice(whole), columns),
        });
    }
  }
  return groups;
}

export async function storeBatch(
  db: Knex,
  batch: ShipBatch,
  now: Date = new Date(),
): Promise<void> {
  const tables = batchRows(batch, now);
  await db.transaction(async (trx) => {
    for (const { table, rows, key } of tables)
      await insertIgnoringDuplicates(trx, table, rows, key);
  });
}

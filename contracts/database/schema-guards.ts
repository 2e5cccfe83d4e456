/**
 * Schema steps that can run again over themselves. MariaDB commits each DDL statement on its own,
 * outside the migration's transaction: a process killed after a migration's table, column or
 * index exists but before knex has noted the migration leaves the step done and unrecorded, and
 * the next start runs the migration again. Each step therefore does only what is missing. SQLite
 * rolls a killed migration back whole, so there the checks simply find nothing done.
 */
import { Knex } from 'knex';
import { isMysql } from './database';

export async function indexExists(db: Knex, table: string, index: string): Promise<boolean> {
  if (isMysql(db)) {
    const [rows] = (await db.raw(
      'SELECT 1 FROM information_schema.statistics WHERE table_schema = DATABASE() AND table_name = ? AND index_name = ? LIMIT 1',
      [table, index],
    )) as [unknown[]];
    return rows.length > 0;
  }
  const rows = (await db.raw(
    "SELECT 1 FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND name = ?",
    [table, index],
  )) as unknown[];
  return rows.length > 0;
}

/** Adds, in one ALTER TABLE, those of `columns` (name → how to add it) the table lacks. */
export async function addMissingColumns(
  db: Knex,
  table: string,
  columns: Readonly<Record<string, (t: Knex.AlterTableBuilder) => void>>,
): Promise<void> {
  const missing: ((t: Knex.AlterTableBuilder) => void)[] = [];
  for (const [name, add] of Object.entries(columns))
    if (!(await db.schema.hasColumn(table, name))) missing.push(add);
  if (missing.length === 0) return;
  await db.schema.alterTable(table, (t) => {
    for (const add of missing) add(t);
  });
}

/** Adds each of `indexes` (name → columns) the table lacks, one statement each. */
export async function addMissingIndexes(
  db: Knex,
  table: string,
  indexes: Readonly<Record<string, readonly string[]>>,
): Promise<void> {
  for (const [name, columns] of Object.entries(indexes)) {
    if (await indexExists(db, table, name)) continue;
    await db.schema.alterTable(table, (t) => {
      t.index([...columns], name);
    });
  }
}

/**
 * Creates the table unless it is there. On MariaDB knex adds a table's secondary indexes in
 * statements of their own after CREATE TABLE: add those with addMissingIndexes, so that a table
 * created just before a kill still gets them. (On SQLite the migration's transaction keeps a table
 * and its indexes together.)
 */
export async function createTableIfMissing(
  db: Knex,
  table: string,
  build: (t: Knex.CreateTableBuilder) => void,
): Promise<void> {
  if (await db.schema.hasTable(table)) return;
  await db.schema.createTable(table, build);
}

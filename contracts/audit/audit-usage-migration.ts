/**
 * 002: what reading the trail needs beyond the evidence tables (the audit subgraph,
 * subgraphs/audit/, reads and maintains these; the gateway only migrates them):
 *
 *   audit_records indexes (time, id), (department, time, id), (department, application, time, id)
 *                      a department's log (or the bureau's of all), newest first in pages of
 *                      (time, id): read in index order, no sort. With only (department, time) the
 *                      partitioned table sorted every row of the department for each page
 *                      (0.5 s at 2,000,000 records; 11 s for all departments), since MariaDB does
 *                      not use the primary key appended to a secondary index for ORDER BY … id.
 *                      The application index keeps one system's log one range, however much
 *                      traffic the department's other systems make.
 *   audit_usage_fields per period (a China-time day `YYYY-MM-DD`, and its month `YYYY-MM`),
 *                      consuming department, application, purpose and field coordinate: how many
 *                      requests were served / masked / denied the field, first and last. Owners'
 *                      "who used my data" and the yearly evaluation read this, not millions of
 *                      records: whole months from the month rows, the days at either end from
 *                      the day rows.
 *   audit_usage_resources per month, consuming department, resource type and owner department:
 *                      requests and fields served / masked / denied (the bureau's statistics).
 *   audit_usage_cursor per chain, the last record seq summarised into the two tables above.
 *
 * The usage tables are derived, not evidence: nothing is hashed or verified in them, and they
 * can be rebuilt from audit_records (empty them and the cursor). A row is identified by a SHA-256
 * of its grouping columns (`key_hash`), because purposes and department names are free text up
 * to 500 characters and would not fit an index key in full; the primary key leads with the period
 * (and field), so that what a query reads, a year of an owner's fields, lies together on disk
 * rather than one random page per row (5.8 s instead of well under one at 3,000,000 usage rows).
 */
import { Knex } from 'knex';
import { isMysql } from '../database/database';
import { Migration } from '../database/migrations';
import { addMissingIndexes, createTableIfMissing } from '../database/schema-guards';

export const USAGE_FIELDS_TABLE = 'audit_usage_fields';
export const USAGE_RESOURCES_TABLE = 'audit_usage_resources';
export const USAGE_CURSOR_TABLE = 'audit_usage_cursor';
/** Name → columns of the indexes this migration adds to audit_records. */
const RECORD_INDEXES: Readonly<Record<string, readonly string[]>> = {
  audit_records_time_id: ['time', 'id'],
  audit_records_department_time_id: ['department', 'time', 'id'],
  audit_records_department_application_time_id: ['department', 'application', 'time', 'id'],
};

const ASCII = 'CHARACTER SET ascii COLLATE ascii_bin';

async function createMysql(db: Knex): Promise<void> {
  await addMissingIndexes(db, 'audit_records', RECORD_INDEXES);
  await db.raw(`
    CREATE TABLE IF NOT EXISTS ${USAGE_FIELDS_TABLE} (
      period VARCHAR(10) ${ASCII} NOT NULL,
      coordinate VARCHAR(300) ${ASCII} NOT NULL,
      key_hash CHAR(64) ${ASCII} NOT NULL,
      department VARCHAR(100) NOT NULL,
      application VARCHAR(100) NOT NULL,
      purpose VARCHAR(500) NOT NULL,
      served BIGINT UNSIGNED NOT NULL,
      masked BIGINT UNSIGNED NOT NULL,
      denied BIGINT UNSIGNED NOT NULL,
      first_time DATETIME(3) NOT NULL,
      last_time DATETIME(3) NOT NULL,
      PRIMARY KEY (period, coordinate, key_hash),
      KEY audit_usage_fields_period_department (period, department)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin`);
  await db.raw(`
    CREATE TABLE IF NOT EXISTS ${USAGE_RESOURCES_TABLE} (
      month CHAR(7) ${ASCII} NOT NULL,
      key_hash CHAR(64) ${ASCII} NOT NULL,
      department VARCHAR(100) NOT NULL,
      resource VARCHAR(200) ${ASCII} NOT NULL,
      owner VARCHAR(100) NOT NULL,
      requests BIGINT UNSIGNED NOT NULL,
      served BIGINT UNSIGNED NOT NULL,
      masked BIGINT UNSIGNED NOT NULL,
      denied BIGINT UNSIGNED NOT NULL,
      PRIMARY KEY (month, key_hash)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin`);
  await db.raw(`
    CREATE TABLE IF NOT EXISTS ${USAGE_CURSOR_TABLE} (
      chain VARCHAR(100) NOT NULL PRIMARY KEY,
      seq BIGINT UNSIGNED NOT NULL,
      updated_at DATETIME(3) NOT NULL
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin`);
}

async function createSqlite(db: Knex): Promise<void> {
  await addMissingIndexes(db, 'audit_records', RECORD_INDEXES);
  await createTableIfMissing(db, USAGE_FIELDS_TABLE, (t) => {
    t.string('period', 10).notNullable();
    t.string('key_hash', 64).notNullable();
    t.string('department', 100).notNullable();
    t.string('application', 100).notNullable();
    t.string('purpose', 500).notNullable();
    t.string('coordinate', 300).notNullable();
    t.bigInteger('served').notNullable();
    t.bigInteger('masked').notNullable();
    t.bigInteger('denied').notNullable();
    t.string('first_time', 23).notNullable();
    t.string('last_time', 23).notNullable();
    t.primary(['period', 'coordinate', 'key_hash']);
    t.index(['period', 'department'], 'audit_usage_fields_period_department');
  });
  await createTableIfMissing(db, USAGE_RESOURCES_TABLE, (t) => {
    t.string('month', 7).notNullable();
    t.string('key_hash', 64).notNullable();
    t.string('department', 100).notNullable();
    t.string('resource', 200).notNullable();
    t.string('owner', 100).notNullable();
    t.bigInteger('requests').notNullable();
    t.bigInteger('served').notNullable();
    t.bigInteger('masked').notNullable();
    t.bigInteger('denied').notNullable();
    t.primary(['month', 'key_hash']);
  });
  await createTableIfMissing(db, USAGE_CURSOR_TABLE, (t) => {
    t.string('chain', 100).primary();
    t.bigInteger('seq').notNullable();
    t.string('updated_at', 23).notNullable();
  });
}

export const auditUsageMigration: Migration = {
  name: '002_audit_usage',
  async up(db) {
    if (isMysql(db)) await createMysql(db);
    else await createSqlite(db);
  },
  async down(db) {
    for (const table of [USAGE_CURSOR_TABLE, USAGE_RESOURCES_TABLE, USAGE_FIELDS_TABLE])
      await db.schema.dropTableIfExists(table);
    if (await db.schema.hasTable('audit_records')) {
      await db.schema.alterTable('audit_records', (t) => {
        for (const [name, columns] of Object.entries(RECORD_INDEXES))
          t.dropIndex([...columns], name);
      });
    }
  },
};

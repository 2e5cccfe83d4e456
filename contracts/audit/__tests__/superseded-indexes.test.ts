/**
 * Migration 012 drops audit_records' (time) and (department, time) indexes: a time range and a
 * department's time range are still read from an index, (time, id) and (department, time, id),
 * on SQLite and on MariaDB (where audit_records is partitioned by month).
 */
import { Knex } from 'knex';
import { describeWithService } from '../../../test/utils/services';
import { isMysql } from '../../database/database';
import { indexExists } from '../../database/schema-guards';
import { auditMigrations } from '../audit-migrations';
import { SUPERSEDED_RECORD_INDEXES } from '../superseded-indexes-migration';
import { migratedAuditScratch } from '../../../test/utils/audit-fixtures';

const FROM = '2026-11-01 00:00:00.000';
const TO = '2026-12-01 00:00:00.000';
const inMonth = (db: Knex) =>
  db('audit_records').select('id').where('time', '>=', FROM).where('time', '<', TO);
const departmentInMonth = (db: Knex) => inMonth(db).where('department', 'housing');

async function indexesRead(db: Knex, query: Knex.QueryBuilder): Promise<string> {
  const { sql, bindings } = query.toSQL().toNative();
  if (isMysql(db)) {
    const [plan] = (await db.raw(`EXPLAIN ${sql}`, bindings)) as [{ key: string | null }[]];
    return plan.map((p) => p.key ?? 'none').join(',');
  }
  const plan = (await db.raw(`EXPLAIN QUERY PLAN ${sql}`, bindings)) as { detail: string }[];
  return plan.map((p) => p.detail).join('\n');
}

const superseded = (db: Knex) =>
  Promise.all(
    Object.keys(SUPERSEDED_RECORD_INDEXES).map((name) => indexExists(db, 'audit_records', name)),
  );

function supersededSuite(backend: 'sqlite' | 'mysql') {
  const scratch = migratedAuditScratch(backend);
  const migration = auditMigrations.find((m) => m.name.startsWith('012'))!;

  it("leaves a time range and a department's time range to the (…, id) indexes", async () => {
    const { db } = scratch;
    expect(await superseded(db)).toEqual([false, false]);
    expect(await indexesRead(db, inMonth(db))).toContain('audit_records_time_id');
    // On an empty table MariaDB may take the application's index, which also begins with the department.
    expect(await indexesRead(db, departmentInMonth(db))).toMatch(
      /audit_records_department_(application_)?time_id/,
    );
  });

  it('can be rolled back, and runs again over indexes already gone', async () => {
    const { db } = scratch;
    await migration.down(db);
    expect(await superseded(db)).toEqual([true, true]);
    await migration.up(db);
    await migration.up(db);
    expect(await superseded(db)).toEqual([false, false]);
  });
}

describe('audit_records without its superseded indexes, on SQLite', () =>
  supersededSuite('sqlite'));
describeWithService('mysql', 'audit_records without its superseded indexes, on MariaDB', () =>
  supersededSuite('mysql'),
);

/**
 * MariaDB commits every DDL statement on its own: a gateway killed after a migration's table,
 * column or index exists, but before knex has noted the migration, runs that migration again at
 * its next start (the SIGKILL test once met this on migration 008). Every audit migration does
 * only what is missing, so the start goes on and the schema ends the same, with nothing lost.
 */
import { Knex } from 'knex';
import { describeWithService } from '../../../test/utils/services';
import { TestAuditDatabase, testAuditDatabase } from '../../../test/utils/audit-fixtures';
import { isMysql } from '../../database/database';
import { migrateToLatest } from '../../database/migrations';
import { auditMigrations } from '../audit-migrations';

const KNEX_TABLES = ['knex_migrations', 'knex_migrations_lock'];

/** Tables, their columns and their indexes, in a form that ignores column order. */
async function schemaOf(db: Knex): Promise<string[]> {
  const out: string[] = [];
  if (isMysql(db)) {
    const [columns] = (await db.raw(
      `SELECT table_name AS t, column_name AS c, column_type AS type, is_nullable AS n
       FROM information_schema.columns WHERE table_schema = DATABASE()`,
    )) as [{ t: string; c: string; type: string; n: string }[]];
    for (const r of columns) out.push(`column ${r.t}.${r.c} ${r.type} ${r.n}`);
    const [indexes] = (await db.raw(
      `SELECT table_name AS t, index_name AS i, seq_in_index AS k, column_name AS c
       FROM information_schema.statistics WHERE table_schema = DATABASE()`,
    )) as [{ t: string; i: string; k: number; c: string }[]];
    for (const r of indexes) out.push(`index ${r.t}.${r.i} ${r.k} ${r.c}`);
  } else {
    const objects = (await db.raw(
      "SELECT type, name, tbl_name AS t FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'",
    )) as { type: string; name: string; t: string }[];
    for (const o of objects) {
      out.push(`${o.type} ${o.t}.${o.name}`);
      if (o.type === 'table')
        for (const c of (await db.raw(`PRAGMA table_info(${o.name})`)) as {
          name: string;
          type: string;
          notnull: number;
          pk: number;
        }[])
          out.push(`column ${o.name}.${c.name} ${c.type} ${c.notnull} ${c.pk}`);
      if (o.type === 'index')
        for (const c of (await db.raw(`PRAGMA index_info(${o.name})`)) as {
          seqno: number;
          name: string;
        }[])
          out.push(`index ${o.t}.${o.name} ${c.seqno} ${c.name}`);
    }
  }
  return out.filter((line) => !KNEX_TABLES.some((k) => line.includes(` ${k}.`))).sort();
}

/** As if the process had died after the migration's steps, before knex wrote its row. */
const forget = (db: Knex, ...names: string[]) => db('knex_migrations').whereIn('name', names).del();

function rerunSuite(backend: 'sqlite' | 'mysql') {
  let scratch: TestAuditDatabase;
  let db: Knex;
  let migrated: string[];

  beforeAll(async () => {
    scratch = testAuditDatabase(backend);
    db = await scratch.open();
    await migrateToLatest(db, auditMigrations);
    migrated = await schemaOf(db);
    await db('audit_documents').insert({
      hash: 'a'.repeat(64),
      text: '{ person(idNumber: $id) { name } }',
      first_seen: backend === 'mysql' ? '2026-12-07 05:00:00.000' : '2026-12-07T05:00:00.000Z',
    });
  }, 60_000);
  afterAll(async () => {
    await scratch?.cleanup();
  });

  const noted = async () =>
    ((await db('knex_migrations').select('name').orderBy('name')) as { name: string }[]).map(
      (r) => r.name,
    );

  it('runs every migration again over its finished steps, and ends with the same schema', async () => {
    await forget(db, ...auditMigrations.map((m) => m.name));
    await migrateToLatest(db, auditMigrations);
    expect(await schemaOf(db)).toEqual(migrated);
    expect(await noted()).toEqual(auditMigrations.map((m) => m.name).sort());
    expect(await db('audit_documents').count({ n: '*' })).toEqual([{ n: 1 }]);
  });

  it('finishes a migration killed between two of its steps', async () => {
    // 002 had added two of its three indexes and two of its three tables; 004 one of its two
    // columns; 007 its table but not the table's index.
    await db.raw('DROP TABLE audit_usage_cursor');
    if (isMysql(db))
      await db.raw('DROP INDEX audit_records_department_application_time_id ON audit_records');
    else await db.raw('DROP INDEX audit_records_department_application_time_id');
    await db.raw('ALTER TABLE audit_records DROP COLUMN item_code');
    if (isMysql(db))
      await db.raw('DROP INDEX audit_archived_heads_chain_seq ON audit_archived_heads');
    else await db.raw('DROP INDEX audit_archived_heads_chain_seq');
    await forget(db, '002_audit_usage', '004_case_number_item_code', '007_archived_heads');
    expect(await schemaOf(db)).not.toEqual(migrated);

    await migrateToLatest(db, auditMigrations);
    expect(await schemaOf(db)).toEqual(migrated);
    expect(await noted()).toEqual(auditMigrations.map((m) => m.name).sort());
    expect(await db('audit_documents').count({ n: '*' })).toEqual([{ n: 1 }]);
  });
}

describe('audit migrations run again on SQLite', () => rerunSuite('sqlite'));
describeWithService('mysql', 'audit migrations run again on MariaDB', () => rerunSuite('mysql'));

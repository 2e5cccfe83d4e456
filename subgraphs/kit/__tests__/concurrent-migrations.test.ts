import { databaseTarget, dropDatabase, openDatabase } from '../../../contracts/database/database';
import { Migration, migrateToLatest } from '../../../contracts/database/migrations';
import { requireMysqlUrl, uniqueSuffix } from '../../../test/utils/temp-database';
import { describeWithService } from '../../../test/utils/services';

const MIGRATIONS: Migration[] = [
  {
    name: '001_things',
    up: (db) => db.schema.createTable('things', (t) => t.string('id').primary()),
    down: (db) => db.schema.dropTable('things'),
  },
  {
    name: '002_more',
    up: (db) => db.schema.alterTable('things', (t) => t.string('label')),
    down: (db) => db.schema.alterTable('things', (t) => t.dropColumn('label')),
  },
];

describeWithService('mysql', 'migrations run by several processes at once (MariaDB)', () => {
  it('leave the database migrated once, whoever creates the bookkeeping tables first', async () => {
    const target = databaseTarget('race', {
      MYSQL_URL: requireMysqlUrl(),
      SHUJUTONG_DB_PREFIX: `sjt_test_${uniqueSuffix()}`,
    });
    // Four connections pools, as four gateway processes sharing one audit database would have.
    const pools = await Promise.all([1, 2, 3, 4].map(() => openDatabase(target)));
    try {
      await Promise.all(pools.map((db) => migrateToLatest(db, MIGRATIONS)));
      const done = (await pools[0]('knex_migrations').orderBy('name').pluck('name')) as string[];
      expect(done).toEqual(['001_things', '002_more']);
      expect(await pools[0].schema.hasColumn('things', 'label')).toBe(true);
    } finally {
      await Promise.all(pools.map((db) => db.destroy()));
      await dropDatabase(target);
    }
    // The losers wait for the winner with a growing back-off (contracts/database/migrations.ts:
    // up to 19 s in all), which on a loaded machine comes close to the unit tests' 30 s: kept explicit.
  }, 30_000);

  it('migrates a database whose knex lock was left duplicated or held by a race or a killed process', async () => {
    const target = databaseTarget('stale', {
      MYSQL_URL: requireMysqlUrl(),
      SHUJUTONG_DB_PREFIX: `sjt_test_${uniqueSuffix()}`,
    });
    const db = await openDatabase(target);
    try {
      await db.schema.createTable('knex_migrations_lock', (t) => {
        t.increments('index').primary();
        t.integer('is_locked');
      });
      // Two rows, as two processes that both found the table empty leave it: knex expects to lock
      // exactly one row, so on its own it would read "already locked" for good.
      await db('knex_migrations_lock').insert([{ is_locked: 0 }, { is_locked: 0 }]);
      await migrateToLatest(db, MIGRATIONS);
      expect(await db.schema.hasColumn('things', 'label')).toBe(true);
      expect(await db('knex_migrations_lock').select('is_locked')).toEqual([{ is_locked: 0 }]);
    } finally {
      await db.destroy();
      await dropDatabase(target);
    }
  });
});

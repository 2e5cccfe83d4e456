import knexFactory, { Knex } from 'knex';
import { describeWithService } from '../../../test/utils/services';
import { openDatabase, dropDatabase, databaseTarget } from '../../../contracts/database/database';
import { uniqueSuffix } from '../../../test/utils/temp-database';
import { groupLoader, rowLoader, SelectRows } from '../batch';
import { QueryCounter } from '../query-counter';
import { SqlTemplates } from '../sql-templates';

interface Row {
  code: string;
  parent: string;
  position: number;
}

const ROWS: Row[] = Array.from({ length: 40 }, (_, i) => ({
  code: `c${String(i).padStart(2, '0')}`,
  parent: `p${i % 4}`,
  position: 40 - i,
}));

const BELOW_20: SelectRows = (q) => q.select('*').where('position', '<', 20);

async function createRows(db: Knex): Promise<void> {
  await db.schema.dropTableIfExists('rows');
  await db.schema.createTable('rows', (t) => {
    t.string('code', 10).primary();
    t.string('parent', 10).notNullable().index();
    t.integer('position').notNullable();
  });
  await db('rows').insert(ROWS);
}

function behavesAsBatchedLoaders(db: () => Knex) {
  it('loads rows by key in one statement per batch, null for a missing key', async () => {
    const counter = new QueryCounter(db());
    const loader = rowLoader<Row>(db(), 'rows', 'code');
    const found = await Promise.all(['c03', 'c01', 'nope', 'c02'].map((k) => loader.load(k)));
    counter.detach();
    expect(found.map((r) => r?.code ?? null)).toEqual(['c03', 'c01', null, 'c02']);
    expect(counter.count).toBe(1);
  });

  it('binds keys as values, never as SQL', async () => {
    const loader = rowLoader<Row>(db(), 'rows', 'code');
    expect(await loader.load("c01' OR '1'='1")).toBeNull();
    expect(await loader.load('c01')).toMatchObject({ code: 'c01' });
  });

  it('groups rows per key in order, with a select of its own', async () => {
    const children = groupLoader<Row>(db(), 'rows', 'parent', ['position']);
    const low = groupLoader<Row>(db(), 'rows', 'parent', ['position'], BELOW_20);
    const [p1, none] = await Promise.all([children.load('p1'), children.load('p9')]);
    expect(p1.map((r) => r.code)).toEqual([
      'c37',
      'c33',
      'c29',
      'c25',
      'c21',
      'c17',
      'c13',
      'c09',
      'c05',
      'c01',
    ]);
    expect(none).toEqual([]);
    expect((await low.load('p1')).map((r) => r.position)).toEqual([3, 7, 11, 15, 19]);
  });

  it('answers every batch size the same way as one key at a time', async () => {
    for (const size of [1, 2, 3, 5, 17, 40]) {
      const keys = ROWS.slice(0, size).map((r) => r.code);
      const loader = rowLoader<Row>(db(), 'rows', 'code');
      const rows = await Promise.all(keys.map((k) => loader.load(k)));
      expect(rows.map((r) => r?.code)).toEqual(keys);
    }
  });
}

describe('SQL templates and batched loaders on SQLite', () => {
  let db: Knex;
  beforeAll(async () => {
    db = knexFactory({
      client: 'better-sqlite3',
      connection: { filename: ':memory:' },
      useNullAsDefault: true,
      pool: { min: 1, max: 1 },
    });
    await createRows(db);
  });
  afterAll(() => db.destroy());

  behavesAsBatchedLoaders(() => db);

  it('prepares a statement once per shape, not once per query', async () => {
    const connection = await db.client.acquireConnection();
    const prepare = jest.spyOn(connection, 'prepare');
    db.client.releaseConnection(connection);
    try {
      for (let request = 0; request < 5; request++) {
        const loader = rowLoader<Row>(db, 'rows', 'code');
        await Promise.all(['c10', 'c11', 'c12'].map((k) => loader.load(k)));
      }
      expect(prepare.mock.calls.length).toBeLessThanOrEqual(1);
    } finally {
      prepare.mockRestore();
    }
  });

  it('refuses a template that does not bind each value exactly once', () => {
    const templates = new SqlTemplates();
    expect(() =>
      templates.select(db, 'twice', ['a'], ([v]) =>
        db('rows').where('code', v).orWhere('parent', v),
      ),
    ).toThrow(/exactly once/);
    expect(() => templates.select(db, 'never', ['a'], () => db('rows').select('*'))).toThrow(
      /exactly once/,
    );
  });
});

describeWithService('mysql', 'SQL templates and batched loaders on MariaDB', () => {
  const target = databaseTarget('sql-templates', {
    MYSQL_URL: process.env.MYSQL_URL,
    SHUJUTONG_DB_PREFIX: `sjt_test_${uniqueSuffix()}`,
  });
  let db: Knex;
  beforeAll(async () => {
    db = await openDatabase(target);
    await createRows(db);
  }, 60_000);
  afterAll(async () => {
    await db?.destroy();
    await dropDatabase(target);
  });

  behavesAsBatchedLoaders(() => db);
});

import fs from 'node:fs';
import os from 'node:os';
import { Knex } from 'knex';
import { storeBatch } from '../audit-store';
import { ShippingDatabase, THREAD_NICENESS } from '../shipping-database';
import Database from 'better-sqlite3';
import {
  FALLBACK_AUTOCHECKPOINT_PAGES,
  SqliteCheckpointer,
  ThreadGone,
} from '../sqlite-checkpointer';
import { buildRecordBody } from '../../../contracts/audit/audit-record';
import { WAL_SIZE_LIMIT_BYTES } from '../../../contracts/database/database';
import { chainRecord, emptyChain, isRecordIntact } from '../../../contracts/audit/record-chain';
import { RecordRow, rowToRecord, SubjectRow } from '../../../contracts/audit/audit-rows';
import {
  chainOf,
  countRows,
  entry,
  testAuditDatabase,
  TestAuditDatabase,
  testKeys,
} from '../../../test/utils/audit-fixtures';

const keys = testKeys();

let database: TestAuditDatabase;
let shipping: ShippingDatabase | null;
let opened: Knex[];
let warnings: string[];

beforeEach(() => {
  database = testAuditDatabase('sqlite');
  shipping = null;
  opened = [];
  warnings = [];
});
afterEach(async () => {
  for (const db of opened) await db.destroy();
  await shipping?.close();
  await database.cleanup();
});

function sqliteFile(): string {
  if (database.target.client !== 'sqlite') throw new Error('an SQLite test database');
  return database.target.file;
}

async function connect(options: ConstructorParameters<typeof ShippingDatabase>[1] = {}) {
  shipping = new ShippingDatabase(database.target, {
    checkpointIntervalMs: 20,
    onWarning: (m) => warnings.push(m),
    ...options,
  });
  const db = await shipping.connect();
  opened.push(db);
  return db;
}

async function autocheckpoint(db: Knex): Promise<number> {
  const rows = (await db.raw('PRAGMA wal_autocheckpoint')) as { wal_autocheckpoint: number }[];
  return rows[0].wal_autocheckpoint;
}

const batch = (records = chainOf(40, keys)) => ({
  records,
  documents: new Map<string, string>(),
  checkpoints: [],
});

describe('ShippingDatabase on the embedded SQLite file', () => {
  it("leaves checkpoints to its own thread: the shipper's commits checkpoint only past a far larger log", async () => {
    const db = await connect();
    expect(await autocheckpoint(db)).toBe(FALLBACK_AUTOCHECKPOINT_PAGES);
    await storeBatch(db, batch());
    expect((await countRows(db)).audit_records).toBe(40);
    // The thread copies the committed log into the database file without the shipper's help.
    const checkpointer = await SqliteCheckpointer.start(sqliteFile(), { intervalMs: 10 });
    try {
      const done = await new Promise<{ log: number; checkpointed: number }>((resolve) => {
        const off = checkpointer.onCheckpoint((r) => {
          if (r.log > 0 && r.checkpointed === r.log) {
            off();
            resolve(r);
          }
        });
      });
      expect(done.checkpointed).toBe(done.log);
    } finally {
      await checkpointer.stop();
    }
    expect(warnings).toEqual([]);
  });

  it('lets the commits checkpoint, as SQLite does by default, when no thread can be started', async () => {
    const db = await connect({
      startCheckpointer: () => Promise.reject(new Error('no threads here')),
    });
    expect(await autocheckpoint(db)).toBe(1000);
    await storeBatch(db, batch());
    expect((await countRows(db)).audit_records).toBe(40);
    expect(warnings).toEqual([expect.stringContaining('no threads here')]);
  });

  it("runs the thread below the gateway's own priority", async () => {
    const atThatNiceness = () => niceValuesOfThisProcess().filter((n) => n === THREAD_NICENESS);
    const before = atThatNiceness().length;
    await connect();
    if (process.platform === 'linux') expect(atThatNiceness().length).toBe(before + 1);
  });

  it('starts one thread however often the shipper reconnects', async () => {
    let started = 0;
    const start = (file: string) => {
      started++;
      return SqliteCheckpointer.start(file, { intervalMs: 20 });
    };
    await connect({ startCheckpointer: start });
    opened.push(await shipping!.connect());
    expect(started).toBe(1);
  });

  it('flushes the log and the database file before shipped segments go, and tolerates a log not yet there', async () => {
    await connect();
    fs.rmSync(`${sqliteFile()}-wal`, { force: true });
    await expect(shipping!.makeShippedDurable()).resolves.toBeUndefined();
  });
});

/** Bytes of the write-ahead log on disk. */
function logBytes(): number {
  return fs.statSync(`${sqliteFile()}-wal`).size;
}

/** Writes more than the log may keep, in one transaction: a merge's or a seed's worth. */
async function writePastTheLogLimit(db: Knex): Promise<void> {
  const text = 'x'.repeat(1024 * 1024);
  const documents = Array.from({ length: WAL_SIZE_LIMIT_BYTES / text.length + 16 }, (_, i) => ({
    hash: `big-${i}`,
    text,
    first_seen: '2026-12-07 00:00:00.000',
  }));
  await db.transaction(async (trx) => {
    for (const d of documents) await trx('audit_documents').insert(d);
  });
  expect(logBytes()).toBeGreaterThan(WAL_SIZE_LIMIT_BYTES);
}

/**
 * Resolves once the thread has copied the whole of the large log into the database file (a
 * report of a checkpoint that ran before the large commit may still be on its way).
 */
function completeCheckpoint(checkpointer: SqliteCheckpointer): Promise<void> {
  const pageBytes = 4096;
  return new Promise((resolve) => {
    const off = checkpointer.onCheckpoint((r) => {
      if (r.log * pageBytes > WAL_SIZE_LIMIT_BYTES && r.checkpointed === r.log) {
        off();
        resolve();
      }
    });
  });
}

describe('the log after a large commit', () => {
  it("is cut back to the limit when the thread's next store starts it over", async () => {
    let thread: SqliteCheckpointer | null = null;
    const db = await connect({
      startCheckpointer: async (file) =>
        (thread = await SqliteCheckpointer.start(file, { intervalMs: 20 })),
    });
    await writePastTheLogLimit(db);
    await completeCheckpoint(thread!);
    await shipping!.store(db, batch());
    expect(thread!.alive).toBe(true);
    expect(logBytes()).toBeLessThanOrEqual(WAL_SIZE_LIMIT_BYTES);
  });

  it("is cut back to the limit when the shipper's own connection starts it over", async () => {
    // No thread: the shipper's commits checkpoint, the large one included.
    const db = await connect({ startCheckpointer: () => Promise.reject(new Error('no threads')) });
    await writePastTheLogLimit(db);
    await storeBatch(db, batch());
    expect(logBytes()).toBeLessThanOrEqual(WAL_SIZE_LIMIT_BYTES);
  });
});

/** Rows this connection itself has written since it opened. */
async function writtenBy(db: Knex): Promise<number> {
  const rows = (await db.raw('SELECT total_changes() AS n')) as { n: number }[];
  return rows[0].n;
}

describe("ShippingDatabase.store: shipped batches written by the database's own thread", () => {
  it('inserts on the thread: the rows land, the connection on the event loop writes none', async () => {
    const db = await connect();
    const before = await writtenBy(db);
    const records = chainOf(40, keys);
    await shipping!.store(db, batch(records));
    const rows = await countRows(db);
    expect(rows.audit_records).toBe(40);
    expect(rows.audit_subjects).toBe(records.reduce((n, r) => n + r.subjects.length, 0));
    expect(await writtenBy(db)).toBe(before);
  });

  it('leaves one row each when a batch is stored twice (a replay after a crash)', async () => {
    const db = await connect();
    const records = chainOf(12, keys);
    await shipping!.store(db, batch(records));
    await shipping!.store(db, batch(records.slice(4)));
    expect((await countRows(db)).audit_records).toBe(12);
  });

  it('stores records of any number of subjects, each record rebuilt intact from its rows', async () => {
    const db = await connect();
    // A record of none and one of hundreds; a traced record sets a column the others leave out.
    const sizes = [301, 64, 1, 0, 7];
    let head = emptyChain('gw-test/20261207T000000Z-rows');
    const records = sizes.map((n, i) => {
      const body = buildRecordBody(
        entry(i + 1, {
          subjects: Array.from({ length: n }, (_, k) => ({
            kind: k % 5 === 4 ? ('legal-entity' as const) : ('person' as const),
            id: `3206021990${String(i).padStart(2, '0')}${String(k).padStart(6, '0')}`,
          })),
          traceId: i === 2 ? '4bf92f3577b34da6a3ce929d0e0e4736' : null,
        }),
        { instance: 'gw-test', key: keys.hmac },
      );
      const chained = chainRecord(body, head);
      head = chained.head;
      return chained.record;
    });
    await shipping!.store(db, batch(records));
    await shipping!.store(db, batch(records));
    const rows = await countRows(db);
    expect(rows.audit_records).toBe(sizes.length);
    expect(rows.audit_subjects).toBe(sizes.reduce((a, b) => a + b, 0));
    for (const record of records) {
      const row = (await db('audit_records').where({ id: record.id }).first()) as RecordRow;
      const subjects = (await db('audit_subjects').where({
        record_id: record.id,
      })) as SubjectRow[];
      const rebuilt = rowToRecord(row, subjects);
      expect(rebuilt).toEqual(record);
      expect(isRecordIntact(rebuilt)).toBe(true);
    }
  });

  it('writes through its own connection once the thread has stopped', async () => {
    let thread: SqliteCheckpointer | null = null;
    const db = await connect({
      startCheckpointer: async (file) => (thread = await SqliteCheckpointer.start(file, {})),
    });
    await thread!.stop();
    const before = await writtenBy(db);
    await shipping!.store(db, batch());
    expect((await countRows(db)).audit_records).toBe(40);
    expect(await writtenBy(db)).toBeGreaterThan(before);
  });

  it('stores a batch exactly once when the thread dies with the store in flight, and still stops', async () => {
    let thread: SqliteCheckpointer | null = null;
    const db = await connect({
      startCheckpointer: async (file) =>
        (thread = await SqliteCheckpointer.start(file, { onWarning: (m) => warnings.push(m) })),
    });
    const records = chainOf(200, keys);
    const storing = shipping!.store(db, batch(records));
    // A thread that dies (a crash in the driver, say) never answers: the shipper must not wait
    // for it, and whether or not it committed first the batch must land exactly once.
    void (thread as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
    await expect(storing).resolves.toBeUndefined();
    expect(thread!.alive).toBe(false);
    expect((await countRows(db)).audit_records).toBe(200);
    await shipping!.store(db, batch(chainOf(210, keys).slice(200)));
    expect((await countRows(db)).audit_records).toBe(210);
    expect(warnings.join('\n')).toMatch(/stopped \(exit 1\).*writes its batches itself/);
    // The gateway's stop must not wait for an exit that has happened.
    await thread!.stop();
  });

  it("fails with the driver's SQLITE_BUSY, without waiting, while another connection holds the write lock", async () => {
    const db = await connect();
    const holder = new Database(sqliteFile());
    try {
      holder.prepare('BEGIN IMMEDIATE').run();
      await expect(shipping!.store(db, batch())).rejects.toMatchObject({ code: 'SQLITE_BUSY' });
      holder.prepare('ROLLBACK').run();
    } finally {
      holder.close();
    }
    // Nothing of the refused batch was kept; it lands whole on the next attempt.
    expect((await countRows(db)).audit_records).toBe(0);
    await shipping!.store(db, batch());
    expect((await countRows(db)).audit_records).toBe(40);
  });
});

/** The nice value of every thread of this process, from /proc (empty elsewhere than Linux). */
function niceValuesOfThisProcess(): number[] {
  const dir = `/proc/${process.pid}/task`;
  if (!fs.existsSync(dir)) return [];
  // The name in parentheses may hold spaces; nice is the 19th field, the 17th after it.
  return fs
    .readdirSync(dir)
    .map((tid) =>
      Number(fs.readFileSync(`${dir}/${tid}/stat`, 'utf8').split(') ')[1].split(' ')[16]),
    );
}

describe('SqliteCheckpointer', () => {
  it('refuses a store once stopped, so that the caller writes it itself', async () => {
    await database.connect();
    const checkpointer = await SqliteCheckpointer.start(sqliteFile(), { intervalMs: 60_000 });
    await checkpointer.stop();
    await expect(checkpointer.store([])).rejects.toBeInstanceOf(ThreadGone);
  });

  it('refuses to start on a database file that does not exist, rather than create an empty one', async () => {
    await expect(
      SqliteCheckpointer.start(`${sqliteFile()}.missing`, { intervalMs: 10 }),
    ).rejects.toThrow();
    expect(fs.existsSync(`${sqliteFile()}.missing`)).toBe(false);
  });

  it('lowers the priority of its own thread only, when asked, so that serving requests goes first', async () => {
    await database.connect();
    const before = niceValuesOfThisProcess();
    const own = os.getPriority();
    const checkpointer = await SqliteCheckpointer.start(sqliteFile(), {
      intervalMs: 60_000,
      niceness: 7,
    });
    try {
      if (process.platform === 'linux') expect(checkpointer.niceness).toBe(7);
      const after = niceValuesOfThisProcess();
      // Read from the kernel, not from the thread's own report: one thread more, at 7; the rest as they were.
      expect(after.filter((n) => n === 7).length).toBe(before.filter((n) => n === 7).length + 1);
      expect(os.getPriority()).toBe(own);
    } finally {
      await checkpointer.stop();
    }
  });

  it("keeps the process's priority unless asked", async () => {
    await database.connect();
    const checkpointer = await SqliteCheckpointer.start(sqliteFile(), { intervalMs: 60_000 });
    try {
      expect(checkpointer.niceness).toBeNull();
    } finally {
      await checkpointer.stop();
    }
  });

  it('ends its thread on stop, after a last checkpoint into the database file', async () => {
    const db = await database.connect();
    const before = fs.statSync(sqliteFile()).size;
    await storeBatch(db, batch());
    // Committed pages wait in the log; the database file has not grown yet.
    expect(fs.statSync(sqliteFile()).size).toBe(before);
    const checkpointer = await SqliteCheckpointer.start(sqliteFile(), { intervalMs: 60_000 });
    await checkpointer.stop();
    expect(fs.statSync(sqliteFile()).size).toBeGreaterThan(before);
  });
});

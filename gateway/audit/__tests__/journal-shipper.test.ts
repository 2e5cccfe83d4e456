import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Knex } from 'knex';
import { buildRecordBody } from '../../../contracts/audit/audit-record';
import { segmentFileName, segmentNumbers } from '../journal-format';
import { Journal, JournalOptions } from '../journal';
import { CURSOR_FILE, JournalShipper, ShipperOptions } from '../journal-shipper';
import {
  countRows,
  entry,
  instrumentedFs,
  tempDir,
  testAuditDatabase,
  TestAuditDatabase,
  testKeys,
} from '../../../test/utils/audit-fixtures';

const keys = testKeys();
const body = (i: number) => buildRecordBody(entry(i), { instance: 'gw-s', key: keys.hmac });

let dir: string;
let database: TestAuditDatabase;
let db: Knex;
const journals: Journal[] = [];
const shippers: JournalShipper[] = [];

beforeEach(async () => {
  dir = tempDir('ship-');
  database = testAuditDatabase('sqlite');
  db = await database.connect();
});
afterEach(async () => {
  for (const s of shippers.splice(0)) await s.stop();
  for (const j of journals.splice(0)) await j.close();
  await database.cleanup();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function journal(options: Partial<JournalOptions> = {}): Promise<Journal> {
  const j = await Journal.open({
    dir,
    instance: 'gw-s',
    signer: keys.signer,
    checkpointEveryRecords: 10,
    ...options,
  });
  journals.push(j);
  return j;
}
function shipper(source: Journal, options: Partial<ShipperOptions> = {}): JournalShipper {
  const s = new JournalShipper({
    source,
    connect: () => database.connect(),
    target: 'test-db',
    batchRecords: 7,
    ...options,
  });
  shippers.push(s);
  return s;
}
async function appendMany(j: Journal, from: number, to: number) {
  return Promise.all(
    Array.from({ length: to - from + 1 }, (_, k) =>
      j.append(body(from + k), entry(from + k).document!),
    ),
  );
}

describe('JournalShipper', () => {
  it('ships records, their subjects, the document and the checkpoints in batches', async () => {
    const j = await journal();
    // Five groups of five: a checkpoint once ten records have gathered since the last.
    for (let i = 1; i <= 25; i += 5) await appendMany(j, i, i + 4);
    expect(await shipper(j).drain()).toBe(25);
    // Entries divisible by 4 also name a legal entity.
    expect(await countRows(db)).toEqual({
      audit_records: 25,
      audit_subjects: 25 + 6,
      audit_documents: 1,
      audit_checkpoints: 2,
    });
    const seqs = (await db('audit_records').orderBy('seq').pluck('seq')).map(Number);
    expect(seqs).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
  });

  it('ships each record once however often it ships: a lost cursor re-ships and the database ignores it', async () => {
    const j = await journal();
    await appendMany(j, 1, 20);
    await shipper(j).drain();
    const once = await countRows(db);
    fs.rmSync(path.join(dir, CURSOR_FILE));
    expect(await shipper(j).drain()).toBe(20);
    expect(await countRows(db)).toEqual(once);
  });

  it('resumes after a restart from its cursor', async () => {
    const first = await journal();
    await appendMany(first, 1, 12);
    expect(await shipper(first).drain()).toBe(12);
    await first.close();
    const second = await journal();
    await appendMany(second, 13, 20);
    expect(await shipper(second).drain()).toBe(8);
    expect((await countRows(db)).audit_records).toBe(20);
  });

  it('leaves records in the journal while the database is down and ships them once when it returns', async () => {
    const j = await journal();
    await appendMany(j, 1, 10);
    let down = true;
    const s = shipper(j, {
      connect: () =>
        down ? Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:1')) : database.connect(),
    });
    await expect(s.drain()).rejects.toThrow(/ECONNREFUSED/);
    expect(s.status()).toMatchObject({
      connected: false,
      lastError: expect.stringContaining('ECONNREFUSED'),
    });
    await appendMany(j, 11, 15);
    down = false;
    expect(await s.drain()).toBe(15);
    expect(s.status()).toMatchObject({ connected: true, lastError: null, caughtUp: true });
    expect((await countRows(db)).audit_records).toBe(15);
  });

  it('ships in the background after every sync once started', async () => {
    const j = await journal();
    const s = shipper(j);
    s.start();
    await appendMany(j, 1, 5);
    for (let i = 0; i < 100 && (await countRows(db)).audit_records < 5; i++)
      await new Promise((r) => setTimeout(r, 20));
    expect((await countRows(db)).audit_records).toBe(5);
  });

  it('keeps shipping in the background when the clock is set back (an NTP step, a simulated year)', async () => {
    const j = await journal();
    const s = shipper(j, { intervalMs: 50 });
    s.start();
    await appendMany(j, 1, 3);
    for (let i = 0; i < 100 && (await countRows(db)).audit_records < 3; i++)
      await new Promise((r) => setTimeout(r, 20));
    // A day back: the last round now lies in the future; shipping must not wait for it.
    const real = Date.now;
    const back = jest.spyOn(Date, 'now').mockImplementation(() => real() - 86_400_000);
    try {
      await appendMany(j, 4, 8);
      for (let i = 0; i < 100 && (await countRows(db)).audit_records < 8; i++)
        await new Promise((r) => setTimeout(r, 20));
      expect((await countRows(db)).audit_records).toBe(8);
    } finally {
      back.mockRestore();
    }
  });

  it('never ships what is not yet on stable storage', async () => {
    const disk = instrumentedFs();
    const j = await journal({ fs: disk, groupWindowMs: 0 });
    let release!: () => void;
    disk.beforeSync = () => new Promise<void>((r) => (release = r));
    const pending = j.append(body(1));
    await new Promise((r) => setTimeout(r, 20));
    const s = shipper(j, { fs: disk });
    expect(await s.drain()).toBe(0);
    disk.beforeSync = null;
    release();
    await pending;
    expect(await s.drain()).toBe(1);
  });

  it('deletes shipped segments unless told to keep them, never the one holding the chain head', async () => {
    const j = await journal({ segmentBytes: 4096 });
    for (let i = 1; i <= 30; i += 5) await appendMany(j, i, i + 4);
    const all = segmentNumbers(fs.readdirSync(dir));
    expect(all.length).toBeGreaterThan(3);
    await shipper(j, { keepShipped: true }).drain();
    expect(segmentNumbers(fs.readdirSync(dir))).toEqual(all);
    fs.rmSync(path.join(dir, CURSOR_FILE));
    await shipper(j).drain();
    const left = segmentNumbers(fs.readdirSync(dir));
    expect(left.length).toBeLessThan(all.length);
    expect(left).toContain(all.at(-1));
    expect((await countRows(db)).audit_records).toBe(30);
    // The chain continues from the surviving segment after a restart.
    await j.close();
    const again = await journal({ segmentBytes: 4096 });
    expect((await again.append(body(31))).seq).toBe(31);
  });

  it('makes the shipped rows durable before it deletes the segments they came from, and only then', async () => {
    const j = await journal({ segmentBytes: 4096 });
    const seen: number[][] = [];
    const makeShippedDurable = async () => {
      seen.push(segmentNumbers(fs.readdirSync(dir)));
    };
    await appendMany(j, 1, 3);
    await shipper(j, { makeShippedDurable }).drain();
    // One segment, the chain head's: nothing to delete, so no flush.
    expect(seen).toEqual([]);
    for (let i = 4; i <= 30; i += 5) await appendMany(j, i, i + 4);
    const all = segmentNumbers(fs.readdirSync(dir));
    await shipper(j, { makeShippedDurable }).drain();
    expect(seen.length).toBeGreaterThan(0);
    // Each flush saw the segments still there that the deletion after it removed.
    expect(seen[0]).toEqual(expect.arrayContaining(all.slice(0, 2)));
    expect(segmentNumbers(fs.readdirSync(dir)).length).toBeLessThan(all.length);
  });

  it('keeps shipped segments when making the rows durable fails, and reports it', async () => {
    const j = await journal({ segmentBytes: 4096 });
    for (let i = 1; i <= 30; i += 5) await appendMany(j, i, i + 4);
    const all = segmentNumbers(fs.readdirSync(dir));
    const s = shipper(j, {
      makeShippedDurable: () => Promise.reject(new Error('EIO: the disk failed')),
    });
    await expect(s.drain()).rejects.toThrow('EIO');
    expect(segmentNumbers(fs.readdirSync(dir))).toEqual(all);
    expect(s.status().lastError).toContain('EIO');
  });

  it('skips, and reports, a damaged line in an older segment', async () => {
    const j = await journal();
    await appendMany(j, 1, 3);
    await j.close();
    const j2 = await journal();
    const [firstSegment] = segmentNumbers(fs.readdirSync(dir));
    fs.appendFileSync(path.join(dir, segmentFileName(firstSegment)), 'garbage\n');
    await appendMany(j2, 4, 5);
    const warnings: string[] = [];
    expect(await shipper(j2, { onWarning: (m) => warnings.push(m) }).drain()).toBe(5);
    expect(warnings).toEqual([
      expect.stringMatching(/not JSON at byte \d+; the rest of this segment is not shipped/),
    ]);
  });

  it("waits out another writer holding the embedded database's lock, without reporting an outage or backing off", async () => {
    if (database.target.client !== 'sqlite') throw new Error('an SQLite test database');
    const j = await journal();
    // As with the database's own thread folding: the shipper's connection does not wait inside the driver.
    const s = shipper(j, {
      connect: async () => {
        const d = await database.connect();
        await d.raw('PRAGMA busy_timeout = 0');
        return d;
      },
    });
    expect(await s.drain()).toBe(0);
    await appendMany(j, 1, 5);
    const holder = new Database(database.target.file);
    holder.exec('BEGIN IMMEDIATE');
    const drained = s.drain();
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(s.status()).toMatchObject({ lastError: null, shippedRecords: 0 });
    holder.exec('COMMIT');
    holder.close();
    expect(await drained).toBe(5);
    expect(s.status()).toMatchObject({ connected: true, lastError: null, caughtUp: true });
    expect((await countRows(db)).audit_records).toBe(5);
  });
});

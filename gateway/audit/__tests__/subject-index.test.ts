import { Knex } from 'knex';
import { migrateToLatest } from '../../../contracts/database/migrations';
import { auditMigrations } from '../../../contracts/audit/audit-migrations';
import { subjectHash } from '../../../contracts/audit/keyed-hash';
import {
  countPendingSubjects,
  foldPendingSubjects,
  mergeRecentSubjects,
  SUBJECT_INDEX_TABLE,
  SUBJECT_PENDING_TABLE,
  SUBJECT_RECENT_TABLE,
} from '../../../contracts/audit/subject-index';
import { accessesToSubject, countSubjectAccesses } from '../../../contracts/audit/subject-lookup';
import { subjectRowsWithoutRowidMigration } from '../../../contracts/audit/subject-rows-migration';
import { storeBatch } from '../audit-store';
import { ShippingDatabase } from '../shipping-database';
import {
  chainOf,
  ENTITY_A,
  PERSON_A,
  testAuditDatabase,
  TestAuditDatabase,
  testKeys,
} from '../../../test/utils/audit-fixtures';
import type { AuditRecord } from '../../../contracts/audit/audit-record';

const keys = testKeys();
const personA = subjectHash(keys.hmac, 'person', PERSON_A);
const entityA = subjectHash(keys.hmac, 'legal-entity', ENTITY_A);
const records = chainOf(60, keys);
const batch = (rs: readonly AuditRecord[]) => ({
  records: rs,
  documents: new Map<string, string>(),
  checkpoints: [],
});

let database: TestAuditDatabase;
let shipping: ShippingDatabase | null;
let shippingDb: Knex | null;
beforeEach(() => {
  database = testAuditDatabase('sqlite');
  shipping = null;
  shippingDb = null;
});
afterEach(async () => {
  await shippingDb?.destroy();
  await shipping?.close();
  await database.cleanup();
});

/** The audit migrations up to the one named, for a database as it stood before that one. */
function migrationsBefore(name: string) {
  const at = auditMigrations.findIndex((m) => m.name === name);
  if (at < 0) throw new Error(`no audit migration ${name}`);
  return auditMigrations.slice(0, at);
}

async function count(db: Knex, table: string): Promise<number> {
  return Number(((await db(table).count({ n: '*' }).first()) as { n: number | string }).n);
}

/** Every access to the subject, newest first, as record ids: in one page and in pages of `size`. */
async function newestFirst(db: Knex, hash: string, size = 7): Promise<string[]> {
  const all = (await accessesToSubject(db, { subjectHash: hash, limit: 1000 })).map(
    (a) => a.recordId,
  );
  const paged: string[] = [];
  let before: { time: string; recordId: string } | undefined;
  for (;;) {
    const page = await accessesToSubject(db, { subjectHash: hash, limit: size, before });
    paged.push(...page.map((a) => a.recordId));
    if (page.length < size) break;
    before = page[page.length - 1];
  }
  expect(paged).toEqual(all);
  expect(await countSubjectAccesses(db, hash)).toBe(all.length);
  return all;
}

/** A fold as 010 did it, rows pending by rowid: for a database not yet migrated to 011. */
async function foldPendingSubjects010(db: Knex): Promise<void> {
  await db.raw(
    `INSERT OR IGNORE INTO ${SUBJECT_RECENT_TABLE} (subject_hash, time, record_id, kind)
     SELECT s.subject_hash, s.time, s.record_id, s.kind
     FROM ${SUBJECT_PENDING_TABLE} p JOIN audit_subjects s ON s.rowid = p.subject_row`,
  );
  await db(SUBJECT_PENDING_TABLE).del();
}

/**
 * Thirty records stored: ten merged into the lookup, ten folded into the recent table, ten
 * waiting; one record of each, to act on.
 */
async function mergedFoldedWaiting(db: Knex): Promise<AuditRecord[]> {
  await storeBatch(db, batch(records.slice(0, 10)));
  await foldPendingSubjects(db);
  await mergeRecentSubjects(db);
  await storeBatch(db, batch(records.slice(10, 20)));
  await foldPendingSubjects(db);
  await storeBatch(db, batch(records.slice(20, 30)));
  return [records[2], records[12], records[24]];
}

const idsNewestFirst = (rs: readonly AuditRecord[]) =>
  [...rs].sort((a, b) => b.time.localeCompare(a.time) || b.id.localeCompare(a.id)).map((r) => r.id);

describe("the audit subjects' lookup on the embedded database, filled in bulk", () => {
  it('answers who looked at a subject, newest first and page by page, whether its rows wait to be folded, were folded, merged, or some of each', async () => {
    const db = await database.connect();
    await storeBatch(db, batch(records.slice(0, 30)));
    expect(await count(db, SUBJECT_RECENT_TABLE)).toBe(0);
    expect(await newestFirst(db, personA)).toEqual(idsNewestFirst(records.slice(0, 30)));

    await foldPendingSubjects(db);
    expect(await countPendingSubjects(db)).toBe(0);
    expect(await count(db, SUBJECT_RECENT_TABLE)).toBe(30 + 7);
    expect(await count(db, SUBJECT_INDEX_TABLE)).toBe(0);
    expect(await newestFirst(db, personA)).toEqual(idsNewestFirst(records.slice(0, 30)));

    await mergeRecentSubjects(db);
    expect(await count(db, SUBJECT_RECENT_TABLE)).toBe(0);
    expect(await count(db, SUBJECT_INDEX_TABLE)).toBe(30 + 7);
    expect(await newestFirst(db, personA)).toEqual(idsNewestFirst(records.slice(0, 30)));

    await storeBatch(db, batch(records.slice(30, 45)));
    await foldPendingSubjects(db);
    await storeBatch(db, batch(records.slice(45)));
    expect(await count(db, SUBJECT_INDEX_TABLE)).toBeGreaterThan(0);
    expect(await count(db, SUBJECT_RECENT_TABLE)).toBeGreaterThan(0);
    expect(await countPendingSubjects(db)).toBeGreaterThan(0);
    expect(await newestFirst(db, personA)).toEqual(idsNewestFirst(records));
    expect(await newestFirst(db, entityA, 4)).toEqual(
      idsNewestFirst(records.filter((r) => r.subjects.some((s) => s.kind === 'legal-entity'))),
    );
  });

  it('merges the recent rows into the lookup once there are enough of them, and not before, when the shipper folds', async () => {
    shipping = new ShippingDatabase(database.target, {
      startCheckpointer: () => Promise.reject(new Error('no threads here')),
      fold: { rows: 1, afterMs: 60_000, mergeRows: 30 },
    });
    const db = (shippingDb = await shipping.connect());
    await storeBatch(db, batch(records.slice(0, 20)));
    await shipping.afterStore(db);
    expect(await count(db, SUBJECT_RECENT_TABLE)).toBe(20 + 5);
    // A second batch that stays under the threshold: counted on from the first, not merged.
    await storeBatch(db, batch(records.slice(20, 22)));
    await shipping.afterStore(db);
    const stored = await count(db, 'audit_subjects');
    expect(stored).toBeLessThan(30);
    expect(await count(db, SUBJECT_RECENT_TABLE)).toBe(stored);
    expect(await count(db, SUBJECT_INDEX_TABLE)).toBe(0);
    await storeBatch(db, batch(records.slice(22, 40)));
    await shipping.afterStore(db);
    expect(await count(db, SUBJECT_RECENT_TABLE)).toBe(0);
    expect(await count(db, SUBJECT_INDEX_TABLE)).toBe(await count(db, 'audit_subjects'));
    expect(await newestFirst(db, personA)).toEqual(idsNewestFirst(records.slice(0, 40)));
  });

  it('takes a record shipped twice once, waiting or folded', async () => {
    const db = await database.connect();
    await storeBatch(db, batch(records.slice(0, 10)));
    await foldPendingSubjects(db);
    await storeBatch(db, batch(records.slice(0, 20)));
    await storeBatch(db, batch(records.slice(10, 20)));
    expect(await newestFirst(db, personA)).toEqual(idsNewestFirst(records.slice(0, 20)));
    await foldPendingSubjects(db);
    expect(await newestFirst(db, personA)).toEqual(idsNewestFirst(records.slice(0, 20)));
  });

  it('forgets subject rows deleted from audit_subjects (retention, tampering) and follows updated ones, merged, folded or waiting', async () => {
    const db = await database.connect();
    const [merged, folded, waiting] = await mergedFoldedWaiting(db);
    const moved = [records[5], records[15], records[25]];
    await db('audit_subjects').whereIn('record_id', [merged.id, folded.id, waiting.id]).del();
    const other = subjectHash(keys.hmac, 'person', '320602198001011238');
    await db('audit_subjects')
      .whereIn(
        'record_id',
        moved.map((r) => r.id),
      )
      .where({ subject_hash: personA })
      .update({ subject_hash: other });
    const gone = [merged, folded, waiting, ...moved];
    const kept = records.slice(0, 30).filter((r) => !gone.includes(r));
    expect(await newestFirst(db, personA)).toEqual(idsNewestFirst(kept));
    expect(await newestFirst(db, other)).toEqual(idsNewestFirst(moved));
    await foldPendingSubjects(db);
    expect(await newestFirst(db, personA)).toEqual(idsNewestFirst(kept));
    expect(await newestFirst(db, other)).toEqual(idsNewestFirst(moved));
    await mergeRecentSubjects(db);
    expect(await newestFirst(db, personA)).toEqual(idsNewestFirst(kept));
    expect(await newestFirst(db, other)).toEqual(idsNewestFirst(moved));
    expect(await count(db, SUBJECT_INDEX_TABLE)).toBe(await count(db, 'audit_subjects'));
  });

  it('migrates a database that kept the (subject_hash, time) index: its rows move into the lookup and the index goes', async () => {
    const db = await database.open();
    await migrateToLatest(db, migrationsBefore('009_deferred_subject_index'));
    await storeBatch(db, batch(records.slice(0, 25)));
    const indexes = async () =>
      ((await db.raw("SELECT name FROM sqlite_master WHERE type = 'index'")) as { name: string }[])
        .map((r) => r.name)
        .filter((n) => n === 'audit_subjects_subject_time');
    expect(await indexes()).toEqual(['audit_subjects_subject_time']);
    await migrateToLatest(db, auditMigrations);
    expect(await indexes()).toEqual([]);
    expect(await count(db, SUBJECT_INDEX_TABLE)).toBe(await count(db, 'audit_subjects'));
    expect(await countPendingSubjects(db)).toBe(0);
    expect(await newestFirst(db, personA)).toEqual(idsNewestFirst(records.slice(0, 25)));
  });

  it('migrates a database that folded into the lookup alone: folded and waiting rows are still found, and follow deletes', async () => {
    const db = await database.open();
    await migrateToLatest(db, migrationsBefore('010_recent_subject_lookup'));
    await storeBatch(db, batch(records.slice(0, 20)));
    await db.raw(
      `INSERT INTO ${SUBJECT_INDEX_TABLE} SELECT subject_hash, time, record_id, kind FROM audit_subjects`,
    );
    await db(SUBJECT_PENDING_TABLE).del();
    await storeBatch(db, batch(records.slice(20, 30)));
    await migrateToLatest(db, auditMigrations);
    expect(await newestFirst(db, personA)).toEqual(idsNewestFirst(records.slice(0, 30)));
    await foldPendingSubjects(db);
    await db('audit_subjects').whereIn('record_id', [records[3].id, records[23].id]).del();
    const kept = records.slice(0, 30).filter((r) => r !== records[3] && r !== records[23]);
    expect(await newestFirst(db, personA)).toEqual(idsNewestFirst(kept));
    expect((await count(db, SUBJECT_INDEX_TABLE)) + (await count(db, SUBJECT_RECENT_TABLE))).toBe(
      await count(db, 'audit_subjects'),
    );
  });

  it('keeps each subject row in exactly one place when rows are added by hand to records folded, merged or waiting', async () => {
    const db = await database.connect();
    const [merged, folded, waiting] = await mergedFoldedWaiting(db);
    const other = subjectHash(keys.hmac, 'person', '320602198001011238');
    await db('audit_subjects').insert(
      [merged, folded, waiting].map((r) => ({
        record_id: r.id,
        time: r.time.replace('T', ' ').replace('Z', ''),
        kind: 'person',
        subject_hash: other,
      })),
    );
    const everywhere = async () =>
      (await count(db, SUBJECT_INDEX_TABLE)) +
      (await count(db, SUBJECT_RECENT_TABLE)) +
      (await countPendingSubjects(db));
    expect(await everywhere()).toBe(await count(db, 'audit_subjects'));
    expect(await newestFirst(db, other)).toEqual(idsNewestFirst([merged, folded, waiting]));
    expect(await newestFirst(db, personA)).toEqual(idsNewestFirst(records.slice(0, 30)));
    await foldPendingSubjects(db);
    await mergeRecentSubjects(db);
    expect(await count(db, SUBJECT_INDEX_TABLE)).toBe(await count(db, 'audit_subjects'));
    expect(await newestFirst(db, other)).toEqual(idsNewestFirst([merged, folded, waiting]));
  });

  it('migrates subject rows kept with rowids, and waiting one by one, to rows clustered on their key that wait by record, and back', async () => {
    const db = await database.open();
    await migrateToLatest(db, migrationsBefore('011_subject_rows_without_rowid'));
    await storeBatch(db, batch(records.slice(0, 20)));
    await foldPendingSubjects010(db);
    await mergeRecentSubjects(db);
    await storeBatch(db, batch(records.slice(20, 40)));
    await foldPendingSubjects010(db);
    await storeBatch(db, batch(records.slice(40)));
    const stored = await count(db, 'audit_subjects');
    const layout = async () =>
      (
        (await db.raw(
          "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'audit_subjects'",
        )) as { sql: string }[]
      )[0].sql;
    expect(await layout()).not.toMatch(/WITHOUT ROWID/);

    await migrateToLatest(db, auditMigrations);
    expect(await layout()).toMatch(/WITHOUT ROWID/);
    expect(await count(db, 'audit_subjects')).toBe(stored);
    // What waited under the old table was folded on the way: nothing is lost, nothing waits.
    expect(await countPendingSubjects(db)).toBe(0);
    expect((await count(db, SUBJECT_INDEX_TABLE)) + (await count(db, SUBJECT_RECENT_TABLE))).toBe(
      stored,
    );
    expect(await newestFirst(db, personA)).toEqual(idsNewestFirst(records));
    await db('audit_subjects').where({ record_id: records[5].id }).del();
    const kept = records.filter((r) => r !== records[5]);
    expect(await newestFirst(db, personA)).toEqual(idsNewestFirst(kept));

    // Back to 010's layout (whose lookups this code no longer reads): every row in the lookups
    // and the old triggers making a stored row wait by its rowid again.
    await subjectRowsWithoutRowidMigration.down(db);
    expect(await layout()).not.toMatch(/WITHOUT ROWID/);
    expect(await count(db, 'audit_subjects')).toBe(stored - records[5].subjects.length);
    expect((await count(db, SUBJECT_INDEX_TABLE)) + (await count(db, SUBJECT_RECENT_TABLE))).toBe(
      stored - records[5].subjects.length,
    );
    await storeBatch(db, batch(records.slice(5, 6)));
    expect(await count(db, SUBJECT_PENDING_TABLE)).toBe(records[5].subjects.length);
  });

  it("is folded by the database's own thread once enough rows wait, without the shipper's help", async () => {
    shipping = new ShippingDatabase(database.target, {
      checkpointIntervalMs: 20,
      fold: { rows: 50, afterMs: 60_000 },
    });
    const db = (shippingDb = await shipping.connect());
    await storeBatch(db, batch(records.slice(0, 20)));
    await shipping.afterStore(db);
    // Fewer rows than a fold waits for: they wait.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await countPendingSubjects(db)).toBe(20 + 5);
    expect(await count(db, SUBJECT_PENDING_TABLE)).toBe(20);
    await storeBatch(db, batch(records.slice(20)));
    await shipping.afterStore(db);
    const deadline = Date.now() + 10_000;
    while ((await countPendingSubjects(db)) > 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await countPendingSubjects(db)).toBe(0);
    expect(await count(db, SUBJECT_PENDING_TABLE)).toBe(0);
    expect(await newestFirst(db, personA)).toEqual(idsNewestFirst(records));
  });

  it("is merged by the database's own thread once enough rows were folded", async () => {
    shipping = new ShippingDatabase(database.target, {
      checkpointIntervalMs: 20,
      fold: { rows: 10, afterMs: 60_000, mergeRows: 40 },
    });
    const db = (shippingDb = await shipping.connect());
    await storeBatch(db, batch(records));
    const deadline = Date.now() + 10_000;
    while ((await count(db, SUBJECT_INDEX_TABLE)) === 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await count(db, SUBJECT_INDEX_TABLE)).toBe(await count(db, 'audit_subjects'));
    expect(await count(db, SUBJECT_RECENT_TABLE)).toBe(0);
    expect(await newestFirst(db, personA)).toEqual(idsNewestFirst(records));
  });

  it('is folded by the shipper after every batch when no thread can run', async () => {
    const warnings: string[] = [];
    shipping = new ShippingDatabase(database.target, {
      startCheckpointer: () => Promise.reject(new Error('no threads here')),
      onWarning: (m) => warnings.push(m),
    });
    const db = (shippingDb = await shipping.connect());
    await storeBatch(db, batch(records.slice(0, 20)));
    await shipping.afterStore(db);
    expect(await countPendingSubjects(db)).toBe(0);
    expect(await count(db, SUBJECT_RECENT_TABLE)).toBe(20 + 5);
    expect(warnings).toEqual([expect.stringContaining('no threads here')]);
  });
});

/**
 * "Who looked at this person's data" needs audit_subjects in (subject_hash, time) order. On
 * MariaDB that is a secondary index of each monthly partition, and InnoDB buffers its changes.
 * On the embedded SQLite file the same index cost the gateway most of its shipping time: every
 * subject row lands at a random place in it, so a people page's record of fifty subjects dirtied
 * about fifty pages, each written to the log at commit, about 0.7 ms per record on the event loop
 * (issue 13).
 *
 * So on SQLite the order is kept beside the table, filled in bulk:
 *
 *   audit_subject_index    (subject_hash, time, record_id, kind), WITHOUT ROWID: the lookup
 *   audit_subject_recent   the same, for the rows folded since the last merge (010)
 *   audit_subject_pending  the records whose audit_subjects rows are in neither yet (011; before,
 *                          the rowids of the rows themselves)
 *
 * Triggers on audit_subjects keep the three exact whoever writes the table (the shipper, a test,
 * retention's deletes; subject-rows-migration.ts says how). Folding moves the pending records'
 * rows into the recent table sorted, in one transaction; a fold of many rows touches each page
 * once rather than once per row. The audit database's own thread folds
 * (gateway/audit/sqlite-checkpointer.ts); when it cannot run, the shipper folds after each batch,
 * as costly as the index was.
 *
 * Two levels, because a fold costs about one page of the lookup per row once the lookup has
 * more pages than a fold has rows: twenty thousand rows, each for some other subject, land on as
 * many pages, and each page is written to the log and checkpointed again. Folding into the
 * whole lookup cost 31 ms for the first 20,000 rows and 280 ms at two million (BENCHMARKS.md),
 * so the gateway's CPU per people page grew with the audit log's age. Folds go into the small
 * recent table instead; once it holds MERGE_ROWS rows they are merged into the lookup in one
 * sorted pass per range of hashes, which writes each page of the lookup about once for all of
 * them.
 *
 * A lookup reads all three: the lookup table, the recent one and the pending rows (few: a fold's
 * worth at most), so an answer never depends on whether a fold or a merge has run. A row is in
 * exactly one of them at every commit.
 */
import { Knex } from 'knex';
import { Migration } from '../database/migrations';
import { isMysql } from '../database/database';

export const SUBJECT_INDEX_TABLE = 'audit_subject_index';
export const SUBJECT_PENDING_TABLE = 'audit_subject_pending';
export const SUBJECT_RECENT_TABLE = 'audit_subject_recent';
/** The (subject_hash, time) index that the lookup table replaces on SQLite. */
const SUBJECT_TIME_INDEX = 'audit_subjects_subject_time';

/** A lookup table's row that is audit_subjects' row `row` (OLD in a trigger). */
export const SAME_ROW = (row: 'OLD') =>
  `subject_hash = ${row}.subject_hash AND time = ${row}.time AND record_id = ${row}.record_id AND kind = ${row}.kind`;

/** A table of subject rows in lookup order: the lookup, and (010) the recent one. */
const lookupTable = (name: string) =>
  `CREATE TABLE IF NOT EXISTS ${name} (
     subject_hash VARCHAR(64) NOT NULL,
     time VARCHAR(23) NOT NULL,
     record_id VARCHAR(36) NOT NULL,
     kind VARCHAR(16) NOT NULL,
     PRIMARY KEY (subject_hash, time, record_id, kind)
   ) WITHOUT ROWID`;

const CREATE = [
  lookupTable(SUBJECT_INDEX_TABLE),
  // Rowids of audit_subjects only grow while rows are appended, so pending rows append here too.
  `CREATE TABLE IF NOT EXISTS ${SUBJECT_PENDING_TABLE} (subject_row INTEGER PRIMARY KEY)`,
  `CREATE TRIGGER IF NOT EXISTS audit_subjects_pending AFTER INSERT ON audit_subjects BEGIN
     INSERT OR IGNORE INTO ${SUBJECT_PENDING_TABLE} (subject_row) VALUES (NEW.rowid);
   END`,
  `CREATE TRIGGER IF NOT EXISTS audit_subjects_unindexed AFTER DELETE ON audit_subjects BEGIN
     DELETE FROM ${SUBJECT_PENDING_TABLE} WHERE subject_row = OLD.rowid;
     DELETE FROM ${SUBJECT_INDEX_TABLE} WHERE ${SAME_ROW('OLD')};
   END`,
  `CREATE TRIGGER IF NOT EXISTS audit_subjects_reindexed AFTER UPDATE ON audit_subjects BEGIN
     DELETE FROM ${SUBJECT_INDEX_TABLE} WHERE ${SAME_ROW('OLD')};
     INSERT OR IGNORE INTO ${SUBJECT_PENDING_TABLE} (subject_row) VALUES (NEW.rowid);
   END`,
];

/**
 * 009: on SQLite, the lookup table, the pending rows and their triggers; the rows already there
 * go into the lookup, and the index it replaces is dropped. MariaDB keeps its index.
 */
export const deferredSubjectIndexMigration: Migration = {
  name: '009_deferred_subject_index',
  async up(db) {
    if (isMysql(db)) return;
    for (const sql of CREATE) await db.raw(sql);
    await db.raw(
      `INSERT OR IGNORE INTO ${SUBJECT_INDEX_TABLE} (subject_hash, time, record_id, kind)
       SELECT subject_hash, time, record_id, kind FROM audit_subjects ORDER BY subject_hash, time`,
    );
    await db.raw(`DROP INDEX IF EXISTS ${SUBJECT_TIME_INDEX}`);
  },
  async down(db) {
    if (isMysql(db)) return;
    for (const trigger of [
      'audit_subjects_pending',
      'audit_subjects_unindexed',
      'audit_subjects_reindexed',
    ])
      await db.raw(`DROP TRIGGER IF EXISTS ${trigger}`);
    await db.raw(`DROP TABLE IF EXISTS ${SUBJECT_PENDING_TABLE}`);
    await db.raw(`DROP TABLE IF EXISTS ${SUBJECT_INDEX_TABLE}`);
    await db.raw(`CREATE INDEX ${SUBJECT_TIME_INDEX} ON audit_subjects (subject_hash, time)`);
  },
};

const LOOKUP_COLUMNS = 'subject_hash, time, record_id, kind';

/** The triggers of 009, which know only the lookup table; 010 replaces them. */
const TRIGGERS_009 = CREATE.slice(3);

/** A trigger's statements that take audit_subjects' row OLD out of both lookup tables (010, 011). */
export const LEAVE_LOOKUPS = `DELETE FROM ${SUBJECT_INDEX_TABLE} WHERE ${SAME_ROW('OLD')};
     DELETE FROM ${SUBJECT_RECENT_TABLE} WHERE ${SAME_ROW('OLD')};`;

const TRIGGERS_010 = [
  `CREATE TRIGGER audit_subjects_unindexed AFTER DELETE ON audit_subjects BEGIN
     DELETE FROM ${SUBJECT_PENDING_TABLE} WHERE subject_row = OLD.rowid;
     ${LEAVE_LOOKUPS}
   END`,
  `CREATE TRIGGER audit_subjects_reindexed AFTER UPDATE ON audit_subjects BEGIN
     ${LEAVE_LOOKUPS}
     INSERT OR IGNORE INTO ${SUBJECT_PENDING_TABLE} (subject_row) VALUES (NEW.rowid);
   END`,
];

/** The triggers as 010 left them, with rows pending one by one: what 011's down restores. */
export const PENDING_ROW_TRIGGERS: readonly string[] = [CREATE[2], ...TRIGGERS_010];

async function dropRowTriggers(db: Knex): Promise<void> {
  await db.raw('DROP TRIGGER IF EXISTS audit_subjects_unindexed');
  await db.raw('DROP TRIGGER IF EXISTS audit_subjects_reindexed');
}

/** 010: on SQLite, the recent table that folds go into, and triggers that keep it exact too. */
export const recentSubjectLookupMigration: Migration = {
  name: '010_recent_subject_lookup',
  async up(db) {
    if (isMysql(db)) return;
    await db.raw(lookupTable(SUBJECT_RECENT_TABLE));
    await dropRowTriggers(db);
    for (const sql of TRIGGERS_010) await db.raw(sql);
  },
  async down(db) {
    if (isMysql(db)) return;
    await db.raw(
      `INSERT OR IGNORE INTO ${SUBJECT_INDEX_TABLE} (${LOOKUP_COLUMNS})
       SELECT ${LOOKUP_COLUMNS} FROM ${SUBJECT_RECENT_TABLE} ORDER BY subject_hash, time`,
    );
    await dropRowTriggers(db);
    for (const sql of TRIGGERS_009) await db.raw(sql);
    await db.raw(`DROP TABLE IF EXISTS ${SUBJECT_RECENT_TABLE}`);
  },
};

/**
 * The statements of one fold, for better-sqlite3 directly (the database's thread) and for knex
 * (the shipper's fallback): `?` is the last pending record to fold (record ids are UUIDv7, so
 * in the order they were written). Every join from the pending records to their rows is a CROSS
 * JOIN, which SQLite runs in the order written: left to choose, its planner walked every subject
 * row up to the bound and looked each one's record up among the pending.
 */
export const FOLD_SQL = {
  /** The last of the first `?` pending records; null when none is pending. */
  last: `SELECT max(record_id) AS last FROM (SELECT record_id FROM ${SUBJECT_PENDING_TABLE} ORDER BY record_id LIMIT ?)`,
  insert: `INSERT OR IGNORE INTO ${SUBJECT_RECENT_TABLE} (subject_hash, time, record_id, kind)
    SELECT s.subject_hash, s.time, s.record_id, s.kind
    FROM ${SUBJECT_PENDING_TABLE} p CROSS JOIN audit_subjects s ON s.record_id = p.record_id
    WHERE p.record_id <= ? ORDER BY s.subject_hash, s.time`,
  remove: `DELETE FROM ${SUBJECT_PENDING_TABLE} WHERE record_id <= ?`,
  /** Subject rows waiting to be folded, and the newest pending record (null when none is). */
  waiting: `SELECT count(*) AS n, (SELECT max(record_id) FROM ${SUBJECT_PENDING_TABLE}) AS newest
    FROM ${SUBJECT_PENDING_TABLE} p CROSS JOIN audit_subjects s ON s.record_id = p.record_id`,
} as const;

/**
 * Records folded per transaction: about 50,000 subject rows of people pages, for which the write
 * lock is held some 200 ms.
 */
export const FOLD_MAX_RECORDS = 1000;

/**
 * Rows the recent table holds before a merge: some thousands of its pages, which a fold of
 * 20,000 rows touches a fraction of; a merge writes each page of the lookup once for them all.
 */
export const MERGE_ROWS = 200_000;

/**
 * A merge moves the recent rows in ranges of hashes, one transaction each, so that the write
 * lock is held for a sixteenth of it at a time: each bound takes the rows below it that an
 * earlier range left (the hashes are hex; the last bound is above any text).
 */
export const MERGE_BOUNDS: readonly string[] = [...'123456789abcdef', '\u{10ffff}'];

/** The statements of a merge; `?` is a range's bound. */
export const MERGE_SQL = {
  count: `SELECT count(*) AS n FROM ${SUBJECT_RECENT_TABLE}`,
  move: `INSERT OR IGNORE INTO ${SUBJECT_INDEX_TABLE} (${LOOKUP_COLUMNS})
    SELECT ${LOOKUP_COLUMNS} FROM ${SUBJECT_RECENT_TABLE} WHERE subject_hash < ?
    ORDER BY subject_hash, time, record_id, kind`,
  remove: `DELETE FROM ${SUBJECT_RECENT_TABLE} WHERE subject_hash < ?`,
} as const;

/** Merges the recent rows into the lookup through knex, a range per transaction (SQLite only). */
export async function mergeRecentSubjects(db: Knex): Promise<void> {
  if (isMysql(db)) return;
  for (const bound of MERGE_BOUNDS)
    await db.transaction(async (trx) => {
      await trx.raw(MERGE_SQL.move, [bound]);
      await trx.raw(MERGE_SQL.remove, [bound]);
    });
}

/** Rows in the recent table: counted once by whoever merges, then kept up with what folds add. */
export async function countRecentSubjects(db: Knex): Promise<number> {
  const [{ n }] = (await db.raw(MERGE_SQL.count)) as { n: number }[];
  return Number(n);
}

/** Subject rows waiting to be folded (SQLite only). */
export async function countPendingSubjects(db: Knex): Promise<number> {
  if (isMysql(db)) return 0;
  const [{ n }] = (await db.raw(FOLD_SQL.waiting)) as { n: number }[];
  return Number(n);
}

/**
 * Folds every pending record's rows into the recent table, FOLD_MAX_RECORDS per transaction,
 * through knex (SQLite only); resolves with the number of rows the recent table gained.
 */
export async function foldPendingSubjects(db: Knex): Promise<number> {
  if (isMysql(db)) return 0;
  let total = 0;
  for (;;) {
    const folded = await db.transaction(async (trx) => {
      const [{ last }] = (await trx.raw(FOLD_SQL.last, [FOLD_MAX_RECORDS])) as {
        last: string | null;
      }[];
      if (last === null) return null;
      const { changes } = (await trx.raw(FOLD_SQL.insert, [last])) as { changes: number };
      await trx.raw(FOLD_SQL.remove, [last]);
      return changes;
    });
    if (folded === null) return total;
    total += folded;
  }
}

/**
 * The pending rows of one subject as (record_id, time, subject_hash), to be read beside the
 * lookup and recent tables' (SQLite only).
 */
export function pendingSubjectRows(db: Knex, subjectHash: string): Knex.QueryBuilder {
  return db
    .select('x.record_id', 'x.time', 'x.subject_hash')
    .from(`${SUBJECT_PENDING_TABLE} as p`)
    .joinRaw('CROSS JOIN audit_subjects AS x ON x.record_id = p.record_id')
    .where('x.subject_hash', subjectHash);
}

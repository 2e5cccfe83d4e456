/**
 * 011, on SQLite only: audit_subjects becomes a WITHOUT ROWID table clustered on its primary key
 * (record_id, kind, subject_hash, time), and a record rather than each of its subject rows waits
 * to be folded into the lookup (subject-index.ts).
 *
 * Before, each subject row was stored twice (the rowid table and its primary key's own index)
 * and added a row to audit_subject_pending through a trigger: for a people page's fifty subjects
 * that was three B-tree inserts a row. Clustered on the key, and with one pending row per record,
 * it is one (BENCHMARKS.md, "Subject rows without rowids"). Record ids are UUIDv7, so new rows
 * land at the end of the table as they did in rowid order.
 *
 * The triggers keep every row in exactly one place, whoever writes the table:
 *  - an inserted row of a record not yet seen makes the record pending; of a record whose other
 *    rows were folded already (only a hand-made row can be), it goes to the recent table itself;
 *  - a deleted row leaves the lookup and the recent table (its record may stay pending, rowless);
 *  - an updated row leaves them, and comes back to the recent table unless its record is pending.
 *
 * Rows waiting under 010's pending table are folded before the table is rebuilt. The rebuild
 * copies every subject row once, in key order: about a second per million rows, once.
 */
import { Knex } from 'knex';
import { isMysql } from '../database/database';
import { Migration } from '../database/migrations';
import {
  LEAVE_LOOKUPS,
  PENDING_ROW_TRIGGERS,
  SUBJECT_PENDING_TABLE,
  SUBJECT_RECENT_TABLE,
} from './subject-index';

const COLUMNS = 'record_id, time, kind, subject_hash';
const LOOKUP_COLUMNS = 'subject_hash, time, record_id, kind';
const KEY = 'record_id, kind, subject_hash, time';

/** The columns as 001 made them, with the same primary key. */
const subjectsTable = (name: string, withoutRowid: boolean) =>
  `CREATE TABLE ${name} (
     record_id varchar(36) not null,
     time varchar(23) not null,
     kind varchar(16) not null,
     subject_hash varchar(64) not null,
     primary key (${KEY})
   )${withoutRowid ? ' WITHOUT ROWID' : ''}`;

/** Another row of NEW's record than NEW itself. */
const OTHER_ROW = `SELECT 1 FROM audit_subjects o
  WHERE o.record_id = NEW.record_id AND NOT (o.kind = NEW.kind AND o.subject_hash = NEW.subject_hash AND o.time = NEW.time)`;
const PENDING_RECORD = (row: 'NEW') =>
  `SELECT 1 FROM ${SUBJECT_PENDING_TABLE} WHERE record_id = ${row}.record_id`;
const INTO_RECENT = `INSERT OR IGNORE INTO ${SUBJECT_RECENT_TABLE} (${LOOKUP_COLUMNS})
  SELECT NEW.subject_hash, NEW.time, NEW.record_id, NEW.kind`;

const RECORD_TRIGGERS = [
  `CREATE TRIGGER audit_subjects_pending AFTER INSERT ON audit_subjects
   WHEN NOT EXISTS (${PENDING_RECORD('NEW')})
   BEGIN
     ${INTO_RECENT} WHERE EXISTS (${OTHER_ROW});
     INSERT OR IGNORE INTO ${SUBJECT_PENDING_TABLE} (record_id)
       SELECT NEW.record_id WHERE NOT EXISTS (${OTHER_ROW});
   END`,
  `CREATE TRIGGER audit_subjects_unindexed AFTER DELETE ON audit_subjects BEGIN
     ${LEAVE_LOOKUPS}
   END`,
  `CREATE TRIGGER audit_subjects_reindexed AFTER UPDATE ON audit_subjects BEGIN
     ${LEAVE_LOOKUPS}
     ${INTO_RECENT} WHERE NOT EXISTS (${PENDING_RECORD('NEW')});
   END`,
];

async function dropTriggers(db: Knex): Promise<void> {
  for (const trigger of [
    'audit_subjects_pending',
    'audit_subjects_unindexed',
    'audit_subjects_reindexed',
  ])
    await db.raw(`DROP TRIGGER IF EXISTS ${trigger}`);
}

/** Rebuilds audit_subjects with or without rowids, its rows copied in key order. */
async function rebuildSubjects(db: Knex, withoutRowid: boolean): Promise<void> {
  await db.raw(subjectsTable('audit_subjects_rebuilt', withoutRowid));
  await db.raw(
    `INSERT INTO audit_subjects_rebuilt (${COLUMNS}) SELECT ${COLUMNS} FROM audit_subjects ORDER BY ${KEY}`,
  );
  await db.raw('DROP TABLE audit_subjects');
  await db.raw('ALTER TABLE audit_subjects_rebuilt RENAME TO audit_subjects');
}

/** Whether audit_subjects is clustered on its key already (011 ran, and is being run again). */
async function withoutRowid(db: Knex): Promise<boolean> {
  const [row] = (await db.raw(
    "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'audit_subjects'",
  )) as { sql: string }[];
  return /WITHOUT ROWID\s*$/i.test(row.sql);
}

/**
 * Each step checks what is done already, as every audit migration does: run again after its
 * work (a start that found knex's note of it missing) it only puts the triggers back, which
 * 009 and 010 run again would have replaced with theirs.
 */
export const subjectRowsWithoutRowidMigration: Migration = {
  name: '011_subject_rows_without_rowid',
  async up(db) {
    if (isMysql(db)) return;
    await dropTriggers(db);
    if (!(await withoutRowid(db))) {
      await db.raw(
        `INSERT OR IGNORE INTO ${SUBJECT_RECENT_TABLE} (${LOOKUP_COLUMNS})
         SELECT s.subject_hash, s.time, s.record_id, s.kind
         FROM ${SUBJECT_PENDING_TABLE} p JOIN audit_subjects s ON s.rowid = p.subject_row
         ORDER BY s.subject_hash, s.time`,
      );
      await db.raw(`DROP TABLE ${SUBJECT_PENDING_TABLE}`);
      await rebuildSubjects(db, true);
    }
    await db.raw(
      `CREATE TABLE IF NOT EXISTS ${SUBJECT_PENDING_TABLE} (record_id VARCHAR(36) NOT NULL PRIMARY KEY) WITHOUT ROWID`,
    );
    for (const sql of RECORD_TRIGGERS) await db.raw(sql);
  },
  async down(db) {
    if (isMysql(db)) return;
    await dropTriggers(db);
    if (await withoutRowid(db)) {
      await db.raw(
        `INSERT OR IGNORE INTO ${SUBJECT_RECENT_TABLE} (${LOOKUP_COLUMNS})
         SELECT s.subject_hash, s.time, s.record_id, s.kind
         FROM ${SUBJECT_PENDING_TABLE} p CROSS JOIN audit_subjects s ON s.record_id = p.record_id
         ORDER BY s.subject_hash, s.time`,
      );
      await db.raw(`DROP TABLE ${SUBJECT_PENDING_TABLE}`);
      await rebuildSubjects(db, false);
    }
    await db.raw(
      `CREATE TABLE IF NOT EXISTS ${SUBJECT_PENDING_TABLE} (subject_row INTEGER PRIMARY KEY)`,
    );
    for (const sql of PENDING_ROW_TRIGGERS) await db.raw(sql);
  },
};

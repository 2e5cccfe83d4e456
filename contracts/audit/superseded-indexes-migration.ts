/**
 * 012: drops audit_records' indexes on (time) and on (department, time). Since 002 the indexes on
 * (time, id) and (department, time, id) answer every query those did, in the same order and from
 * the same first columns (a time range, a department's range of time), and retention's deletes by
 * month read (time, id) as well. Every record written updated both pairs: on the embedded
 * database two of the eight B-trees a record row is inserted into, with their pages written to
 * the log at each commit and copied into the file at each checkpoint.
 */
import { Migration } from '../database/migrations';
import { addMissingIndexes, indexExists } from '../database/schema-guards';

/** Name → columns, as 001 created them (and 012's down puts them back). */
export const SUPERSEDED_RECORD_INDEXES: Readonly<Record<string, readonly string[]>> = {
  audit_records_time: ['time'],
  audit_records_department_time: ['department', 'time'],
};

export const supersededRecordIndexesMigration: Migration = {
  name: '012_drop_superseded_record_indexes',
  async up(db) {
    for (const [name, columns] of Object.entries(SUPERSEDED_RECORD_INDEXES)) {
      if (!(await indexExists(db, 'audit_records', name))) continue;
      await db.schema.alterTable('audit_records', (t) => {
        t.dropIndex([...columns], name);
      });
    }
  },
  async down(db) {
    await addMissingIndexes(db, 'audit_records', SUPERSEDED_RECORD_INDEXES);
  },
};

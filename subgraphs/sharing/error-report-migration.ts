/**
 * The table of data error reports (数据纠错) and their answers (校核). The subject's identifier is
 * kept in clear: the owner must find the record to correct, and the subject reads the corrections
 * of their own data by it. The audit trail, by contrast, keeps only keyed hashes of it.
 */
import { Migration } from '../../contracts/database/migrations';

export const errorReportMigration: Migration = {
  name: '008_data_error_reports',
  async up(db) {
    await db.schema.createTable('data_error_reports', (t) => {
      t.string('id', 40).primary();
      t.string('reporter', 40).notNullable();
      t.string('reporter_application', 64).nullable();
      t.string('reported_by', 64).nullable();
      t.string('owner', 40).notNullable();
      t.string('coordinate', 200).notNullable();
      t.string('subject_kind', 12).notNullable();
      t.string('subject_id', 18).notNullable();
      t.text('problem').notNullable();
      t.text('evidence').nullable();
      t.string('status', 10).notNullable();
      t.string('reported_at', 30).notNullable();
      t.date('reported_on').notNullable();
      t.date('due_on').notNullable();
      t.string('answered_at', 30).nullable();
      t.date('answered_on').nullable();
      t.string('answered_by', 64).nullable();
      t.text('correction').nullable();
      t.text('reject_reason').nullable();
      // An owner's queue, a reporter's list and its daily count, a subject's corrections, overdue ones.
      t.index(['owner', 'status', 'id']);
      t.index(['reporter', 'reported_on']);
      t.index(['subject_kind', 'subject_id', 'id']);
      t.index(['status', 'due_on', 'id']);
    });
  },
  async down(db) {
    await db.schema.dropTableIfExists('data_error_reports');
  },
};

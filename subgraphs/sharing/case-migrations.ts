/**
 * Tables of approval items' grants and cases (办件). An item grant is an ordinary grant that
 * names its item; a case keeps its applicants and consent as JSON lists, read and written whole
 * like the other lists of this database.
 */
import { Migration } from '../../contracts/database/migrations';

export const caseMigrations: readonly Migration[] = [
  {
    name: '005_approval_item_grants_and_cases',
    async up(db) {
      await db.schema.alterTable('sharing_applications', (t) => {
        t.string('item_code', 6).nullable();
      });
      await db.schema.alterTable('grants', (t) => {
        t.string('item_code', 6).nullable();
        // openCase asks whether the caller's department holds an item's grant.
        t.index(['item_code', 'department', 'status']);
      });
      await db.schema.createTable('approval_cases', (t) => {
        t.string('number', 24).primary();
        t.string('item_code', 6).notNullable();
        t.string('department', 40).notNullable();
        t.string('application_id', 64).notNullable();
        t.string('operator', 64).notNullable();
        t.string('opened_by', 64).nullable();
        t.text('applicant_id_numbers').notNullable();
        t.text('applicant_credit_codes').notNullable();
        t.text('consent_scope').notNullable();
        t.string('consent_signed_at', 30).notNullable();
        t.string('status', 8).notNullable();
        t.string('opened_at', 30).notNullable();
        t.date('due_on').notNullable();
        t.string('closed_at', 30).nullable();
        t.string('closed_by', 64).nullable();
        t.index(['application_id', 'number']);
        t.index(['item_code', 'number']);
        t.index(['status', 'due_on', 'number']);
      });
    },
    async down(db) {
      await db.schema.dropTableIfExists('approval_cases');
      await db.schema.alterTable('grants', (t) => {
        t.dropIndex(['item_code', 'department', 'status']);
        t.dropColumn('item_code');
      });
      await db.schema.alterTable('sharing_applications', (t) => {
        t.dropColumn('item_code');
      });
    },
  },
];

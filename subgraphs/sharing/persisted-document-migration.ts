import { Migration } from '../../contracts/database/migrations';

/**
 * Persisted documents (persisted-documents.ts): one row per document and application it is
 * registered for, keyed by the SHA-256 of the exact text. The text is kept per row (documents are
 * small and few), so a row is complete without a join. `item_code` names the approval item the
 * document serves (政务服务事项编码, e.g. ZF0101) by code only. Applications gain their document
 * mode: ANY (the default) or PERSISTED_ONLY.
 */
export const persistedDocumentsMigration: Migration = {
  name: '006_persisted_documents',
  async up(db) {
    await db.schema.createTable('persisted_documents', (t) => {
      t.string('sha256', 64).notNullable();
      t.string('application_id', 64).notNullable();
      // MEDIUMTEXT on MariaDB (TEXT stops at 64 KiB); SQLite ignores the type.
      t.text('document', 'mediumtext').notNullable();
      t.string('operation_name', 128).nullable();
      t.string('item_code', 32).nullable();
      t.string('registered_department', 40).notNullable();
      t.string('registered_by', 128).nullable();
      t.string('registered_at', 30).notNullable();
      t.primary(['sha256', 'application_id']);
      t.index(['application_id', 'sha256']);
    });
    await db.schema.alterTable('applications', (t) => {
      t.string('document_mode', 16).notNullable().defaultTo('ANY');
    });
  },
  async down(db) {
    await db.schema.alterTable('applications', (t) => {
      t.dropColumn('document_mode');
    });
    await db.schema.dropTableIfExists('persisted_documents');
  },
};

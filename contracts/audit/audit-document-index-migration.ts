/**
 * 008: an index on audit_records.document_hash. Documents are stored once and shared by every
 * record of the same query text, so retention (gateway/audit/retention/) may drop an archived
 * month's documents only when no remaining record points to them; without the index each such
 * question scans every remaining month. The column and the records' hashes are unchanged.
 */
import { Migration } from '../database/migrations';
import { addMissingIndexes } from '../database/schema-guards';

export const DOCUMENT_INDEX = 'audit_records_document';

export const auditDocumentIndexMigration: Migration = {
  name: '008_records_document_index',
  async up(db) {
    await addMissingIndexes(db, 'audit_records', { [DOCUMENT_INDEX]: ['document_hash'] });
  },
  async down(db) {
    await db.schema.alterTable('audit_records', (t) => {
      t.dropIndex(['document_hash'], DOCUMENT_INDEX);
    });
  },
};

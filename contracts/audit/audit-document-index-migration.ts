/**
 * 008: an index on audit_records.document_hash. Documents are stored once and shared by every
 * record of the same query text, so retention (gateway/audit/retention/) may drop an archived
 * month's documents only when no remaining record points to them; without the index each such
 * question scans every remaining month. The column and the records' hashes are unchanged.
 */
import { Knex } from 'knex';
import { isMysql } from '../database/database';
import { Migration } from '../database/migrations';

export const DOCUMENT_INDEX = 'audit_records_document';

async function indexExists(db: Knex, table: string, index: string): Promise<boolean> {
  if (isMysql(db)) {
    const [rows] = (await db.raw(
      'SELECT 1 FROM information_schema.statistics WHERE table_schema = DATABASE() AND table_name = ? AND index_name = ? LIMIT 1',
      [table, index],
    )) as [unknown[]];
    return rows.length > 0;
  }
  const rows = (await db.raw("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?", [
    index,
  ])) as unknown[];
  return rows.length > 0;
}

export const auditDocumentIndexMigration: Migration = {
  name: '008_records_document_index',
  async up(db) {
    // MariaDB's DDL is not transactional: a gateway killed between adding the index and knex
    // noting the migration leaves the index there, and the next start must not fail on it.
    if (await indexExists(db, 'audit_records', DOCUMENT_INDEX)) return;
    await db.schema.alterTable('audit_records', (t) => {
      t.index(['document_hash'], DOCUMENT_INDEX);
    });
  },
  async down(db) {
    await db.schema.alterTable('audit_records', (t) => {
      t.dropIndex(['document_hash'], DOCUMENT_INDEX);
    });
  },
};

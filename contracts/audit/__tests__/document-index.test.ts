/**
 * Retention asks "does any remaining record still point to this document?" for every document of
 * an archived month. Migration 008 lets the database answer from an index, on SQLite and on
 * MariaDB (where audit_records is partitioned by month), instead of scanning every month left.
 */
import { Knex } from 'knex';
import { describeWithService } from '../../../test/utils/services';
import { isMysql } from '../../database/database';
import { auditMigrations } from '../audit-migrations';
import { DOCUMENT_INDEX } from '../audit-document-index-migration';
import { migratedAuditScratch } from '../../../test/utils/audit-fixtures';

/** The question retention asks, as it asks it. */
const usedDocuments = (db: Knex, hashes: string[]) =>
  db('audit_records').distinct('document_hash').whereIn('document_hash', hashes);

function documentIndexSuite(backend: 'sqlite' | 'mysql') {
  const scratch = migratedAuditScratch(backend);

  it('answers whether a document is still used from the index', async () => {
    const { db } = scratch;
    const hashes = ['a'.repeat(64), 'b'.repeat(64)];
    const query = usedDocuments(db, hashes).toSQL().toNative();
    if (isMysql(db)) {
      const [plan] = (await db.raw(`EXPLAIN ${query.sql}`, query.bindings)) as [
        { key: string | null; type: string }[],
      ];
      expect(plan.map((p) => p.key)).toEqual([DOCUMENT_INDEX]);
      expect(plan[0]!.type).not.toBe('ALL');
    } else {
      const plan = (await db.raw(`EXPLAIN QUERY PLAN ${query.sql}`, query.bindings)) as {
        detail: string;
      }[];
      expect(plan.map((p) => p.detail).join('\n')).toContain(
        `USING COVERING INDEX ${DOCUMENT_INDEX}`,
      );
    }
  });

  it('can be rolled back', async () => {
    const { db } = scratch;
    const index = auditMigrations.find((m) => m.name.startsWith('008'))!;
    await index.down(db);
    await index.up(db);
    expect(await usedDocuments(db, ['c'.repeat(64)])).toEqual([]);
  });

  it('runs again over an index already there (a start killed before the migration was noted)', async () => {
    const { db } = scratch;
    const index = auditMigrations.find((m) => m.name.startsWith('008'))!;
    await expect(index.up(db)).resolves.toBeUndefined();
    expect(await usedDocuments(db, ['d'.repeat(64)])).toEqual([]);
  });
}

describe('the document index on SQLite', () => documentIndexSuite('sqlite'));
describeWithService('mysql', 'the document index on MariaDB', () => documentIndexSuite('mysql'));

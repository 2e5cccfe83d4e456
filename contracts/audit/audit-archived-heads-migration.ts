/**
 * 007: audit_archived_heads, where the database's chains resume after retention archived their
 * oldest months (gateway/audit/retention/). One row per chain per archived month:
 *
 *   chain, month (`YYYY-MM`)  the chain and the month archived
 *   seq, hash                 the chain's last record in that month: the remaining records
 *                             continue from it, so the database verifier starts the chain there
 *                             instead of at the genesis hash.
 *
 * Written in the same step as the month is dropped, after its archive verified; the archive's
 * manifest holds the same head, so the offline check of archive and database meet at it.
 */
import { Migration } from '../database/migrations';
import { addMissingIndexes, createTableIfMissing } from '../database/schema-guards';

export const ARCHIVED_HEADS_TABLE = 'audit_archived_heads';

export interface ArchivedHeadRow {
  chain: string;
  month: string;
  seq: number;
  hash: string;
}

export const auditArchivedHeadsMigration: Migration = {
  name: '007_archived_heads',
  async up(db) {
    await createTableIfMissing(db, ARCHIVED_HEADS_TABLE, (t) => {
      t.string('chain', 100).notNullable();
      t.string('month', 7).notNullable();
      t.bigInteger('seq').notNullable();
      t.string('hash', 64).notNullable();
      t.primary(['chain', 'month']);
    });
    await addMissingIndexes(db, ARCHIVED_HEADS_TABLE, {
      audit_archived_heads_chain_seq: ['chain', 'seq'],
    });
  },
  async down(db) {
    await db.schema.dropTableIfExists(ARCHIVED_HEADS_TABLE);
  },
};

/**
 * 005: how a response was delivered (record-delivery.ts), one nullable column of audit_records:
 *
 *   delivery  VARCHAR(16)  EXPORT_CSV or EXPORT_XLSX for a workbench export
 *
 * NULL on every record of an ordinary GraphQL response, so the rows of records written before
 * keep their columns, and the verifier rebuilds them to the hashes they were chained with. On
 * MariaDB an ADD COLUMN applies to every monthly partition at once (the partitioning is on
 * `time`, untouched); no index: exports are read from the rows found by department or subject.
 */
import { Migration } from '../database/migrations';
import { addMissingColumns } from '../database/schema-guards';
import { DELIVERY_COLUMN } from './record-delivery';
import { TEXT_LIMITS } from './storable-text';

export const auditDeliveryMigration: Migration = {
  name: '005_delivery',
  async up(db) {
    await addMissingColumns(db, 'audit_records', {
      [DELIVERY_COLUMN]: (t) => t.string(DELIVERY_COLUMN, TEXT_LIMITS.delivery).nullable(),
    });
  },
  async down(db) {
    await db.schema.alterTable('audit_records', (t) => {
      t.dropColumn(DELIVERY_COLUMN);
    });
  },
};

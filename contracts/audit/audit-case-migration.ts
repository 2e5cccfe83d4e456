/**
 * 004: the approval case (办件) of a case-bound request, two nullable columns of audit_records
 * (record-case.ts):
 *
 *   case_number  VARCHAR(64)  办件编号, e.g. NT20261206-ZF0101-000042
 *   item_code    VARCHAR(32)  事项编码 of the case's approval item, e.g. ZF0101
 *
 * NULL on every record that served no case, so the rows of records written before keep their
 * columns, and the verifier rebuilds them to the hashes they were chained with. Full utf8mb4 like
 * the other text columns, not ASCII: the number is the caller's text, recorded as it came, and a
 * value the column could not hold would block shipping. On MariaDB an ADD COLUMN applies to every
 * monthly partition at once (the partitioning is on `time`, untouched); no index, since the
 * accesses are found by subject or department and the case is read from their rows.
 */
import { Migration } from '../database/migrations';
import { addMissingColumns } from '../database/schema-guards';
import { CASE_NUMBER_COLUMN, ITEM_CODE_COLUMN } from './record-case';
import { TEXT_LIMITS } from './storable-text';

export const auditCaseMigration: Migration = {
  name: '004_case_number_item_code',
  async up(db) {
    await addMissingColumns(db, 'audit_records', {
      [CASE_NUMBER_COLUMN]: (t) => t.string(CASE_NUMBER_COLUMN, TEXT_LIMITS.caseNumber).nullable(),
      [ITEM_CODE_COLUMN]: (t) => t.string(ITEM_CODE_COLUMN, TEXT_LIMITS.itemCode).nullable(),
    });
  },
  async down(db) {
    await db.schema.alterTable('audit_records', (t) => {
      t.dropColumn(ITEM_CODE_COLUMN);
      t.dropColumn(CASE_NUMBER_COLUMN);
    });
  },
};

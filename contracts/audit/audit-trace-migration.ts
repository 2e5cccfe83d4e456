/**
 * 006: the trace a request ran in (record-trace.ts), one nullable column of audit_records:
 *
 *   trace_id  CHAR(32)  the W3C trace id, lower-case hex, when the gateway traced the request
 *
 * NULL on every record of an untraced request, so the rows of records written before keep their
 * columns, and the verifier rebuilds them to the hashes they were chained with. On MariaDB an
 * ADD COLUMN applies to every monthly partition at once (the partitioning is on `time`,
 * untouched); no index: the trace is read from a record found by department, time or subject,
 * never the other way round.
 */
import { Migration } from '../database/migrations';
import { addMissingColumns } from '../database/schema-guards';
import { TRACE_ID_COLUMN } from './record-trace';

export const auditTraceMigration: Migration = {
  name: '006_trace_id',
  async up(db) {
    await addMissingColumns(db, 'audit_records', {
      [TRACE_ID_COLUMN]: (t) => t.string(TRACE_ID_COLUMN, 32).nullable(),
    });
  },
  async down(db) {
    await db.schema.alterTable('audit_records', (t) => {
      t.dropColumn(TRACE_ID_COLUMN);
    });
  },
};

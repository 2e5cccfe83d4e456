/**
 * The trace id in the audit record: present only on a traced request's record, so a record of an
 * untraced request hashes exactly as every record written before traces existed, and a traced
 * record rebuilds from its row to the hash it was chained with, also in a database migrated to
 * 006 after older rows were stored.
 */
import { chainedAlone, GOLDEN_ENTRY, GOLDEN_HASH, GOLDEN_KEY } from './golden-record';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { databaseTarget, dropDatabase, openDatabase } from '../../database/database';
import { migrateToLatest } from '../../database/migrations';
import { auditMigrations } from '../audit-migrations';
import { AuditEntry, AuditRecord, buildRecordBody } from '../audit-record';
import {
  RECORDS_TABLE,
  RecordRow,
  recordToRow,
  rowToRecord,
  SUBJECTS_TABLE,
  SubjectRow,
  subjectRows,
} from '../audit-rows';
import { chainRecord, ChainHead, emptyChain, isRecordIntact, recordHash } from '../record-chain';
import { isTraceId, recordTrace } from '../record-trace';
import { describeWithService } from '../../../test/utils/services';
import { requireMysqlUrl, uniqueSuffix } from '../../../test/utils/temp-database';

const entry = GOLDEN_ENTRY;
const chained = chainedAlone;
const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
/** The hash of the golden entry's record with TRACE: fixed, so the record format cannot drift. */
const GOLDEN_TRACED_HASH = 'ab9a76733ca7101e724c020ceabbcd1b53171ddcc276c559395631fe59a00712';

describe('the trace id in the audit record', () => {
  it('leaves the record of an untraced request byte for byte as records were before traces', () => {
    const record = chained(entry);
    expect(record.hash).toBe(GOLDEN_HASH);
    expect(Object.keys(record)).not.toContain('traceId');
    for (const none of [null, undefined])
      expect(chained({ ...entry, traceId: none }).hash).toBe(GOLDEN_HASH);
  });

  it('records only a W3C trace id: 32 lower-case hex digits, not all zeros', () => {
    expect(isTraceId(TRACE)).toBe(true);
    for (const bad of [TRACE.toUpperCase(), TRACE.slice(1), `${TRACE}0`, '0'.repeat(32), 42, ''])
      expect(recordTrace(bad as string)).toEqual({});
    expect(chained({ ...entry, traceId: '0'.repeat(32) }).hash).toBe(GOLDEN_HASH);
  });

  it('hashes a traced record to its own golden hash, and rebuilds it from its row', () => {
    const traced = chained({ ...entry, traceId: TRACE });
    expect(traced.traceId).toBe(TRACE);
    expect(traced.hash).toBe(GOLDEN_TRACED_HASH);
    expect(isRecordIntact(traced)).toBe(true);
    const row = recordToRow(traced);
    expect(row.trace_id).toBe(TRACE);
    expect(rowToRecord(row, subjectRows(traced))).toEqual(traced);
    expect(recordToRow(chained(entry)).trace_id ?? null).toBeNull();
  });

  it('detects a trace id written into an untraced record, or removed from or changed in a traced one', () => {
    const plain = chained(entry);
    const traced = chained({ ...entry, traceId: TRACE });
    const tampered: [RecordRow, AuditRecord][] = [
      [{ ...recordToRow(plain), trace_id: TRACE }, plain],
      [{ ...recordToRow(plain), trace_id: '' }, plain],
      [{ ...recordToRow(traced), trace_id: null }, traced],
      [{ ...recordToRow(traced), trace_id: TRACE.replace('4', '5') }, traced],
    ];
    for (const [row, original] of tampered)
      expect(recordHash(rowToRecord(row, subjectRows(original)))).not.toBe(original.hash);
  });
});

// On MariaDB the column is added to the partitioned table (every monthly partition at once).
function migrationSuite(backend: 'sqlite' | 'mysql') {
  it('keeps rows stored before migration 006 verifiable, and stores trace ids after it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shujutong-trace-'));
    const target =
      backend === 'mysql'
        ? databaseTarget('audit', {
            MYSQL_URL: requireMysqlUrl(),
            SHUJUTONG_DB_PREFIX: `sjt_test_${uniqueSuffix()}`,
          })
        : databaseTarget('audit', { DATA_DIR: dir });
    const db = await openDatabase(target, { poolMax: 2 });
    try {
      await migrateToLatest(
        db,
        auditMigrations.filter((m) => m.name < '006'),
      );
      let head: ChainHead = emptyChain('gw-1/trace');
      const records: AuditRecord[] = [];
      const store = async (e: AuditEntry, withColumn: boolean) => {
        const next = chainRecord(buildRecordBody(e, { instance: 'gw-1', key: GOLDEN_KEY }), head);
        head = next.head;
        records.push(next.record);
        const row: Partial<RecordRow> = recordToRow(next.record);
        if (!withColumn) delete row.trace_id;
        await db(RECORDS_TABLE).insert(row);
        await db(SUBJECTS_TABLE).insert(subjectRows(next.record));
      };
      await store({ ...entry, requestId: 'old-1' }, false);
      await store({ ...entry, requestId: 'old-2', delivery: 'EXPORT_CSV' }, false);
      await migrateToLatest(db, auditMigrations);
      await store({ ...entry, requestId: 'traced', traceId: TRACE }, true);
      await store({ ...entry, requestId: 'untraced' }, true);

      const rows = (await db(RECORDS_TABLE).orderBy('seq')) as RecordRow[];
      const subjects = (await db(SUBJECTS_TABLE).select('*')) as SubjectRow[];
      const rebuilt = rows.map((r) =>
        rowToRecord(
          r,
          subjects.filter((s) => s.record_id === r.id),
        ),
      );
      expect(rebuilt).toEqual(records);
      expect(rebuilt.every(isRecordIntact)).toBe(true);
      expect(rows.map((r) => r.trace_id)).toEqual([null, null, TRACE, null]);
    } finally {
      await db.destroy();
      await dropDatabase(target);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
}

describe('the trace_id column on SQLite', () => migrationSuite('sqlite'));
describeWithService('mysql', 'the trace_id column on MariaDB', () => migrationSuite('mysql'));

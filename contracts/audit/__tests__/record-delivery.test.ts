/**
 * How a response was delivered (an export) in the audit record: present only on an export's
 * record, so a record of an ordinary response hashes exactly as every record written before
 * exports existed, and an export's record rebuilds from its row to the hash it was chained with,
 * also in a database migrated to 005 after older rows were stored.
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
import { recordDelivery } from '../record-delivery';

const entry = GOLDEN_ENTRY;
const key = GOLDEN_KEY;
const chained = chainedAlone;

describe('the delivery in the audit record', () => {
  it('leaves the record of an ordinary response byte for byte as records were before exports', () => {
    const record = chained(entry);
    expect(record.hash).toBe(GOLDEN_HASH);
    expect(Object.keys(record)).not.toContain('delivery');
    for (const none of [null, undefined])
      expect(chained({ ...entry, delivery: none }).hash).toBe(GOLDEN_HASH);
    // Only the known deliveries are recorded: anything else is no delivery.
    expect(recordDelivery('EXPORT_PDF' as never)).toEqual({});
  });

  it('carries EXPORT_CSV or EXPORT_XLSX, hashes it, and rebuilds from its row', () => {
    const csv = chained({ ...entry, delivery: 'EXPORT_CSV' });
    const xlsx = chained({ ...entry, delivery: 'EXPORT_XLSX' });
    expect(csv.delivery).toBe('EXPORT_CSV');
    expect(new Set([csv.hash, xlsx.hash, GOLDEN_HASH]).size).toBe(3);
    expect(isRecordIntact(csv)).toBe(true);
    const row = recordToRow(csv);
    expect(row.delivery).toBe('EXPORT_CSV');
    expect(rowToRecord(row, subjectRows(csv))).toEqual(csv);
    expect(recordToRow(chained(entry)).delivery).toBeNull();
  });

  it('detects an export written into an ordinary record, or removed from or changed in an export', () => {
    const plain = chained(entry);
    const csv = chained({ ...entry, delivery: 'EXPORT_CSV' });
    const tampered: [RecordRow, AuditRecord][] = [
      [{ ...recordToRow(plain), delivery: 'EXPORT_CSV' }, plain],
      [{ ...recordToRow(plain), delivery: '' }, plain],
      [{ ...recordToRow(csv), delivery: null }, csv],
      [{ ...recordToRow(csv), delivery: 'EXPORT_XLSX' }, csv],
    ];
    for (const [row, original] of tampered)
      expect(recordHash(rowToRecord(row, subjectRows(original)))).not.toBe(original.hash);
  });

  it('keeps rows stored before migration 005 verifiable, and stores exports after it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shujutong-delivery-'));
    const target = databaseTarget('audit', { DATA_DIR: dir });
    const db = await openDatabase(target, { poolMax: 1 });
    try {
      await migrateToLatest(
        db,
        auditMigrations.filter((m) => m.name < '005'),
      );
      let head: ChainHead = emptyChain('gw-1/delivery');
      const records: AuditRecord[] = [];
      const store = async (e: AuditEntry, withColumn: boolean) => {
        const next = chainRecord(buildRecordBody(e, { instance: 'gw-1', key }), head);
        head = next.head;
        records.push(next.record);
        const row: Partial<RecordRow> = recordToRow(next.record);
        if (!withColumn) delete row.delivery;
        await db(RECORDS_TABLE).insert(row);
        await db(SUBJECTS_TABLE).insert(subjectRows(next.record));
      };
      await store({ ...entry, requestId: 'old-1' }, false);
      await store({ ...entry, requestId: 'old-2' }, false);
      await migrateToLatest(db, auditMigrations);
      await store({ ...entry, requestId: 'csv', delivery: 'EXPORT_CSV' }, true);
      await store({ ...entry, requestId: 'plain' }, true);
      await store({ ...entry, requestId: 'xlsx', delivery: 'EXPORT_XLSX' }, true);

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
      expect(rows.map((r) => r.delivery)).toEqual([null, null, 'EXPORT_CSV', null, 'EXPORT_XLSX']);
    } finally {
      await db.destroy();
      await dropDatabase(target);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

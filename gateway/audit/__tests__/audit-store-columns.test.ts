/**
 * A batch may mix records that set a column and records that leave it out (a trace id exists
 * only for traced requests): each is stored with exactly its own columns, so every stored record
 * rebuilds to the record that was hashed, on SQLite and on MariaDB.
 */
import { Knex } from 'knex';
import { describeWithService } from '../../../test/utils/services';
import type { AuditRecord } from '../../../contracts/audit/audit-record';
import { buildRecordBody } from '../../../contracts/audit/audit-record';
import { RecordRow, rowToRecord, SubjectRow } from '../../../contracts/audit/audit-rows';
import { chainRecord, emptyChain } from '../../../contracts/audit/record-chain';
import { ShipBatch, storeBatch } from '../audit-store';
import {
  chainOf,
  countRows,
  entry,
  testAuditDatabase,
  TestAuditDatabase,
  testKeys,
} from '../../../test/utils/audit-fixtures';

const keys = testKeys();

function batchOf(records: AuditRecord[]): ShipBatch {
  return {
    records,
    documents: new Map(records.map((r) => [r.documentHash!, `document of ${r.documentHash}`])),
    checkpoints: [],
  };
}

/** Every stored record rebuilt from its columns and subject rows, as the verifier does. */
async function storedRecords(db: Knex): Promise<AuditRecord[]> {
  const rows = (await db('audit_records').orderBy('seq')) as RecordRow[];
  const subjects = (await db('audit_subjects')) as SubjectRow[];
  return rows.map((row) =>
    rowToRecord(
      row,
      subjects.filter((s) => s.record_id === row.id),
    ),
  );
}

function storeSuite(backend: 'sqlite' | 'mysql') {
  let database: TestAuditDatabase;
  beforeEach(() => {
    database = testAuditDatabase(backend);
  });
  afterEach(async () => {
    await database.cleanup();
  });

  it('stores a batch shipped twice once, every record as it was hashed', async () => {
    const records = chainOf(12, keys);
    const db = await database.connect();
    await storeBatch(db, batchOf(records.slice(0, 8)));
    await storeBatch(db, batchOf(records.slice(4)));
    expect(await countRows(db)).toEqual({
      audit_records: 12,
      audit_subjects: records.reduce((n, r) => n + r.subjects.length, 0),
      audit_documents: 1,
      audit_checkpoints: 0,
    });
    expect(await storedRecords(db)).toEqual(records);
  });

  it('stores a traced record shipped behind an untraced one with its trace id', async () => {
    const traceId = '0af7651916cd43dd8448eb211c80319c';
    let head = emptyChain('gw-test/20261126T000000Z-abc123');
    const records = [entry(1), entry(2, { traceId }), entry(3)].map((e) => {
      const chained = chainRecord(
        buildRecordBody(e, { instance: 'gw-test', key: keys.hmac }),
        head,
      );
      head = chained.head;
      return chained.record;
    });
    const db = await database.connect();
    await storeBatch(db, batchOf(records));
    expect(await storedRecords(db)).toEqual(records);
  });
}

describe('storing audit batches on SQLite', () => storeSuite('sqlite'));
describeWithService('mysql', 'storing audit batches on MariaDB', () => storeSuite('mysql'));

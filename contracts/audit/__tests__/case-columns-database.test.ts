/**
 * Migration 004 on a live audit database: records stored before it keep rebuilding to their
 * hashes after the columns are added (on MariaDB, to a table partitioned by month), and records
 * with a case round-trip through the new columns, on SQLite and on MariaDB.
 */
import { Knex } from 'knex';
import { describeWithService } from '../../../test/utils/services';
import { isMysql } from '../../database/database';
import { migrateToLatest } from '../../database/migrations';
import { auditMigrations } from '../audit-migrations';
import { TestAuditDatabase, testAuditDatabase, testKeys } from '../../../test/utils/audit-fixtures';
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
import { chainRecord, ChainHead, emptyChain, isRecordIntact } from '../record-chain';

const keys = testKeys();
const CHAIN = 'gw-case/20261206T000000Z-abc123';

function entry(i: number, withCase: { number: string; item: string } | null): AuditEntry {
  return {
    requestId: `req-${i}`,
    time: Date.now() - 60_000 + i,
    caller: { department: 'big-data-bureau', application: 'service-network', operator: 'clerk-01' },
    operationName: 'ApplicantProfile',
    document: 'query ApplicantProfile { person(idNumber: "<redacted>") { name } }',
    purpose: 'ADMINISTRATIVE_APPROVAL',
    fields: { requested: ['Person.name'], served: ['Person.name'], masked: ['Person.name'] },
    outcome: 'ok',
    httpStatus: 200,
    latencyMs: 4,
    responseBytes: 80,
    subjects: [{ kind: 'person', id: '320602199001011234' }],
    ...(withCase ? { case: withCase } : {}),
  };
}

async function store(db: Knex, records: AuditRecord[], withCaseColumns: boolean): Promise<void> {
  for (const r of records) {
    const row: Partial<RecordRow> = recordToRow(r);
    if (!withCaseColumns) {
      // As the shipper of a gateway that predates cases wrote them.
      delete row.case_number;
      delete row.item_code;
      delete row.delivery;
    }
    await db(RECORDS_TABLE).insert(row);
    await db(SUBJECTS_TABLE).insert(subjectRows(r));
  }
}

function caseColumnsSuite(backend: 'sqlite' | 'mysql') {
  let scratch: TestAuditDatabase;
  let db: Knex;

  beforeAll(async () => {
    scratch = testAuditDatabase(backend);
    db = await scratch.open();
  }, 60_000);
  afterAll(async () => {
    await scratch?.cleanup();
  });

  it('keeps old rows verifiable across migration 004 and stores the case of new ones', async () => {
    const before = auditMigrations.filter((m) => m.name < '004');
    expect(before.length).toBe(auditMigrations.findIndex((m) => m.name.startsWith('004')));
    await migrateToLatest(db, before);

    let head: ChainHead = emptyChain(CHAIN);
    const records: AuditRecord[] = [];
    const append = (e: AuditEntry) => {
      const chained = chainRecord(
        buildRecordBody(e, { instance: 'gw-case', key: keys.hmac }),
        head,
      );
      head = chained.head;
      records.push(chained.record);
      return chained.record;
    };
    const old = [append(entry(1, null)), append(entry(2, null))];
    await store(db, old, false);

    await migrateToLatest(db, auditMigrations);
    if (isMysql(db)) {
      const [rows] = (await db.raw(
        'SELECT COUNT(*) AS n FROM information_schema.PARTITIONS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?',
        [RECORDS_TABLE],
      )) as [{ n: number | string }[]];
      expect(Number(rows[0].n)).toBeGreaterThan(1);
    }
    const fresh = [
      append(entry(3, { number: 'NT20261206-ZF0101-000042', item: 'ZF0101' })),
      append(entry(4, null)),
      // The caller's text as it came: utf8mb4, not ASCII.
      append(entry(5, { number: 'NT20261206-ZF0101-00004２😀', item: 'ZF0101' })),
    ];
    await store(db, fresh, true);

    const rows = (await db(RECORDS_TABLE).where({ chain: CHAIN }).orderBy('seq')) as RecordRow[];
    const subjects = (await db(SUBJECTS_TABLE).select('*')) as SubjectRow[];
    const rebuilt = rows.map((row) =>
      rowToRecord(
        row,
        subjects.filter((s) => s.record_id === row.id),
      ),
    );
    expect(rebuilt).toEqual(records);
    expect(rebuilt.every(isRecordIntact)).toBe(true);
    for (let i = 1; i < rebuilt.length; i++) expect(rebuilt[i].prevHash).toBe(rebuilt[i - 1].hash);
    expect(rows.map((r) => [r.case_number, r.item_code])).toEqual([
      [null, null],
      [null, null],
      ['NT20261206-ZF0101-000042', 'ZF0101'],
      [null, null],
      ['NT20261206-ZF0101-00004２😀', 'ZF0101'],
    ]);
  }, 60_000);
}

describe('case columns on SQLite', () => caseColumnsSuite('sqlite'));
describeWithService('mysql', 'case columns on MariaDB', () => caseColumnsSuite('mysql'));

/**
 * Subject-quota refusals and lookup misses in the audit record: present only when there are any,
 * so a record without them (every record written before they existed) keeps its form and hash,
 * and a record with them rebuilds from its row to the same hash.
 */
import { AuditEntry, buildRecordBody } from '../../../contracts/audit/audit-record';
import { recordToRow, rowToRecord, subjectRows } from '../../../contracts/audit/audit-rows';
import { auditKey } from '../../../contracts/audit/keyed-hash';
import {
  chainRecord,
  emptyChain,
  isRecordIntact,
  recordHash,
} from '../../../contracts/audit/record-chain';

const key = auditKey(Buffer.alloc(32, 7));
const entry: AuditEntry = {
  requestId: 'req-1',
  time: Date.parse('2025-06-01T02:00:00.000Z'),
  caller: { department: 'civil-affairs', application: 'relief' },
  outcome: 'partial',
  httpStatus: 200,
  latencyMs: 3,
  responseBytes: 100,
  subjects: [{ kind: 'person', id: '320602199001011234' }],
};
const body = (e: AuditEntry) =>
  buildRecordBody(e, { instance: 'gw-1', key, id: '0190f000-0000-7000-8000-000000000000' });

describe('quota refusals and lookup misses in the audit record', () => {
  it('leaves a record without them exactly as before: no new properties, nothing new hashed', () => {
    const plain = body(entry);
    expect(Object.keys(plain)).not.toContain('quotaRefusals');
    expect(Object.keys(plain)).not.toContain('lookupMisses');
    expect(
      body({ ...entry, quotaRefusals: [], lookupMisses: { notFound: 0, badInput: 0 } }),
    ).toEqual(plain);
  });

  it('rebuilds an old row (no such columns) and a new one to the hashes they were chained with', () => {
    for (const e of [
      entry,
      {
        ...entry,
        quotaRefusals: [
          {
            grantId: 'g1',
            quota: 5,
            day: '2025-06-01',
            coordinates: ['Person.birthDate'],
            subjects: ['person:ab'],
          },
        ],
        lookupMisses: { notFound: 3, badInput: 1 },
      },
    ]) {
      const { record } = chainRecord(body(e), emptyChain('gw-1'));
      const row = recordToRow(record);
      if (!e.quotaRefusals) {
        // As an old database returns it: without the columns at all.
        delete row.quota_refusals;
        delete row.lookup_misses;
      }
      const rebuilt = rowToRecord(row, subjectRows(record));
      expect(rebuilt).toEqual(record);
      expect(isRecordIntact(rebuilt)).toBe(true);
    }
  });

  it('detects a changed refusal', () => {
    const { record } = chainRecord(
      body({
        ...entry,
        quotaRefusals: [
          {
            grantId: 'g1',
            quota: 5,
            day: '2025-06-01',
            coordinates: ['Person.birthDate'],
            subjects: ['person:ab'],
          },
        ],
      }),
      emptyChain('gw-1'),
    );
    const row = {
      ...recordToRow(record),
      quota_refusals: JSON.stringify([
        {
          grantId: 'g1',
          quota: 500,
          day: '2025-06-01',
          coordinates: ['Person.birthDate'],
          subjects: ['person:ab'],
        },
      ]),
    };
    expect(recordHash(rowToRecord(row, subjectRows(record)))).not.toBe(record.hash);
  });
});

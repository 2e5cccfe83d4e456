/**
 * The approval case (办件) in the audit record: present only on a case-bound request's record, so
 * a record without one hashes exactly as every record written before cases existed, and a record
 * with one rebuilds from its row to the hash it was chained with.
 */
import { chainedAlone, GOLDEN_ENTRY, GOLDEN_HASH } from './golden-record';
import { RecordRow, recordToRow, rowToRecord, subjectRows } from '../audit-rows';
import { isRecordIntact, recordHash } from '../record-chain';
import { TEXT_LIMITS } from '../storable-text';

const CASE = { number: 'NT20261206-ZF0101-000042', item: 'ZF0101' };

const entry = GOLDEN_ENTRY;
const chained = chainedAlone;

describe('the approval case in the audit record', () => {
  it('leaves a record without a case byte for byte as records were before cases existed', () => {
    const record = chained(entry);
    expect(record.hash).toBe(GOLDEN_HASH);
    expect(Object.keys(record)).not.toContain('caseNumber');
    expect(Object.keys(record)).not.toContain('itemCode');
    // No case, a null case or an empty one: the same record.
    for (const none of [null, undefined, { number: '', item: '' }])
      expect(chained({ ...entry, case: none }).hash).toBe(GOLDEN_HASH);
  });

  it('carries the case number and item code of a case-bound request, and hashes them', () => {
    const record = chained({ ...entry, case: CASE });
    expect(record).toMatchObject({ caseNumber: CASE.number, itemCode: CASE.item });
    expect(record.hash).not.toBe(GOLDEN_HASH);
    expect(isRecordIntact(record)).toBe(true);
  });

  it('keeps the number a request named without being bound to its case, with no item', () => {
    const record = chained({ ...entry, case: { number: CASE.number, item: null } });
    expect(record.caseNumber).toBe(CASE.number);
    expect(Object.keys(record)).not.toContain('itemCode');
    const row = recordToRow(record);
    expect(row).toMatchObject({ case_number: CASE.number, item_code: null });
    expect(rowToRecord(row, subjectRows(record))).toEqual(record);
  });

  it('cuts an over-long or unencodable case before hashing, so the row stores what was hashed', () => {
    const record = chained({
      ...entry,
      case: { number: `NT${'9'.repeat(200)}\ud800`, item: 'Z'.repeat(50) },
    });
    expect(Array.from(record.caseNumber!)).toHaveLength(TEXT_LIMITS.caseNumber);
    expect(record.itemCode).toHaveLength(TEXT_LIMITS.itemCode);
    const lone = chained({ ...entry, case: { number: 'NT\ud800', item: 'ZF0101' } });
    expect(lone.caseNumber).toBe('NT\ufffd');
  });

  it('rebuilds an old row (no case columns at all), a row with NULLs and a case row to their hashes', () => {
    const old = chained(entry);
    const oldRow: Partial<RecordRow> = recordToRow(old);
    delete oldRow.case_number;
    delete oldRow.item_code;
    expect(rowToRecord(oldRow as RecordRow, subjectRows(old))).toEqual(old);

    const nulls = recordToRow(old);
    expect(nulls).toMatchObject({ case_number: null, item_code: null });
    expect(recordHash(rowToRecord(nulls, subjectRows(old)))).toBe(GOLDEN_HASH);

    const withCase = chained({ ...entry, case: CASE });
    const row = recordToRow(withCase);
    expect(row).toMatchObject({ case_number: CASE.number, item_code: CASE.item });
    const rebuilt = rowToRecord(row, subjectRows(withCase));
    expect(rebuilt).toEqual(withCase);
    expect(isRecordIntact(rebuilt)).toBe(true);
  });

  it('detects a case written into an old record, a case removed, or a case changed', () => {
    const old = chained(entry);
    const withCase = chained({ ...entry, case: CASE });
    const tampered: [RecordRow, typeof old][] = [
      [{ ...recordToRow(old), case_number: CASE.number, item_code: CASE.item }, old],
      [{ ...recordToRow(old), case_number: '' }, old],
      [{ ...recordToRow(withCase), case_number: null, item_code: null }, withCase],
      [{ ...recordToRow(withCase), case_number: 'NT20261206-ZF0101-000043' }, withCase],
      [{ ...recordToRow(withCase), item_code: 'DJ0201' }, withCase],
    ];
    for (const [row, original] of tampered)
      expect(recordHash(rowToRecord(row, subjectRows(original)))).not.toBe(original.hash);
  });
});

import { AuditRecord } from '../../../contracts/audit/audit-record';
import { signCheckpoint } from '../../../contracts/audit/checkpoint';
import { recordHash } from '../../../contracts/audit/record-chain';
import { ChainVerifier, Finding, StoredRecord } from '../verify-chain';
import { chainOf, testKeys } from '../../../test/utils/audit-fixtures';

const keys = testKeys();
const publicKeys = new Map([[keys.signer.keyId, keys.publicKey]]);
const records = chainOf(20, keys);
const chain = records[0].chain;
const checkpointAt = (seq: number) =>
  signCheckpoint({ chain, seq, hash: records[seq - 1].hash }, new Date(), keys.signer);

function stored(r: AuditRecord): StoredRecord {
  return { id: r.id, seq: r.seq, hash: r.hash, prevHash: r.prevHash, time: r.time, record: r };
}

function verify(
  rows: StoredRecord[],
  checkpoints = [checkpointAt(10), checkpointAt(20)],
): Finding[] {
  const findings: Finding[] = [];
  const v = new ChainVerifier(chain, { checkpoints, publicKeys, report: (f) => findings.push(f) });
  [...rows].sort((a, b) => a.seq - b.seq || (a.id < b.id ? -1 : 1)).forEach((r) => v.push(r));
  v.finish();
  return findings;
}

describe('ChainVerifier', () => {
  it('finds nothing in an untouched chain', () => {
    expect(verify(records.map(stored))).toEqual([]);
  });

  it('names a record whose stored values were changed', () => {
    const rows = records.map(stored);
    rows[6] = stored({ ...records[6], department: 'forged' });
    expect(verify(rows)).toEqual([
      expect.objectContaining({ kind: 'modified', seq: 7, recordId: records[6].id }),
    ]);
  });

  it('names the record that was rewritten with a recomputed hash, by its successor’s link', () => {
    const rows = records.map(stored);
    const rewritten = { ...records[6], purpose: 'innocent' };
    rows[6] = stored({ ...rewritten, hash: recordHash(rewritten) });
    expect(verify(rows)).toEqual([
      expect.objectContaining({ kind: 'broken-link', seq: 7, recordId: records[6].id }),
    ]);
  });

  it('names the gap where a record was deleted', () => {
    const rows = records.map(stored).filter((r) => r.seq !== 5);
    const findings = verify(rows);
    expect(findings).toEqual([
      expect.objectContaining({ kind: 'deleted', seq: 6, recordId: records[5].id }),
    ]);
    expect(findings[0].message).toContain('seq 5 is missing');
  });

  it('finds a deleted first record', () => {
    expect(verify(records.slice(1).map(stored))).toEqual([
      expect.objectContaining({ kind: 'deleted', seq: 2 }),
    ]);
  });

  it('names an inserted record that duplicates a sequence number, not the genuine one', () => {
    const forgedBody = { ...records[7], id: 'forged-0000', department: 'nobody' };
    const forged = { ...forgedBody, hash: recordHash(forgedBody) };
    const findings = verify([...records.map(stored), stored(forged)]);
    expect(findings).toEqual([
      expect.objectContaining({ kind: 'inserted', seq: 8, recordId: 'forged-0000' }),
    ]);
  });

  it('names both records of a swap as reordered, the first at the lower position', () => {
    const rows = records.map(stored);
    rows[11] = stored({ ...records[12], seq: 12 });
    rows[12] = stored({ ...records[11], seq: 13 });
    const findings = verify(rows);
    expect(findings.map((f) => [f.kind, f.seq, f.recordId])).toEqual([
      ['reordered', 12, records[12].id],
      ['reordered', 13, records[11].id],
    ]);
    expect(findings[0].message).toContain('written as seq 13');
  });

  it('finds a tail cut after the last checkpoint was signed', () => {
    const findings = verify(records.slice(0, 17).map(stored));
    expect(findings).toEqual([
      expect.objectContaining({ kind: 'tail-cut', seq: 17, recordId: records[16].id }),
    ]);
    expect(findings[0].message).toContain('records 18..20 were removed');
  });

  it('cannot see records removed after the last checkpoint, and says nothing then', () => {
    expect(verify(records.slice(0, 17).map(stored), [checkpointAt(10)])).toEqual([]);
  });

  it('finds a chain rewritten with recomputed hashes through its signed checkpoint', () => {
    let prevHash = records[2].hash;
    const rows = records.map((r) => {
      if (r.seq < 4) return stored(r);
      const body = { ...r, prevHash, department: r.seq === 4 ? 'changed' : r.department };
      const rehashed = { ...body, hash: recordHash(body) };
      prevHash = rehashed.hash;
      return stored(rehashed);
    });
    const kinds = verify(rows).map((f) => [f.kind, f.seq]);
    expect(kinds).toEqual([
      ['checkpoint-mismatch', 10],
      ['checkpoint-mismatch', 20],
    ]);
  });

  it('reports a forged checkpoint signature and does not trust what it claims', () => {
    const cp = checkpointAt(20);
    const forged = { ...cp, seq: 25, signature: cp.signature };
    const findings = verify(records.map(stored), [checkpointAt(10), forged]);
    expect(findings).toEqual([expect.objectContaining({ kind: 'bad-signature', seq: 25 })]);
  });

  it('reports a record that cannot be read as modified', () => {
    const rows = records.map(stored);
    rows[2] = { ...rows[2], record: null, unreadable: 'roles is not a JSON array' };
    expect(verify(rows)).toEqual([
      expect.objectContaining({
        kind: 'modified',
        seq: 3,
        message: expect.stringContaining('cannot be read'),
      }),
    ]);
  });

  it('verifies a range from an anchor record', () => {
    const findings: Finding[] = [];
    const v = new ChainVerifier(chain, {
      startSeq: 11,
      anchor: { seq: 10, hash: records[9].hash, id: records[9].id },
      publicKeys,
      report: (f) => findings.push(f),
    });
    records.slice(10).forEach((r) => v.push(stored(r)));
    const summary = v.finish();
    expect(findings).toEqual([]);
    expect(summary).toMatchObject({ records: 10, firstSeq: 11, lastSeq: 20 });
    const bad = new ChainVerifier(chain, {
      startSeq: 11,
      anchor: { seq: 10, hash: 'f'.repeat(64), id: 'x' },
      publicKeys,
      report: (f) => findings.push(f),
    });
    records.slice(10).forEach((r) => bad.push(stored(r)));
    bad.finish();
    expect(findings).toEqual([expect.objectContaining({ kind: 'broken-link', seq: 10 })]);
  });
});

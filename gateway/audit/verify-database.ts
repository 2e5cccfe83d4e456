/**
 * Verifies the audit log as stored in the audit database, offline: it reads the tables
 * directly and needs only the checkpoint public key(s), never the gateway or its secrets.
 * Chains are streamed in sequence order a page at a time, so memory does not grow with the log.
 *
 * With a time range, each chain is checked from its first record at or after `from` to its last
 * at or before `to`; the record just before the range anchors the first link, and checkpoints
 * signed within the range must match.
 */
import { createHash, KeyObject } from 'node:crypto';
import { Knex } from 'knex';
import {
  CHECKPOINTS_TABLE,
  CheckpointRow,
  dbTime,
  DOCUMENTS_TABLE,
  RecordRow,
  RECORDS_TABLE,
  rowToCheckpoint,
  rowToRecord,
  SubjectRow,
  SUBJECTS_TABLE,
} from '../../contracts/audit/audit-rows';
import {
  ARCHIVED_HEADS_TABLE,
  ArchivedHeadRow,
} from '../../contracts/audit/audit-archived-heads-migration';
import { publicKeyId } from '../../contracts/audit/checkpoint';
import { ChainSummary, ChainVerifier, Finding, StoredRecord } from './verify-chain';

export interface VerifyOptions {
  /** Public keys that checkpoints may be signed with (several across key rotations). */
  readonly publicKeys: readonly KeyObject[];
  readonly from?: Date;
  readonly to?: Date;
  /** Records read per query. @default 5000 */
  readonly pageSize?: number;
  /** Findings kept in the report (all are counted). @default 1000 */
  readonly maxFindings?: number;
  readonly onProgress?: (chain: string, records: number) => void;
}

export interface VerifyReport {
  readonly chains: ChainSummary[];
  /** In chain order, then sequence order within each chain. */
  readonly findings: Finding[];
  readonly findingCount: number;
  readonly records: number;
  readonly documentsChecked: number;
  readonly keyIds: string[];
  readonly from: Date | null;
  readonly to: Date | null;
}

/** A stored row as the chain verifier reads it; a row that does not rebuild is kept, as unreadable. */
export function toStored(row: RecordRow, subjects: readonly SubjectRow[]): StoredRecord {
  let record = null;
  let unreadable: string | undefined;
  try {
    record = rowToRecord(row, subjects);
  } catch (err) {
    unreadable = (err as Error).message;
  }
  return {
    id: String(row.id),
    seq: Number(row.seq),
    hash: String(row.hash),
    prevHash: String(row.prev_hash),
    time: record?.time ?? String(row.time),
    record,
    unreadable,
  };
}

async function chainsIn(db: Knex, from: string | null, to: string | null): Promise<string[]> {
  const records = db(RECORDS_TABLE).distinct('chain');
  const checkpoints = db(CHECKPOINTS_TABLE).distinct('chain');
  for (const q of [records, checkpoints]) {
    if (from) q.where('time', '>=', from);
    if (to) q.where('time', '<=', to);
  }
  const rows = [...(await records), ...(await checkpoints)] as { chain: string }[];
  return [...new Set(rows.map((r) => r.chain))].sort();
}

async function seqBound(
  db: Knex,
  chain: string,
  fn: 'min' | 'max',
  from: string | null,
  to: string | null,
): Promise<number | null> {
  const q = db(RECORDS_TABLE).where({ chain });
  if (from) q.where('time', '>=', from);
  if (to) q.where('time', '<=', to);
  const row = (await q[fn]({ s: 'seq' }).first()) as { s: number | string | null } | undefined;
  return row?.s === null || row?.s === undefined ? null : Number(row.s);
}

async function subjectsOf(
  db: Knex,
  rows: readonly RecordRow[],
): Promise<Map<string, SubjectRow[]>> {
  const byRecord = new Map<string, SubjectRow[]>();
  if (rows.length === 0) return byRecord;
  const times = rows.map((r) => String(r.time)).sort();
  // The time bounds let MariaDB read only the partitions of this page.
  const subjects = (await db(SUBJECTS_TABLE)
    .whereIn(
      'record_id',
      rows.map((r) => r.id),
    )
    .where('time', '>=', times[0])
    .where('time', '<=', times[times.length - 1])
    .select('record_id', 'time', 'kind', 'subject_hash')) as SubjectRow[];
  const wanted = new Map(rows.map((r) => [r.id, String(r.time)]));
  for (const s of subjects) {
    // A subject row under another time than its record's does not belong to it.
    if (wanted.get(s.record_id) !== String(s.time)) continue;
    const list = byRecord.get(s.record_id) ?? [];
    list.push(s);
    byRecord.set(s.record_id, list);
  }
  return byRecord;
}

export async function verifyAuditDatabase(db: Knex, options: VerifyOptions): Promise<VerifyReport> {
  const pageSize = options.pageSize ?? 5000;
  const maxFindings = options.maxFindings ?? 1000;
  const from = options.from ? dbTime(options.from.toISOString()) : null;
  const to = options.to ? dbTime(options.to.toISOString()) : null;
  const keys = new Map(options.publicKeys.map((k) => [publicKeyId(k), k]));
  const findings: Finding[] = [];
  let findingCount = 0;
  const report = (f: Finding) => {
    findingCount++;
    if (findings.length < maxFindings) findings.push(f);
  };
  const chains: ChainSummary[] = [];
  const documents = new Map<string, StoredRecord>();
  let total = 0;

  // Retention (gateway/audit/retention/) archives old months: a chain then resumes after the
  // head its last archived month ended with, which the archive verifier checks offline.
  const archived = (await db.schema.hasTable(ARCHIVED_HEADS_TABLE))
    ? async (chain: string, seq?: number) =>
        (await db(ARCHIVED_HEADS_TABLE)
          .where({ chain, ...(seq === undefined ? {} : { seq }) })
          .orderBy('seq', 'desc')
          .first()) as ArchivedHeadRow | undefined
    : async () => undefined;
  for (const chain of await chainsIn(db, from, to)) {
    const resumed = from ? undefined : await archived(chain);
    const first = from
      ? await seqBound(db, chain, 'min', from, to)
      : resumed
        ? Number(resumed.seq) + 1
        : 1;
    const last = to ? await seqBound(db, chain, 'max', from, to) : null;
    const checkpointQuery = db(CHECKPOINTS_TABLE).where({ chain }).orderBy('seq');
    if (from) checkpointQuery.where('time', '>=', from);
    if (to) checkpointQuery.where('time', '<=', to);
    const checkpoints = ((await checkpointQuery) as CheckpointRow[]).map(rowToCheckpoint);
    // No record of this chain in the range: only its checkpoints in the range are checked, by lookup.
    const startSeq = first ?? Number.MAX_SAFE_INTEGER;

    let anchor: { seq: number; hash: string; id: string } | null = null;
    const chainFindings: Finding[] = [];
    if (startSeq > 1 && first !== null) {
      const before = (await db(RECORDS_TABLE)
        .where({ chain, seq: startSeq - 1 })
        .orderBy('id')) as RecordRow[];
      const head =
        before.length > 0 ? undefined : (resumed ?? (await archived(chain, startSeq - 1)));
      if (before.length > 0)
        anchor = { seq: startSeq - 1, hash: String(before[0].hash), id: String(before[0].id) };
      else if (head)
        anchor = { seq: startSeq - 1, hash: head.hash, id: `(archived ${head.month})` };
      else
        chainFindings.push({
          kind: 'deleted',
          chain,
          seq: startSeq - 1,
          recordId: null,
          time: null,
          message: `seq ${startSeq - 1}, just before the range, is missing: records were deleted`,
        });
    }
    const verifier = new ChainVerifier(chain, {
      startSeq,
      anchor,
      checkpoints,
      publicKeys: keys,
      report: (f) => chainFindings.push(f),
    });

    if (first !== null) {
      let after: { seq: number; id: string } | null = null;
      for (;;) {
        const q = db(RECORDS_TABLE).where({ chain }).where('seq', '>=', startSeq);
        if (last !== null) q.where('seq', '<=', last);
        if (after) {
          const a = after;
          q.where((w) =>
            w.where('seq', '>', a.seq).orWhere((x) => x.where('seq', a.seq).where('id', '>', a.id)),
          );
        }
        const rows = (await q
          .orderBy([{ column: 'seq' }, { column: 'id' }])
          .limit(pageSize)) as RecordRow[];
        if (rows.length === 0) break;
        const subjects = await subjectsOf(db, rows);
        for (const row of rows) {
          const stored = toStored(row, subjects.get(row.id) ?? []);
          verifier.push(stored);
          if (stored.record?.documentHash && !documents.has(stored.record.documentHash))
            documents.set(stored.record.documentHash, stored);
        }
        total += rows.length;
        options.onProgress?.(chain, total);
        const tail = rows[rows.length - 1];
        after = { seq: Number(tail.seq), id: String(tail.id) };
        if (rows.length < pageSize) break;
      }
    }
    const summary = verifier.finish();
    // Checkpoints signed in the range for records before it: look those records up directly.
    for (const cp of verifier.checkpointsBefore(startSeq)) {
      const rows = (await db(RECORDS_TABLE).where({ chain, seq: cp.seq })) as RecordRow[];
      if (rows.length === 0)
        chainFindings.push({
          kind: 'tail-cut',
          chain,
          seq: cp.seq,
          recordId: null,
          time: cp.time,
          message: `a checkpoint signed ${cp.time} says the chain reached seq ${cp.seq}, but no record with that seq is stored: records were removed`,
        });
      else if (!rows.some((r) => String(r.hash) === cp.hash))
        chainFindings.push({
          kind: 'checkpoint-mismatch',
          chain,
          seq: cp.seq,
          recordId: String(rows[0].id),
          time: cp.time,
          message: `the checkpoint signed ${cp.time} says seq ${cp.seq} had hash ${cp.hash.slice(0, 12)}…, the stored record differs: the chain was rewritten`,
        });
    }
    chainFindings.sort(
      (a, b) => (a.seq ?? Number.MAX_SAFE_INTEGER) - (b.seq ?? Number.MAX_SAFE_INTEGER),
    );
    for (const f of chainFindings) report(f);
    chains.push({ ...summary, findings: chainFindings.length });
  }

  // Documents: each stored text must hash to its key, and every referenced one must exist.
  const hashes = [...documents.keys()];
  for (let i = 0; i < hashes.length; i += 1000) {
    const chunk = hashes.slice(i, i + 1000);
    const rows = (await db(DOCUMENTS_TABLE).whereIn('hash', chunk).select('hash', 'text')) as {
      hash: string;
      text: string;
    }[];
    const found = new Map(rows.map((r) => [r.hash, r.text]));
    for (const hash of chunk) {
      const r = documents.get(hash)!;
      const text = found.get(hash);
      if (text === undefined) {
        report({
          kind: 'document-missing',
          chain: r.record!.chain,
          seq: r.seq,
          recordId: r.id,
          time: r.time,
          message: `the document ${hash.slice(0, 12)}… of ${`record ${r.id}`} is not stored: it was deleted`,
        });
      } else if (createHash('sha256').update(text, 'utf8').digest('hex') !== hash) {
        report({
          kind: 'document-modified',
          chain: r.record!.chain,
          seq: r.seq,
          recordId: r.id,
          time: r.time,
          message: `the stored document ${hash.slice(0, 12)}… (first used by record ${r.id}) does not match its hash: its text was changed`,
        });
      }
    }
  }

  return {
    chains,
    findings,
    findingCount,
    records: total,
    documentsChecked: hashes.length,
    keyIds: [...keys.keys()],
    from: options.from ?? null,
    to: options.to ?? null,
  };
}

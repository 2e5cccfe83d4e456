/**
 * Verifies monthly audit archives offline (no database): the manifest's digest of every file,
 * each chain from its anchor through the month (record hashes, links, sequence, signed
 * checkpoints: the same ChainVerifier the database verifier uses), the documents the records
 * reference, and, across several months, that each month continues every chain exactly where
 * the month before it ended. Give a consecutive run of months: a chain in month N and N+2
 * with N+1 left out reads as records missing in between.
 */
import { KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  CheckpointRow,
  DocumentRow,
  RecordRow,
  rowToCheckpoint,
  SubjectRow,
} from '../../../contracts/audit/audit-rows';
import { publicKeyId } from '../../../contracts/audit/checkpoint';
import { ChainVerifier } from '../verify-chain';
import { toStored } from '../verify-database';
import {
  ARCHIVE_FORMAT,
  ArchiveManifest,
  DATA_FILES,
  fromJsonLines,
  MANIFEST_FILE,
  sha256,
} from './archive-format';

export interface ArchiveFinding {
  readonly month: string;
  readonly chain: string | null;
  readonly message: string;
}

export interface ArchiveVerifyReport {
  readonly months: { readonly month: string; readonly dir: string; readonly records: number }[];
  readonly findings: ArchiveFinding[];
}

/** The archive directories under `dir`: itself when it holds a manifest, else its `audit-*` children. */
export function archiveDirs(dir: string): string[] {
  if (fs.existsSync(path.join(dir, MANIFEST_FILE))) return [dir];
  return fs
    .readdirSync(dir)
    .filter((n) => /^audit-\d{4}-\d{2}$/.test(n))
    .sort()
    .map((n) => path.join(dir, n));
}

function readManifest(dir: string): ArchiveManifest {
  const manifest = JSON.parse(
    fs.readFileSync(path.join(dir, MANIFEST_FILE), 'utf8'),
  ) as ArchiveManifest;
  if (manifest.format !== ARCHIVE_FORMAT || manifest.v !== 1)
    throw new Error(`${dir} is not a Shujutong audit archive (format ${String(manifest.format)})`);
  return manifest;
}

/** Verifies one archive; `report` receives its findings. Returns the manifest for the cross-month check. */
export function verifyOneArchive(
  dir: string,
  keys: ReadonlyMap<string, KeyObject>,
  report: (chain: string | null, message: string) => void,
): { manifest: ArchiveManifest; records: number } {
  const manifest = readManifest(dir);
  const text = {} as Record<(typeof DATA_FILES)[number], string>;
  for (const name of DATA_FILES) {
    const file = path.join(dir, name);
    if (!fs.existsSync(file)) {
      report(null, `${name} is missing`);
      text[name] = '';
      continue;
    }
    const data = fs.readFileSync(file);
    text[name] = data.toString('utf8');
    const want = manifest.files?.[name];
    if (!want || want.sha256 !== sha256(data) || want.bytes !== data.length)
      report(null, `${name} does not match the SHA-256 in the manifest: the file was changed`);
  }
  const records = fromJsonLines<RecordRow>(text['records.jsonl'], 'records.jsonl');
  const subjects = fromJsonLines<SubjectRow>(text['subjects.jsonl'], 'subjects.jsonl');
  const documents = fromJsonLines<DocumentRow>(text['documents.jsonl'], 'documents.jsonl');
  const checkpoints = fromJsonLines<CheckpointRow>(text['checkpoints.jsonl'], 'checkpoints.jsonl');

  const subjectsOf = new Map<string, SubjectRow[]>();
  for (const s of subjects) {
    const key = `${s.record_id} ${s.time}`;
    subjectsOf.set(key, [...(subjectsOf.get(key) ?? []), s]);
  }
  const byChain = new Map<string, RecordRow[]>();
  for (const r of records) byChain.set(r.chain, [...(byChain.get(r.chain) ?? []), r]);
  const declared = new Map(manifest.chains.map((c) => [c.chain, c]));
  for (const chain of new Set([...byChain.keys(), ...declared.keys()])) {
    const rows = (byChain.get(chain) ?? []).sort(
      (a, b) => Number(a.seq) - Number(b.seq) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
    const entry = declared.get(chain);
    if (!entry || rows.length === 0) {
      report(chain, `the manifest and records.jsonl disagree on whether the chain is archived`);
      continue;
    }
    const verifier = new ChainVerifier(chain, {
      startSeq: entry.firstSeq,
      anchor:
        entry.firstSeq > 1
          ? { seq: entry.firstSeq - 1, hash: entry.anchorHash, id: '(the archive anchor)' }
          : null,
      checkpoints: checkpoints.filter((c) => c.chain === chain).map(rowToCheckpoint),
      publicKeys: keys,
      report: (f) => report(chain, `${f.kind.toUpperCase()}: ${f.message}`),
    });
    for (const row of rows)
      verifier.push(toStored(row, subjectsOf.get(`${row.id} ${row.time}`) ?? []));
    const summary = verifier.finish();
    for (const cp of verifier.checkpointsBefore(entry.firstSeq))
      report(chain, `the checkpoint at seq ${cp.seq} lies before the month's first record`);
    const last = rows[rows.length - 1];
    if (
      summary.firstSeq !== entry.firstSeq ||
      summary.lastSeq !== entry.lastSeq ||
      String(last.hash) !== entry.lastHash ||
      rows.length !== entry.records
    )
      report(
        chain,
        `the manifest says seq ${entry.firstSeq}..${entry.lastSeq} (${entry.records} records) ending ${entry.lastHash.slice(0, 12)}…, the records hold seq ${summary.firstSeq}..${summary.lastSeq} (${rows.length})`,
      );
  }

  const texts = new Map(documents.map((d) => [d.hash, d.text]));
  for (const r of records) {
    if (!r.document_hash) continue;
    const t = texts.get(r.document_hash);
    if (t === undefined)
      report(r.chain, `the document ${r.document_hash.slice(0, 12)}… of record ${r.id} is missing`);
    else if (sha256(Buffer.from(t, 'utf8')) !== r.document_hash)
      report(r.chain, `the document ${r.document_hash.slice(0, 12)}… does not match its hash`);
  }
  const counts = manifest.counts;
  if (
    counts.records !== records.length ||
    counts.subjects !== subjects.length ||
    counts.documents !== documents.length ||
    counts.checkpoints !== checkpoints.length
  )
    report(null, 'the manifest counts do not match the files');
  return { manifest, records: records.length };
}

/** Verifies the archives in `dirs` (each an archive or a folder of them), oldest month first. */
export function verifyArchives(
  dirs: readonly string[],
  publicKeys: readonly KeyObject[],
): ArchiveVerifyReport {
  const keys = new Map(publicKeys.map((k) => [publicKeyId(k), k]));
  const findings: ArchiveFinding[] = [];
  const months: ArchiveVerifyReport['months'] = [];
  const heads = new Map<string, { seq: number; hash: string; month: string }>();
  const all = dirs.flatMap(archiveDirs);
  const read = all.map((dir) => {
    const found: ArchiveFinding[] = [];
    let month = path.basename(dir);
    try {
      const { manifest, records } = verifyOneArchive(dir, keys, (chain, message) =>
        found.push({ month, chain, message }),
      );
      month = manifest.month;
      months.push({ month, dir, records });
      return { dir, manifest, found };
    } catch (err) {
      found.push({ month, chain: null, message: `cannot be read: ${(err as Error).message}` });
      return { dir, manifest: null, found };
    }
  });
  if (all.length === 0)
    findings.push({ month: '-', chain: null, message: `no archive found in ${dirs.join(', ')}` });
  read.sort((a, b) => (a.manifest?.month ?? '').localeCompare(b.manifest?.month ?? ''));
  for (const { manifest, found } of read) {
    findings.push(...found.map((f) => ({ ...f, month: manifest?.month ?? f.month })));
    for (const c of manifest?.chains ?? []) {
      const before = heads.get(c.chain);
      if (before && (c.firstSeq !== before.seq + 1 || c.anchorHash !== before.hash))
        findings.push({
          month: manifest!.month,
          chain: c.chain,
          message: `does not continue ${before.month}: that month ends at seq ${before.seq} (${before.hash.slice(0, 12)}…), this one starts at seq ${c.firstSeq} after ${c.anchorHash.slice(0, 12)}…`,
        });
      heads.set(c.chain, { seq: c.lastSeq, hash: c.lastHash, month: manifest!.month });
    }
  }
  months.sort((a, b) => a.month.localeCompare(b.month));
  return { months, findings };
}

export function formatArchiveReport(
  report: ArchiveVerifyReport,
  keyIds: readonly string[],
): string {
  const lines = [
    'Shujutong audit archive verification',
    `  public keys: ${keyIds.join(', ') || 'none'}`,
  ];
  for (const m of report.months) lines.push(`  ${m.month}: ${m.records} records (${m.dir})`);
  lines.push('');
  for (const f of report.findings)
    lines.push(`${f.month}${f.chain ? ` chain ${f.chain}` : ''}: ${f.message}`);
  lines.push(
    report.findings.length === 0
      ? 'VERIFIED: every archive is intact, its chains continue from their anchors and match their signed checkpoints.'
      : `NOT VERIFIED: ${report.findings.length} finding(s).`,
  );
  return lines.join('\n');
}

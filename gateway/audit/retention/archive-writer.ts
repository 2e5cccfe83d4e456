/**
 * Writes one month of the audit database to an archive directory (archive-format.ts). Rows are
 * streamed, so memory does not grow with the month; only the set of referenced document hashes
 * is held. The directory is written under a temporary name, every file fsynced, and renamed into
 * place last: a crash leaves either the previous archive or none, never half of one.
 */
import { createHash, Hash, KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Knex } from 'knex';
import {
  CHECKPOINTS_TABLE,
  dbTime,
  DOCUMENTS_TABLE,
  RECORDS_TABLE,
  SUBJECTS_TABLE,
} from '../../../contracts/audit/audit-rows';
import { monthRange } from '../../../contracts/audit/audit-month-drop';
import { publicKeyId } from '../../../contracts/audit/checkpoint';
import {
  ARCHIVE_FORMAT,
  ArchivedChain,
  ArchiveManifest,
  archiveDirName,
  DataFile,
  MANIFEST_FILE,
  monthLabel,
} from './archive-format';

class FileSink {
  private readonly fd: number;
  private readonly hash: Hash = createHash('sha256');
  bytes = 0;
  lines = 0;

  constructor(file: string) {
    this.fd = fs.openSync(file, 'wx');
  }

  write(text: string): void {
    const data = Buffer.from(text, 'utf8');
    fs.writeSync(this.fd, data);
    this.hash.update(data);
    this.bytes += data.length;
  }

  line(row: object): void {
    this.write(`${JSON.stringify(row)}\n`);
    this.lines++;
  }

  close(): { sha256: string; bytes: number } {
    fs.fsyncSync(this.fd);
    fs.closeSync(this.fd);
    return { sha256: this.hash.digest('hex'), bytes: this.bytes };
  }
}

/** mysql2 hands DATETIMEs back as Dates: written as the stored text, as SQLite holds them. */
function plain(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row))
    out[k] = v instanceof Date ? dbTime(v.toISOString()) : v;
  return out;
}

function syncDir(dir: string): void {
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

export interface WrittenArchive {
  readonly dir: string;
  readonly manifest: ArchiveManifest;
}

/** Archives the month starting at `month` (UTC) into `<outDir>/audit-YYYY-MM`, replacing any earlier copy. */
export async function writeMonthArchive(
  db: Knex,
  month: Date,
  outDir: string,
  publicKeys: readonly KeyObject[],
  now: Date = new Date(),
): Promise<WrittenArchive> {
  const label = monthLabel(month);
  const range = monthRange(month);
  fs.mkdirSync(outDir, { recursive: true });
  const finalDir = path.join(outDir, archiveDirName(label));
  const tmpDir = path.join(outDir, `.${archiveDirName(label)}.tmp-${process.pid}-${Date.now()}`);
  fs.mkdirSync(tmpDir);
  const sink = (name: DataFile) => new FileSink(path.join(tmpDir, name));
  const files = {} as Record<DataFile, { sha256: string; bytes: number }>;

  const chains: ArchivedChain[] = [];
  const documentHashes = new Set<string>();
  const records = sink('records.jsonl');
  let current = null as { -readonly [K in keyof ArchivedChain]: ArchivedChain[K] } | null;
  const rows = db(RECORDS_TABLE)
    .where('time', '>=', range.from)
    .where('time', '<', range.to)
    .orderBy([{ column: 'chain' }, { column: 'seq' }, { column: 'id' }])
    .stream();
  for await (const raw of rows) {
    const row = plain(raw as Record<string, unknown>);
    records.line(row);
    const chain = String(row.chain);
    const seq = Number(row.seq);
    if (current?.chain !== chain) {
      current = {
        chain,
        firstSeq: seq,
        lastSeq: seq,
        anchorHash: String(row.prev_hash),
        lastHash: String(row.hash),
        records: 0,
      };
      chains.push(current);
    }
    current.lastSeq = seq;
    current.lastHash = String(row.hash);
    current.records++;
    if (row.document_hash) documentHashes.add(String(row.document_hash));
  }
  files['records.jsonl'] = records.close();

  const subjects = sink('subjects.jsonl');
  const subjectRows = db(SUBJECTS_TABLE)
    .where('time', '>=', range.from)
    .where('time', '<', range.to)
    .orderBy([{ column: 'record_id' }, { column: 'kind' }, { column: 'subject_hash' }])
    .stream();
  for await (const raw of subjectRows) subjects.line(plain(raw as Record<string, unknown>));
  files['subjects.jsonl'] = subjects.close();

  const documents = sink('documents.jsonl');
  const hashes = [...documentHashes].sort();
  for (let i = 0; i < hashes.length; i += 500) {
    const chunk = (await db(DOCUMENTS_TABLE)
      .whereIn('hash', hashes.slice(i, i + 500))
      .orderBy('hash')) as Record<string, unknown>[];
    for (const row of chunk) documents.line(plain(row));
  }
  files['documents.jsonl'] = documents.close();

  // By sequence number, not signing time: a checkpoint signed early next month may cover this one.
  const checkpoints = sink('checkpoints.jsonl');
  const keyIds = new Set<string>();
  for (const c of chains) {
    const cps = (await db(CHECKPOINTS_TABLE)
      .where({ chain: c.chain })
      .where('seq', '>=', c.firstSeq)
      .where('seq', '<=', c.lastSeq)
      .orderBy('seq')) as Record<string, unknown>[];
    for (const cp of cps) {
      checkpoints.line(plain(cp));
      keyIds.add(String(cp.key_id));
    }
  }
  files['checkpoints.jsonl'] = checkpoints.close();

  const keys = sink('public-keys.json');
  const known = new Map(publicKeys.map((k) => [publicKeyId(k), k]));
  const pems: Record<string, string | null> = {};
  for (const id of [...keyIds].sort())
    pems[id] = known.get(id)?.export({ type: 'spki', format: 'pem' }).toString() ?? null;
  keys.write(`${JSON.stringify(pems, null, 2)}\n`);
  files['public-keys.json'] = keys.close();

  const manifest: ArchiveManifest = {
    format: ARCHIVE_FORMAT,
    v: 1,
    month: label,
    createdAt: now.toISOString(),
    counts: {
      records: records.lines,
      subjects: subjects.lines,
      documents: documents.lines,
      checkpoints: checkpoints.lines,
    },
    chains,
    files,
  };
  const manifestSink = new FileSink(path.join(tmpDir, MANIFEST_FILE));
  manifestSink.write(`${JSON.stringify(manifest, null, 2)}\n`);
  manifestSink.close();
  syncDir(tmpDir);

  // An earlier copy (a run that stopped before dropping the month) is replaced, never merged.
  const old = fs.existsSync(finalDir) ? `${tmpDir}.old` : null;
  if (old) fs.renameSync(finalDir, old);
  fs.renameSync(tmpDir, finalDir);
  syncDir(outDir);
  if (old) fs.rmSync(old, { recursive: true, force: true });
  return { dir: finalDir, manifest };
}

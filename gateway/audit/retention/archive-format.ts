/**
 * The layout of one month's audit archive, a directory named `audit-YYYY-MM`:
 *
 *   records.jsonl      every audit_records row of the month (all columns), in (chain, seq, id) order
 *   subjects.jsonl     its audit_subjects rows, in (record_id, kind, subject_hash) order
 *   documents.jsonl    the audit_documents its records reference
 *   checkpoints.jsonl  the checkpoints of the month's sequence numbers, per chain
 *   public-keys.json   key id → SPKI PEM of the keys that signed them (for the auditor's
 *                      reference: verification trusts only the keys it is given)
 *   manifest.json      month, counts, per chain the anchor (prev_hash before its first record)
 *                      and last hash, and the SHA-256 of every other file
 *
 * Times are written as the database stores them (`YYYY-MM-DD HH:MM:SS.mmm`, UTC), so rows
 * rebuild into records (contracts/audit/audit-rows.ts) exactly as the database verifier does.
 */
import { createHash } from 'node:crypto';

export const ARCHIVE_FORMAT = 'shujutong-audit-archive';
export const MANIFEST_FILE = 'manifest.json';
export const DATA_FILES = [
  'records.jsonl',
  'subjects.jsonl',
  'documents.jsonl',
  'checkpoints.jsonl',
  'public-keys.json',
] as const;
export type DataFile = (typeof DATA_FILES)[number];

export interface ArchivedChain {
  readonly chain: string;
  readonly firstSeq: number;
  readonly lastSeq: number;
  /** prev_hash of the month's first record of this chain: the hash the month continues from. */
  readonly anchorHash: string;
  readonly lastHash: string;
  readonly records: number;
}

export interface ArchiveManifest {
  readonly format: typeof ARCHIVE_FORMAT;
  readonly v: 1;
  /** `YYYY-MM`, UTC. */
  readonly month: string;
  readonly createdAt: string;
  readonly counts: {
    readonly records: number;
    readonly subjects: number;
    readonly documents: number;
    readonly checkpoints: number;
  };
  readonly chains: readonly ArchivedChain[];
  readonly files: Readonly<Record<DataFile, { readonly sha256: string; readonly bytes: number }>>;
}

export function monthLabel(month: Date): string {
  return month.toISOString().slice(0, 7);
}

export function archiveDirName(month: string): string {
  return `audit-${month}`;
}

export function sha256(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

export function toJsonLines(rows: readonly object[]): string {
  return rows.map((r) => `${JSON.stringify(r)}\n`).join('');
}

export function fromJsonLines<T>(text: string, file: string): T[] {
  return text
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line, i) => {
      try {
        return JSON.parse(line) as T;
      } catch {
        throw new Error(`${file} line ${i + 1} is not JSON`);
      }
    });
}

/**
 * What the audit verifier reports: the kinds of tampering it names, each at the first record
 * where it shows, the stored records it reads, and the summary of one chain.
 *
 *   modified     a record's stored values no longer hash to its stored hash
 *   reordered    a record's values hash correctly only under another sequence number: it was moved
 *   deleted      sequence numbers are missing (a gap, or a chain that does not start at 1)
 *   inserted     a record claims a sequence number that the chain's genuine record holds
 *   broken-link  a record was not chained after the record stored before it: that one was
 *                replaced or rewritten with a recomputed hash
 *   checkpoint-mismatch  a validly signed checkpoint says seq N had hash H; the stored one differs
 *   tail-cut     a validly signed checkpoint says the chain reached seq N; it ends before
 *   bad-signature / unknown-key  a checkpoint that does not verify with the configured public keys
 *   document-modified / document-missing  a stored query text does not match its records' hash
 */
import type { AuditRecord } from '../../contracts/audit/audit-record';

export type FindingKind =
  | 'modified'
  | 'reordered'
  | 'deleted'
  | 'inserted'
  | 'broken-link'
  | 'checkpoint-mismatch'
  | 'tail-cut'
  | 'bad-signature'
  | 'unknown-key'
  | 'document-modified'
  | 'document-missing';

export interface Finding {
  readonly kind: FindingKind;
  readonly chain: string;
  /** The sequence number where the chain breaks. */
  readonly seq: number | null;
  /** The record named as the first affected. */
  readonly recordId: string | null;
  readonly time: string | null;
  readonly message: string;
}

/** A finding before the verifier names its chain. */
export type ChainFinding = Omit<Finding, 'chain'>;

/** A row as stored, and the record rebuilt from it (null when a column could not be read). */
export interface StoredRecord {
  readonly id: string;
  readonly seq: number;
  readonly hash: string;
  readonly prevHash: string;
  readonly time: string;
  readonly record: AuditRecord | null;
  /** Why `record` is null. */
  readonly unreadable?: string;
}

export interface ChainSummary {
  readonly chain: string;
  readonly records: number;
  readonly firstSeq: number | null;
  readonly lastSeq: number | null;
  readonly checkpoints: number;
  /** Highest sequence number covered by a valid checkpoint. */
  readonly lastCheckpointSeq: number | null;
  readonly findings: number;
}

/** A hash as a person reads it in a finding. */
export function shortHash(hash: string): string {
  return `${hash.slice(0, 12)}…`;
}

/** A record as a person reads it in a finding. */
export function describeRecord(r: StoredRecord): string {
  return `record ${r.id} (seq ${r.seq}, ${r.time})`;
}

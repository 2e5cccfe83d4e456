/**
 * Checks one chain of stored audit records (pure; verify-database.ts feeds it from the audit
 * database in sequence order). It names the first record at which each kind of tampering shows:
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
 *
 * Records after the last checkpoint can be cut off without trace until the next checkpoint
 * covers them: checkpoints are signed at least every AUDIT_CHECKPOINT_EVERY records,
 * AUDIT_CHECKPOINT_INTERVAL_MS, and on every shutdown.
 */
import type { KeyObject } from 'node:crypto';
import type { AuditRecord } from '../../contracts/audit/audit-record';
import { Checkpoint, checkpointValidity } from '../../contracts/audit/checkpoint';
import { GENESIS_HASH, recordHash } from '../../contracts/audit/record-chain';

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

export interface ChainVerifierOptions {
  /** Sequence number the walk starts at: 1 for a whole chain. @default 1 */
  readonly startSeq?: number;
  /** The stored record just before startSeq (range verification), to check the first link. */
  readonly anchor?: { readonly seq: number; readonly hash: string; readonly id: string } | null;
  /** This chain's checkpoints (any order). */
  readonly checkpoints?: readonly Checkpoint[];
  readonly publicKeys: ReadonlyMap<string, KeyObject>;
  /** How far either way to look for the sequence number a moved record was written with. @default 256 */
  readonly reorderWindow?: number;
  readonly report: (finding: Finding) => void;
}

interface Accepted {
  readonly seq: number;
  readonly hash: string;
  readonly id: string;
  /** Already reported: a link that fails because of it is not reported again. */
  readonly flagged: boolean;
}

/** Reorder detection costs 2·window hashes per bad record: bounded so a wholly damaged chain stays fast. */
const MAX_REORDER_SEARCHES = 50;

function short(hash: string): string {
  return `${hash.slice(0, 12)}…`;
}

function describe(r: StoredRecord): string {
  return `record ${r.id} (seq ${r.seq}, ${r.time})`;
}

export class ChainVerifier {
  private readonly startSeq: number;
  private readonly window: number;
  private readonly validCheckpoints = new Map<number, Checkpoint>();
  private prev: Accepted | null;
  private pendingGroup: StoredRecord[] | null = null;
  private currentGroup: StoredRecord[] = [];
  private searches = 0;
  private count = 0;
  private findingCount = 0;
  private firstSeq: number | null = null;
  private checkpointCount = 0;

  constructor(
    readonly chain: string,
    private readonly options: ChainVerifierOptions,
  ) {
    this.startSeq = options.startSeq ?? 1;
    this.window = options.reorderWindow ?? 256;
    this.prev = options.anchor ? { ...options.anchor, flagged: false } : null;
    for (const cp of options.checkpoints ?? []) {
      this.checkpointCount++;
      const validity = checkpointValidity(cp, options.publicKeys);
      if (validity === 'valid') {
        if (!this.validCheckpoints.has(cp.seq) || this.validCheckpoints.get(cp.seq)!.hash === cp.hash) this.validCheckpoints.set(cp.seq, cp);
        else this.emit({ kind: 'checkpoint-mismatch', seq: cp.seq, recordId: null, time: cp.time, message: `two validly signed checkpoints for seq ${cp.seq} disagree about its hash: the chain was forked` });
        continue;
      }
      this.emit({
        kind: validity,
        seq: cp.seq,
        recordId: null,
        time: cp.time,
        message:
          validity === 'unknown-key'
            ? `the checkpoint at seq ${cp.seq} (${cp.time}) is signed with key ${cp.keyId}, which is not among the public keys given: forged, or verify with that key too`
            : `the checkpoint at seq ${cp.seq} (${cp.time}) has an invalid signature: it was forged or altered`,
      });
    }
  }

  /** Records must come in ascending (seq, id) order. */
  push(record: StoredRecord): void {
    if (this.currentGroup.length > 0 && this.currentGroup[0].seq !== record.seq) {
      if (this.pendingGroup) this.process(this.pendingGroup, this.currentGroup);
      this.pendingGroup = this.currentGroup;
      this.currentGroup = [];
    }
    this.currentGroup.push(record);
    this.count++;
    this.firstSeq ??= record.seq;
  }

  finish(): ChainSummary {
    if (this.pendingGroup) this.process(this.pendingGroup, this.currentGroup.length ? this.currentGroup : null);
    if (this.currentGroup.length) this.process(this.currentGroup, null);
    this.pendingGroup = null;
    this.currentGroup = [];
    const last = this.prev;
    const lastSeq = last && (this.count > 0 || this.options.anchor) ? last.seq : null;
    const beyond = [...this.validCheckpoints.values()].filter((cp) => cp.seq >= this.startSeq && cp.seq > (lastSeq ?? 0)).sort((a, b) => b.seq - a.seq);
    if (beyond.length > 0) {
      const cp = beyond[0];
      const end = lastSeq === null ? 'has no records' : `ends at seq ${lastSeq}`;
      this.emit({
        kind: 'tail-cut',
        seq: lastSeq,
        recordId: last?.id ?? null,
        time: cp.time,
        message: `a checkpoint signed ${cp.time} says the chain reached seq ${cp.seq} (hash ${short(cp.hash)}), but the stored chain ${end}: records ${(lastSeq ?? 0) + 1}..${cp.seq} were removed`,
      });
    }
    const covered = [...this.validCheckpoints.keys()].filter((s) => lastSeq !== null && s <= lastSeq);
    return {
      chain: this.chain,
      records: this.count,
      firstSeq: this.firstSeq,
      lastSeq: this.count > 0 ? lastSeq : null,
      checkpoints: this.checkpointCount,
      lastCheckpointSeq: covered.length ? Math.max(...covered) : null,
      findings: this.findingCount,
    };
  }

  /** Checkpoints for sequence numbers this walk did not cover (before startSeq): the caller looks those records up. */
  checkpointsBefore(seq: number): Checkpoint[] {
    return [...this.validCheckpoints.values()].filter((cp) => cp.seq < seq);
  }

  private emit(f: Omit<Finding, 'chain'>): void {
    this.findingCount++;
    this.options.report({ chain: this.chain, ...f });
  }

  private intact(r: StoredRecord): boolean {
    return r.record !== null && r.record.hash === r.hash && recordHash(r.record) === r.hash;
  }

  /** The sequence number under which the record's values do hash to its stored hash, if another. */
  private writtenAs(r: StoredRecord): number | null {
    if (!r.record || this.searches >= MAX_REORDER_SEARCHES) return null;
    this.searches++;
    for (let d = 1; d <= this.window; d++) {
      for (const s of [r.seq - d, r.seq + d]) {
        if (s >= 1 && recordHash({ ...r.record, seq: s }) === r.hash) return s;
      }
    }
    return null;
  }

  private process(group: StoredRecord[], next: StoredRecord[] | null): void {
    const seq = group[0].seq;
    const prev = this.prev;
    const expected = prev ? prev.seq + 1 : this.startSeq;
    let gap = false;
    if (seq > expected) {
      gap = true;
      const missing = seq - 1 === expected ? `seq ${expected} is` : `seqs ${expected}..${seq - 1} are`;
      const after = prev ? `after record ${prev.id} (seq ${prev.seq})` : 'at the start of the chain';
      this.emit({ kind: 'deleted', seq, recordId: group[0].id, time: group[0].time, message: `${missing} missing ${after}, before ${describe(group[0])}: records were deleted` });
    }
    const links = (r: StoredRecord) => (prev ? r.prevHash === prev.hash : seq === 1 ? r.prevHash === GENESIS_HASH : true);
    let accepted = group[0];
    if (group.length > 1) {
      const genuine = group.filter((r) => this.intact(r) && (next ? next.some((n) => n.prevHash === r.hash) : links(r)));
      accepted = genuine.length === 1 ? genuine[0] : (group.find((r) => this.intact(r) && links(r)) ?? group[0]);
      for (const r of group) {
        if (r === accepted) continue;
        this.emit({
          kind: 'inserted',
          seq,
          recordId: r.id,
          time: r.time,
          message:
            genuine.length === 1
              ? `${describe(r)} is not part of the chain: seq ${seq} belongs to record ${accepted.id}, which the next record is chained after; it was inserted (forged or copied)`
              : `${group.length} records claim seq ${seq} (${group.map((g) => g.id).join(', ')}): records were inserted`,
        });
      }
    }
    let flagged = group.length > 1;
    if (!this.intact(accepted)) {
      flagged = true;
      const s = accepted.unreadable ? null : this.writtenAs(accepted);
      if (s !== null) {
        this.emit({ kind: 'reordered', seq, recordId: accepted.id, time: accepted.time, message: `${describe(accepted)} was written as seq ${s}: records were reordered` });
      } else {
        const why = accepted.unreadable ? `cannot be read (${accepted.unreadable})` : 'does not match its hash';
        this.emit({ kind: 'modified', seq, recordId: accepted.id, time: accepted.time, message: `${describe(accepted)} ${why}: stored values were changed after it was written` });
      }
    } else if (!gap && !links(accepted) && !(prev?.flagged ?? false)) {
      flagged = true;
      if (prev) {
        this.emit({
          kind: 'broken-link',
          seq: prev.seq,
          recordId: prev.id,
          time: null,
          message: `record ${prev.id} (seq ${prev.seq}) is not the record that ${describe(accepted)} was chained after (expected hash ${short(accepted.prevHash)}, stored ${short(prev.hash)}): it was replaced or rewritten with a recomputed hash`,
        });
      } else {
        this.emit({ kind: 'broken-link', seq, recordId: accepted.id, time: accepted.time, message: `${describe(accepted)} starts the chain but does not follow the genesis hash: it was forged or the chain's start was replaced` });
      }
    }
    const cp = this.validCheckpoints.get(seq);
    if (cp && cp.hash !== accepted.hash) {
      this.emit({
        kind: 'checkpoint-mismatch',
        seq,
        recordId: accepted.id,
        time: accepted.time,
        message: `the checkpoint signed ${cp.time} says seq ${seq} had hash ${short(cp.hash)}, but ${describe(accepted)} has ${short(accepted.hash)}: the chain was rewritten up to here`,
      });
    }
    this.prev = { seq, hash: accepted.hash, id: accepted.id, flagged };
  }
}

/**
 * Checks one chain of stored audit records (pure; verify-database.ts feeds it from the audit
 * database in sequence order). It walks the records once and names the first record at which
 * each kind of tampering shows (the kinds: verify-findings.ts; what checkpoints prove:
 * verify-checkpoints.ts). A sequence number held by several records is judged once the next
 * one is known, since the genuine record is the one the next record is chained after.
 */
import type { KeyObject } from 'node:crypto';
import type { Checkpoint } from '../../contracts/audit/checkpoint';
import { GENESIS_HASH, recordHash } from '../../contracts/audit/record-chain';
import { tailCut, validCheckpoints } from './verify-checkpoints';
import {
  ChainFinding,
  ChainSummary,
  describeRecord,
  Finding,
  shortHash,
  StoredRecord,
} from './verify-findings';

export type { ChainSummary, Finding, FindingKind, StoredRecord } from './verify-findings';

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

export class ChainVerifier {
  private readonly startSeq: number;
  private readonly window: number;
  private readonly validCheckpoints: Map<number, Checkpoint>;
  private prev: Accepted | null;
  private pendingGroup: StoredRecord[] | null = null;
  private currentGroup: StoredRecord[] = [];
  private searches = 0;
  private count = 0;
  private findingCount = 0;
  private firstSeq: number | null = null;
  private readonly checkpointCount: number;

  constructor(
    readonly chain: string,
    private readonly options: ChainVerifierOptions,
  ) {
    this.startSeq = options.startSeq ?? 1;
    this.window = options.reorderWindow ?? 256;
    this.prev = options.anchor ? { ...options.anchor, flagged: false } : null;
    const checkpoints = options.checkpoints ?? [];
    this.checkpointCount = checkpoints.length;
    this.validCheckpoints = validCheckpoints(checkpoints, options.publicKeys, (f) => this.emit(f));
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
    if (this.pendingGroup)
      this.process(this.pendingGroup, this.currentGroup.length ? this.currentGroup : null);
    if (this.currentGroup.length) this.process(this.currentGroup, null);
    this.pendingGroup = null;
    this.currentGroup = [];
    const last = this.prev;
    const lastSeq = last && (this.count > 0 || this.options.anchor) ? last.seq : null;
    const cut = tailCut(this.validCheckpoints, this.startSeq, lastSeq, last?.id ?? null);
    if (cut) this.emit(cut);
    const covered = [...this.validCheckpoints.keys()].filter(
      (s) => lastSeq !== null && s <= lastSeq,
    );
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

  private emit(f: ChainFinding): void {
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
      const missing =
        seq - 1 === expected ? `seq ${expected} is` : `seqs ${expected}..${seq - 1} are`;
      const after = prev
        ? `after record ${prev.id} (seq ${prev.seq})`
        : 'at the start of the chain';
      this.emit({
        kind: 'deleted',
        seq,
        recordId: group[0].id,
        time: group[0].time,
        message: `${missing} missing ${after}, before ${describeRecord(group[0])}: records were deleted`,
      });
    }
    const links = (r: StoredRecord) =>
      prev ? r.prevHash === prev.hash : seq === 1 ? r.prevHash === GENESIS_HASH : true;
    let accepted = group[0];
    if (group.length > 1) {
      const genuine = group.filter(
        (r) => this.intact(r) && (next ? next.some((n) => n.prevHash === r.hash) : links(r)),
      );
      accepted =
        genuine.length === 1
          ? genuine[0]
          : (group.find((r) => this.intact(r) && links(r)) ?? group[0]);
      for (const r of group) {
        if (r === accepted) continue;
        this.emit({
          kind: 'inserted',
          seq,
          recordId: r.id,
          time: r.time,
          message:
            genuine.length === 1
              ? `${describeRecord(r)} is not part of the chain: seq ${seq} belongs to record ${accepted.id}, which the next record is chained after; it was inserted (forged or copied)`
              : `${group.length} records claim seq ${seq} (${group.map((g) => g.id).join(', ')}): records were inserted`,
        });
      }
    }
    let flagged = group.length > 1;
    if (!this.intact(accepted)) {
      flagged = true;
      const s = accepted.unreadable ? null : this.writtenAs(accepted);
      if (s !== null) {
        this.emit({
          kind: 'reordered',
          seq,
          recordId: accepted.id,
          time: accepted.time,
          message: `${describeRecord(accepted)} was written as seq ${s}: records were reordered`,
        });
      } else {
        const why = accepted.unreadable
          ? `cannot be read (${accepted.unreadable})`
          : 'does not match its hash';
        this.emit({
          kind: 'modified',
          seq,
          recordId: accepted.id,
          time: accepted.time,
          message: `${describeRecord(accepted)} ${why}: stored values were changed after it was written`,
        });
      }
    } else if (!gap && !links(accepted) && !(prev?.flagged ?? false)) {
      flagged = true;
      if (prev) {
        this.emit({
          kind: 'broken-link',
          seq: prev.seq,
          recordId: prev.id,
          time: null,
          message: `record ${prev.id} (seq ${prev.seq}) is not the record that ${describeRecord(accepted)} was chained after (expected hash ${shortHash(accepted.prevHash)}, stored ${shortHash(prev.hash)}): it was replaced or rewritten with a recomputed hash`,
        });
      } else {
        this.emit({
          kind: 'broken-link',
          seq,
          recordId: accepted.id,
          time: accepted.time,
          message: `${describeRecord(accepted)} starts the chain but does not follow the genesis hash: it was forged or the chain's start was replaced`,
        });
      }
    }
    const cp = this.validCheckpoints.get(seq);
    if (cp && cp.hash !== accepted.hash) {
      this.emit({
        kind: 'checkpoint-mismatch',
        seq,
        recordId: accepted.id,
        time: accepted.time,
        message: `the checkpoint signed ${cp.time} says seq ${seq} had hash ${shortHash(cp.hash)}, but ${describeRecord(accepted)} has ${shortHash(accepted.hash)}: the chain was rewritten up to here`,
      });
    }
    this.prev = { seq, hash: accepted.hash, id: accepted.id, flagged };
  }
}

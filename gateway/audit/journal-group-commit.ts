/**
 * Group commit: many concurrent appends share one write and one fdatasync. An append takes its
 * place in the chain synchronously, in call order, and waits in a group. A group is written and
 * synced when it reaches `maxRecords`, when `windowMs` has passed since its first record, or
 * right after the previous group's sync (the sync's own duration is the natural window under
 * load).
 *
 * When a write or sync fails, the group and everything queued behind it is rejected with
 * AuditUnavailableError and the chain head goes back to the last synced record, so the journal
 * holds exactly the acknowledged records (plus, after a crash, possibly some unacknowledged
 * ones, which are still valid chain members).
 */
import type { AuditRecord, AuditRecordBody } from '../../contracts/audit/audit-record';
import { chainRecord, ChainHead } from '../../contracts/audit/record-chain';
import type { CheckpointSchedule } from './journal-checkpoints';
import { encodeRecordLine } from './journal-format';
import type { RecentLines } from './journal-recent-lines';
import type { JournalRecovery } from './journal-recovery';
import type { SegmentRotation } from './journal-segments';

interface Pending {
  readonly line: Buffer;
  readonly record: AuditRecord;
  /** The document's text when this line carries it (its first use in the segment). */
  readonly document: string | undefined;
  readonly resolve: (record: AuditRecord) => void;
  readonly reject: (err: Error) => void;
}

export interface GroupCommitParts {
  readonly chain: string;
  /** Where the chain stands on disk when the journal opens. */
  readonly head: ChainHead;
  /** Longest wait before a group is synced. */
  readonly windowMs: number;
  /** A group is synced as soon as it has this many records. */
  readonly maxRecords: number;
  readonly now: () => Date;
  readonly segments: SegmentRotation;
  readonly checkpoints: CheckpointSchedule;
  readonly recovery: JournalRecovery;
  /** Observer: a group is on stable storage, with its write and sync time (metrics). @default none */
  readonly onGroupCommit?: (records: number, durationMs: number) => void;
  /** Takes each durable line for the shipper (journal-recent-lines.ts). @default none */
  readonly recent?: RecentLines;
}

export class GroupCommit {
  /** Head including records still waiting for their group's sync. */
  private assigned: ChainHead;
  /** Head of what is on stable storage. */
  private durable: ChainHead;
  private pending: Pending[] = [];
  private flushing: Promise<void> | null = null;
  private groupTimer: NodeJS.Timeout | null = null;
  private stopped = false;
  private readonly durableListeners: Array<() => void> = [];

  constructor(private readonly parts: GroupCommitParts) {
    this.durable = parts.head;
    this.assigned = parts.head;
  }

  /** The last record on stable storage. */
  get durableHead(): ChainHead {
    return this.durable;
  }

  /** A group is queued or being written. */
  get busy(): boolean {
    return this.flushing !== null || this.pending.length > 0;
  }

  /** Called after every sync that made new records durable. */
  onDurable(listener: () => void): void {
    this.durableListeners.push(listener);
  }

  /** Chains the record now and resolves once its group is on stable storage. */
  append(body: AuditRecordBody, document: string | null): Promise<AuditRecord> {
    // From here to the push nothing awaits: the chain position is taken in call order.
    const { record, head, json } = chainRecord(body, this.assigned);
    this.assigned = head;
    const withDocument =
      document !== null &&
      record.documentHash !== null &&
      this.parts.segments.firstUse(record.documentHash);
    const carried = withDocument ? document : undefined;
    const line = encodeRecordLine(json, carried);
    return new Promise<AuditRecord>((resolve, reject) => {
      this.pending.push({ line, record, document: carried, resolve, reject });
      this.schedule();
    });
  }

  /**
   * Writes everything queued and, unless the journal failed, a final checkpoint; null when there
   * is nothing to write, so that closing an idle journal takes effect at once.
   */
  drain(): Promise<void> | null {
    if (this.parts.recovery.failure || (!this.busy && this.parts.checkpoints.uncovered === 0))
      return null;
    return this.writeRemaining();
  }

  /** No group is written after this; what is still queued is left to `rejectPending`. */
  stop(): void {
    this.stopped = true;
    if (this.groupTimer) clearTimeout(this.groupTimer);
  }

  rejectPending(err: Error): void {
    const queued = this.pending.splice(0, this.pending.length);
    if (queued.length > 0) this.assigned = this.durable;
    for (const p of queued) p.reject(err);
  }

  /** Writes a group now (with a checkpoint when `forceCheckpoint` and records are uncovered). */
  flushNow(forceCheckpoint = false): void {
    if (this.groupTimer) {
      clearTimeout(this.groupTimer);
      this.groupTimer = null;
    }
    const { recovery, segments, checkpoints } = this.parts;
    if (this.flushing || recovery.failure || !segments.isOpen) return;
    if (this.pending.length === 0 && !(forceCheckpoint && checkpoints.uncovered > 0)) return;
    this.flushing = this.writeGroup(forceCheckpoint).finally(() => {
      this.flushing = null;
      // Appends that arrived during the sync form the next group straight away.
      if (this.pending.length > 0 && !recovery.failure && !this.stopped) this.flushNow();
    });
  }

  private schedule(): void {
    if (this.flushing) return;
    if (this.pending.length >= this.parts.maxRecords) {
      this.flushNow();
    } else if (!this.groupTimer) {
      this.groupTimer = setTimeout(() => this.flushNow(), this.parts.windowMs);
    }
  }

  private async writeRemaining(): Promise<void> {
    const { recovery, checkpoints } = this.parts;
    while (this.pending.length > 0 || this.flushing) {
      if (recovery.failure) break;
      this.flushNow();
      if (this.flushing) await this.flushing;
    }
    if (!recovery.failure && checkpoints.uncovered > 0) {
      this.flushNow(true);
      if (this.flushing) await this.flushing;
    }
  }

  private async writeGroup(forceCheckpoint: boolean): Promise<void> {
    const { segments, checkpoints } = this.parts;
    const group = this.pending.splice(0, this.pending.length);
    const buffers = group.map((p) => p.line);
    let head = this.durable;
    if (group.length > 0) {
      const last = group[group.length - 1].record;
      head = { chain: this.parts.chain, seq: last.seq, hash: last.hash };
    }
    const now = this.parts.now();
    const checkpoint = checkpoints.forGroup(group.length, now, forceCheckpoint);
    if (checkpoint.due) buffers.push(checkpoints.line(head, now));
    const data = Buffer.concat(buffers);
    const at = segments.position();
    let full: boolean;
    const started = performance.now();
    try {
      full = await segments.write(data);
    } catch (err) {
      this.fail(err, group);
      return;
    }
    if (this.parts.recent) this.keepRecent(this.parts.recent, at, group, buffers);
    try {
      this.parts.onGroupCommit?.(group.length, performance.now() - started);
    } catch {
      // An observer (metrics) must never fail the journal.
    }
    this.durable = head;
    checkpoints.settle(checkpoint, now);
    // Rotating before resolving keeps the journal's layout a function of what was acknowledged.
    let rotation: unknown = null;
    if (full)
      await segments
        .rotate(head)
        .catch((err: unknown) => (rotation = err ?? new Error('rotation failed')));
    for (const p of group) p.resolve(p.record);
    for (const listener of this.durableListeners) listener();
    // These records are safe; the next ones have no segment to go to.
    if (rotation) this.fail(rotation, []);
  }

  /** The group's lines, now durable, for the shipper: each at the offset it was written at. */
  private keepRecent(
    recent: RecentLines,
    at: { segment: number; offset: number },
    group: readonly Pending[],
    buffers: readonly Buffer[],
  ): void {
    let offset = at.offset;
    for (const p of group) {
      const end = offset + p.line.length;
      recent.add(
        at.segment,
        offset,
        p.document === undefined
          ? { t: 'record', record: p.record }
          : { t: 'record', record: p.record, document: p.document },
        end,
      );
      offset = end;
    }
    // A checkpoint closing the group.
    recent.addEncoded(at.segment, offset, buffers.slice(group.length));
  }

  private fail(err: unknown, group: Pending[]): void {
    const { recovery, segments } = this.parts;
    recovery.fail(err);
    segments.markBroken();
    // Records queued behind the failed group are chained onto it: they cannot be written either.
    const rejection = recovery.unavailable();
    for (const p of group) p.reject(rejection);
    this.rejectPending(rejection);
    this.assigned = this.durable;
  }
}

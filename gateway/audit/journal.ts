/**
 * The local, append-only audit journal: `append` resolves only once the record is on stable
 * storage, and many concurrent appends share one fdatasync. This class composes the journal's
 * concerns, each of which keeps its own state:
 *
 *   journal-group-commit.ts  appends wait in a group; one write, one sync per group
 *   journal-checkpoints.ts   when a signed checkpoint closes a group or opens a segment
 *   journal-segments.ts      the segment being written and its rotation when full
 *   journal-recovery.ts      what a previous run left (read at open), and becoming writable again
 *   journal-repair.ts        cutting a torn tail back to the last synced byte
 *
 * Failure (disk full, permissions, read-only file system): the failed group and everything
 * queued behind it is rejected with AuditUnavailableError and the chain head goes back to the
 * last synced record, so the journal holds exactly the acknowledged records (plus, after a
 * crash, possibly some unacknowledged ones, which are still valid chain members). Recovery,
 * tried by `probe()` and by later appends at most every `retryIntervalMs`, cuts the segment
 * back to its last synced byte and starts a new segment; until then every append is refused.
 */
import type { AuditRecord, AuditRecordBody } from '../../contracts/audit/audit-record';
import type { CheckpointSigner } from '../../contracts/audit/checkpoint';
import { ChainHead, emptyChain } from '../../contracts/audit/record-chain';
import { AuditUnavailableError } from './audit-unavailable-error';
import { CheckpointSchedule } from './journal-checkpoints';
import { JournalFs, nodeJournalFs } from './journal-fs';
import { GroupCommit } from './journal-group-commit';
import { RecentLines } from './journal-recent-lines';
import { chainAtOpen, JournalRecovery, readPreviousRun } from './journal-recovery';
import { TornTailRepair } from './journal-repair';
import type { ScanResult } from './journal-scan';
import { SegmentRotation } from './journal-segments';

export interface JournalOptions {
  /** The directory of this instance's segments; one writer per directory. */
  readonly dir: string;
  /** The gateway instance; a new chain is named after it. */
  readonly instance: string;
  readonly signer: CheckpointSigner;
  /** @default node:fs */
  readonly fs?: JournalFs;
  /** Longest wait before a group is synced. @default 2 */
  readonly groupWindowMs?: number;
  /** A group is synced as soon as it has this many records. @default 256 */
  readonly groupMaxRecords?: number;
  /** A new segment is started once the current one reaches this size. @default 64 MiB */
  readonly segmentBytes?: number;
  /** A checkpoint is signed after this many records … @default 1000 */
  readonly checkpointEveryRecords?: number;
  /** … or this long after the last one when records have been written since. @default 60000 */
  readonly checkpointIntervalMs?: number;
  /** Minimum time between recovery attempts triggered by appends. @default 1000 */
  readonly retryIntervalMs?: number;
  readonly now?: () => Date;
  /** Damage found on opening (a torn last line after a crash …); reported, never fatal. */
  readonly onWarning?: (message: string) => void;
  /** Observer: a group of records written and synced, with how long that took (metrics). @default none */
  readonly onGroupCommit?: (records: number, durationMs: number) => void;
  /** Durable lines kept for the shipper (journal-recent-lines.ts). @default RECENT_LINES */
  readonly recentLines?: number;
}

export interface JournalStatus {
  readonly available: boolean;
  /** Why not, when not available. */
  readonly error: string | null;
  /** ENOSPC, EACCES, EROFS … */
  readonly reason: string | null;
  readonly unavailableSince: Date | null;
  readonly chain: string;
  /** Last record on stable storage. */
  readonly seq: number;
  readonly segment: number | null;
}

export class Journal {
  private readonly chain: string;
  private readonly checkpoints: CheckpointSchedule;
  private readonly segments: SegmentRotation;
  private readonly repair: TornTailRepair;
  private readonly recovery: JournalRecovery;
  private readonly group: GroupCommit;
  /** The lines just made durable, for the shipper to take without reading them back. */
  readonly recent: RecentLines;
  private closed = false;

  private constructor(
    private readonly options: JournalOptions,
    scan: ScanResult,
  ) {
    const fs = options.fs ?? nodeJournalFs;
    const now = options.now ?? (() => new Date());
    this.recent = new RecentLines(options.recentLines);
    const created = now();
    this.chain = chainAtOpen(scan, options.instance, created);
    const head = scan.head ?? emptyChain(this.chain);
    const every = options.checkpointEveryRecords ?? 1000;
    const intervalMs = options.checkpointIntervalMs ?? 60_000;
    this.checkpoints = new CheckpointSchedule(
      options.signer,
      every,
      intervalMs,
      now,
      head.seq - scan.lastCheckpointSeq,
      created,
    );
    const segmentBytes = options.segmentBytes ?? 64 * 1024 * 1024;
    const segmentSettings = {
      fs,
      dir: options.dir,
      instance: options.instance,
      chain: this.chain,
      segmentBytes,
      now,
      recent: this.recent,
    };
    this.segments = new SegmentRotation(segmentSettings, this.checkpoints, scan.maxSegment);
    this.repair = new TornTailRepair(fs, options.dir, scan);
    this.recovery = new JournalRecovery({
      fs,
      dir: options.dir,
      retryIntervalMs: options.retryIntervalMs ?? 1000,
      segments: this.segments,
      repair: this.repair,
      durableHead: () => this.group.durableHead,
    });
    this.group = new GroupCommit({
      chain: this.chain,
      head,
      windowMs: options.groupWindowMs ?? 2,
      maxRecords: options.groupMaxRecords ?? 256,
      now,
      segments: this.segments,
      checkpoints: this.checkpoints,
      recovery: this.recovery,
      onGroupCommit: options.onGroupCommit,
      recent: this.recent,
    });
  }

  /**
   * Opens the journal in `options.dir`: finds where the chain stands from the newest segment,
   * reports (and will cut back) an unfinished write left by a crash, and starts a new segment.
   * When the directory cannot be written the journal opens unavailable, refusing appends until
   * `probe()` succeeds; other failures (another process holds the journal, unreadable files)
   * are thrown.
   */
  static async open(options: JournalOptions): Promise<Journal> {
    const fs = options.fs ?? nodeJournalFs;
    const warn = options.onWarning ?? (() => undefined);
    const scan = await readPreviousRun(fs, options.dir, options.instance, warn);
    const journal = new Journal(options, scan);
    await journal.recovery.recover(true);
    journal.checkpoints.startTimer(() => journal.checkpointIfIdle());
    return journal;
  }

  get dir(): string {
    return this.options.dir;
  }

  /** The chain this journal writes. */
  get chainId(): string {
    return this.chain;
  }

  /** The last record on stable storage. */
  get head(): ChainHead {
    return this.group.durableHead;
  }

  status(): JournalStatus {
    const failure = this.recovery.failure;
    return {
      available: failure === null && !this.closed,
      error: this.closed ? 'the journal is closed' : (failure?.message ?? null),
      reason: this.recovery.reason,
      unavailableSince: this.recovery.unavailableSince,
      chain: this.chain,
      seq: this.group.durableHead.seq,
      segment: this.segments.number,
    };
  }

  /**
   * How far the shipper may read segment `n`: the synced length of the segment being written,
   * the cut-back point of a segment awaiting repair, everything of older segments.
   */
  readableLimit(n: number): number {
    return (
      this.segments.readableLimit(n) ?? this.repair.readableLimit(n) ?? Number.POSITIVE_INFINITY
    );
  }

  /** Called after every sync that made new records durable (the shipper listens). */
  onDurable(listener: () => void): void {
    this.group.onDurable(listener);
  }

  /**
   * Journals one record and resolves once it is on stable storage. Rejects with
   * AuditUnavailableError when the journal cannot be written.
   */
  async append(body: AuditRecordBody, document: string | null = null): Promise<AuditRecord> {
    if (this.closed) throw new AuditUnavailableError('the audit journal is closed');
    if (this.recovery.failure) {
      const recovered = this.recovery.retryDue && (await this.recovery.recover(false));
      if (!recovered) throw this.recovery.unavailable();
      if (this.closed) throw new AuditUnavailableError('the audit journal is closed');
    }
    return this.group.append(body, document);
  }

  /**
   * When unavailable, tries to recover now; resolves with the resulting status. The gateway's
   * health check calls this, so the journal recovers as soon as the disk is writable again.
   */
  async probe(): Promise<JournalStatus> {
    if (this.recovery.failure && !this.closed) await this.recovery.recover(false);
    return this.status();
  }

  /** Writes what is queued, signs a final checkpoint, closes the segment and releases the directory. */
  async close(): Promise<void> {
    if (this.closed) return;
    const draining = this.group.drain();
    if (draining) await draining;
    this.closed = true;
    this.group.stop();
    this.checkpoints.stopTimer();
    this.group.rejectPending(
      new AuditUnavailableError('the audit journal was closed before the record was written'),
    );
    await this.recovery.settled();
    await this.segments.closeCurrent();
    await this.recovery.releaseLock();
  }

  private checkpointIfIdle(): void {
    if (this.closed || this.recovery.failure || this.group.busy) return;
    if (this.checkpoints.intervalElapsed()) this.group.flushNow(true);
  }
}

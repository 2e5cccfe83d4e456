/**
 * The local, append-only audit journal with group commit: `append` resolves only once the
 * record is on stable storage, and many concurrent appends share one fdatasync.
 *
 * Appends take their place in the chain synchronously, in call order, and wait in a group. A
 * group is written and synced when it reaches `groupMaxRecords`, when `groupWindowMs` has
 * passed since its first record, or right after the previous group's sync (the sync's own
 * duration is the natural window under load). One write, one sync per group.
 *
 * Failure (disk full, permissions, read-only file system): the failed group and everything
 * queued behind it is rejected with AuditUnavailableError and the chain head goes back to the
 * last synced record, so the journal holds exactly the acknowledged records (plus, after a
 * crash, possibly some unacknowledged ones, which are still valid chain members). Recovery,
 * tried by `probe()` and by later appends at most every `retryIntervalMs`, cuts the segment
 * back to its last synced byte and starts a new segment; until then every append is refused.
 */
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { AuditRecord, AuditRecordBody } from '../../contracts/audit/audit-record';
import { AuditUnavailableError } from './audit-unavailable-error';
import { CheckpointSigner, signCheckpoint } from '../../contracts/audit/checkpoint';
import { encodeLine, JournalLine, SegmentHeader, segmentFileName, segmentNumbers, JOURNAL_FORMAT_VERSION } from './journal-format';
import { Repair, scanNewest, ScanResult } from './journal-scan';
import { JournalFile, JournalFs, nodeJournalFs } from './journal-fs';
import { acquireJournalLock, releaseJournalLock } from './journal-lock';
import { chainRecord, ChainHead, emptyChain } from '../../contracts/audit/record-chain';

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

interface Pending {
  readonly line: Buffer;
  readonly record: AuditRecord;
  readonly resolve: (record: AuditRecord) => void;
  readonly reject: (err: Error) => void;
}

interface OpenSegment {
  readonly number: number;
  readonly file: JournalFile;
  /** Bytes known to be on stable storage. */
  durable: number;
  /** Bytes handed to write(); differs from durable only while a group is in flight or after a failure. */
  written: number;
}

function compactTime(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}

/** Errors from node:fs may come from another realm (jest), so `instanceof Error` is not the test. */
function asError(err: unknown): Error {
  return typeof err === 'object' && err !== null && 'message' in err ? (err as Error) : new Error(String(err));
}

function errorCode(err: unknown): string | null {
  return (err as NodeJS.ErrnoException | undefined)?.code ?? null;
}

export class Journal {
  private readonly fs: JournalFs;
  private readonly windowMs: number;
  private readonly maxRecords: number;
  private readonly segmentBytes: number;
  private readonly checkpointEvery: number;
  private readonly checkpointIntervalMs: number;
  private readonly retryIntervalMs: number;
  private readonly now: () => Date;

  private chain: string;
  /** Head including records still waiting for their group's sync. */
  private assigned: ChainHead;
  /** Head of what is on stable storage. */
  private durableHead: ChainHead;
  private current: OpenSegment | null = null;
  /** The current segment had a failed write: it must be cut back to `durable` before anything else. */
  private broken = false;
  private repair: Repair | null;
  private emptySegments: number[];
  private nextSegment: number;
  private lockHeld = false;

  private pending: Pending[] = [];
  private flushing: Promise<void> | null = null;
  private groupTimer: NodeJS.Timeout | null = null;
  private checkpointTimer: NodeJS.Timeout | null = null;
  private recordsSinceCheckpoint: number;
  private lastCheckpointAt: number;
  private documentsInSegment = new Set<string>();

  private failure: Error | null = null;
  private unavailableSince: Date | null = null;
  private recovering: Promise<boolean> | null = null;
  private lastRecoveryAttempt = 0;
  private closed = false;
  private readonly durableListeners: Array<() => void> = [];

  private constructor(
    private readonly options: JournalOptions,
    scan: ScanResult,
  ) {
    this.fs = options.fs ?? nodeJournalFs;
    this.windowMs = options.groupWindowMs ?? 2;
    this.maxRecords = options.groupMaxRecords ?? 256;
    this.segmentBytes = options.segmentBytes ?? 64 * 1024 * 1024;
    this.checkpointEvery = options.checkpointEveryRecords ?? 1000;
    this.checkpointIntervalMs = options.checkpointIntervalMs ?? 60_000;
    this.retryIntervalMs = options.retryIntervalMs ?? 1000;
    this.now = options.now ?? (() => new Date());
    const created = this.now();
    this.chain = scan.chain ?? `${options.instance}/${compactTime(created)}-${randomBytes(3).toString('hex')}`;
    this.durableHead = scan.head ?? emptyChain(this.chain);
    this.assigned = this.durableHead;
    this.repair = scan.repair;
    this.emptySegments = scan.empty;
    this.nextSegment = scan.maxSegment + 1;
    this.recordsSinceCheckpoint = this.durableHead.seq - scan.lastCheckpointSeq;
    this.lastCheckpointAt = created.getTime();
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
    let names: string[] = [];
    try {
      names = await fs.list(options.dir);
    } catch (err) {
      if (errorCode(err) !== 'ENOENT') throw err;
    }
    const scan = await scanNewest(fs, options.dir, segmentNumbers(names), options.instance, warn);
    const journal = new Journal(options, scan);
    await journal.recover(true);
    journal.checkpointTimer = setInterval(() => journal.checkpointIfIdle(), Math.max(10, Math.min(journal.checkpointIntervalMs, 60_000)));
    journal.checkpointTimer.unref();
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
    return this.durableHead;
  }

  status(): JournalStatus {
    return {
      available: this.failure === null && !this.closed,
      error: this.closed ? 'the journal is closed' : (this.failure?.message ?? null),
      reason: errorCode(this.failure),
      unavailableSince: this.unavailableSince,
      chain: this.chain,
      seq: this.durableHead.seq,
      segment: this.current?.number ?? null,
    };
  }

  /**
   * How far the shipper may read segment `n`: the synced length of the segment being written,
   * the cut-back point of a segment awaiting repair, everything of older segments.
   */
  readableLimit(n: number): number {
    if (this.current && n === this.current.number) return this.current.durable;
    if (this.repair && n === this.repair.segment) return this.repair.offset;
    return Number.POSITIVE_INFINITY;
  }

  /** Called after every sync that made new records durable (the shipper listens). */
  onDurable(listener: () => void): void {
    this.durableListeners.push(listener);
  }

  /**
   * Journals one record and resolves once it is on stable storage. Rejects with
   * AuditUnavailableError when the journal cannot be written.
   */
  async append(body: AuditRecordBody, document: string | null = null): Promise<AuditRecord> {
    if (this.closed) throw new AuditUnavailableError('the audit journal is closed');
    if (this.failure) {
      const recovered = Date.now() - this.lastRecoveryAttempt >= this.retryIntervalMs && (await this.recover(false));
      if (!recovered) throw this.unavailable();
      if (this.closed) throw new AuditUnavailableError('the audit journal is closed');
    }
    // From here to the push nothing awaits: the chain position is taken in call order.
    const { record, head } = chainRecord(body, this.assigned);
    this.assigned = head;
    const line: JournalLine = { t: 'record', record };
    if (document !== null && record.documentHash && !this.documentsInSegment.has(record.documentHash)) {
      this.documentsInSegment.add(record.documentHash);
      (line as { document?: string }).document = document;
    }
    return new Promise<AuditRecord>((resolve, reject) => {
      this.pending.push({ line: encodeLine(line), record, resolve, reject });
      this.schedule();
    });
  }

  /**
   * When unavailable, tries to recover now; resolves with the resulting status. The gateway's
   * health check calls this, so the journal recovers as soon as the disk is writable again.
   */
  async probe(): Promise<JournalStatus> {
    if (this.failure && !this.closed) await this.recover(false);
    return this.status();
  }

  /** Writes what is queued, signs a final checkpoint, closes the segment and releases the directory. */
  async close(): Promise<void> {
    if (this.closed) return;
    while (this.pending.length > 0 || this.flushing) {
      if (this.failure) break;
      this.flushNow();
      if (this.flushing) await this.flushing;
    }
    if (!this.failure && this.recordsSinceCheckpoint > 0) {
      this.flushNow(true);
      if (this.flushing) await this.flushing;
    }
    this.closed = true;
    if (this.groupTimer) clearTimeout(this.groupTimer);
    if (this.checkpointTimer) clearInterval(this.checkpointTimer);
    this.rejectPending(new AuditUnavailableError('the audit journal was closed before the record was written'));
    if (this.recovering) await this.recovering;
    if (this.current) {
      const file = this.current.file;
      this.current = null;
      await file.close().catch(() => undefined);
    }
    if (this.lockHeld) await releaseJournalLock(this.fs, this.options.dir).catch(() => undefined);
    this.lockHeld = false;
  }

  private unavailable(): AuditUnavailableError {
    return new AuditUnavailableError(`the audit journal cannot be written: ${this.failure?.message ?? 'unknown error'}`, { cause: this.failure });
  }

  private schedule(): void {
    if (this.flushing) return;
    if (this.pending.length >= this.maxRecords) {
      this.flushNow();
    } else if (!this.groupTimer) {
      this.groupTimer = setTimeout(() => this.flushNow(), this.windowMs);
    }
  }

  private flushNow(forceCheckpoint = false): void {
    if (this.groupTimer) {
      clearTimeout(this.groupTimer);
      this.groupTimer = null;
    }
    if (this.flushing || this.failure || !this.current) return;
    if (this.pending.length === 0 && !(forceCheckpoint && this.recordsSinceCheckpoint > 0)) return;
    this.flushing = this.writeGroup(forceCheckpoint).finally(() => {
      this.flushing = null;
      // Appends that arrived during the sync form the next group straight away.
      if (this.pending.length > 0 && !this.failure && !this.closed) this.flushNow();
    });
  }

  private checkpointIfIdle(): void {
    if (this.closed || this.failure || this.flushing || this.pending.length > 0) return;
    if (this.recordsSinceCheckpoint > 0 && this.now().getTime() - this.lastCheckpointAt >= this.checkpointIntervalMs) this.flushNow(true);
  }

  private async writeGroup(forceCheckpoint: boolean): Promise<void> {
    const segment = this.current!;
    const group = this.pending.splice(0, this.pending.length);
    const buffers = group.map((p) => p.line);
    let head = this.durableHead;
    if (group.length > 0) {
      const last = group[group.length - 1].record;
      head = { chain: this.chain, seq: last.seq, hash: last.hash };
    }
    const since = this.recordsSinceCheckpoint + group.length;
    const now = this.now();
    const checkpointDue =
      since > 0 && (forceCheckpoint || since >= this.checkpointEvery || now.getTime() - this.lastCheckpointAt >= this.checkpointIntervalMs);
    if (checkpointDue) buffers.push(encodeLine({ t: 'checkpoint', checkpoint: signCheckpoint(head, now, this.options.signer) }));
    const data = Buffer.concat(buffers);
    try {
      segment.written += data.length;
      await segment.file.write(data);
      await segment.file.sync();
    } catch (err) {
      this.fail(err, group);
      return;
    }
    segment.durable = segment.written;
    this.durableHead = head;
    this.recordsSinceCheckpoint = checkpointDue ? 0 : since;
    if (checkpointDue) this.lastCheckpointAt = now.getTime();
    // Rotating before resolving keeps the journal's layout a function of what was acknowledged.
    let rotation: unknown = null;
    if (segment.durable >= this.segmentBytes) await this.rotate().catch((err: unknown) => (rotation = err ?? new Error('rotation failed')));
    for (const p of group) p.resolve(p.record);
    for (const listener of this.durableListeners) listener();
    // These records are safe; the next ones have no segment to go to.
    if (rotation) this.fail(rotation, []);
  }

  private fail(err: unknown, group: Pending[]): void {
    this.failure = asError(err);
    this.unavailableSince ??= new Date();
    this.broken = this.current !== null && this.current.written !== this.current.durable;
    // Records queued behind the failed group are chained onto it: they cannot be written either.
    const rejection = this.unavailable();
    for (const p of group) p.reject(rejection);
    this.rejectPending(rejection);
    this.assigned = this.durableHead;
  }

  private rejectPending(err: Error): void {
    const queued = this.pending.splice(0, this.pending.length);
    if (queued.length > 0) this.assigned = this.durableHead;
    for (const p of queued) p.reject(err);
  }

  private async rotate(): Promise<void> {
    const old = this.current!;
    this.current = null;
    await old.file.close();
    await this.startSegment();
  }

  /** Single-flight: concurrent callers share one attempt. */
  private recover(initial: boolean): Promise<boolean> {
    if (!this.recovering) {
      this.lastRecoveryAttempt = Date.now();
      this.recovering = this.tryRecover(initial).finally(() => {
        this.recovering = null;
      });
    }
    return this.recovering;
  }

  private async tryRecover(initial: boolean): Promise<boolean> {
    try {
      if (!this.lockHeld) {
        await this.fs.mkdir(this.options.dir);
        await acquireJournalLock(this.fs, this.options.dir);
        this.lockHeld = true;
      }
      if (this.current && this.broken) {
        // Cut back to the last synced byte: what lies beyond was refused to its callers.
        await this.current.file.truncate(this.current.durable);
        await this.current.file.sync();
        this.broken = false;
      }
      if (this.current) {
        const old = this.current;
        this.current = null;
        await old.file.close().catch(() => undefined);
      }
      await this.applyRepair();
      await this.startSegment();
      this.failure = null;
      this.unavailableSince = null;
      return true;
    } catch (err) {
      // A journal held by another process is a configuration error, not a full disk.
      if (initial && (err as Error).name === 'JournalInUseError') throw err;
      this.failure = asError(err);
      this.unavailableSince ??= new Date();
      return false;
    }
  }

  private async applyRepair(): Promise<void> {
    if (this.repair) {
      const file = await this.fs.openExisting(path.join(this.options.dir, segmentFileName(this.repair.segment)));
      try {
        await file.truncate(this.repair.offset);
        await file.sync();
      } finally {
        await file.close();
      }
      this.repair = null;
    }
    for (const n of this.emptySegments) await this.fs.remove(path.join(this.options.dir, segmentFileName(n)));
    if (this.emptySegments.length > 0) await this.fs.syncDir(this.options.dir);
    this.emptySegments = [];
  }

  /** A new segment opens with its header and, if the chain moved since the last checkpoint, a checkpoint. */
  private async startSegment(): Promise<void> {
    const number = this.nextSegment++;
    const file = path.join(this.options.dir, segmentFileName(number));
    const now = this.now();
    const header: SegmentHeader = {
      t: 'segment',
      v: JOURNAL_FORMAT_VERSION,
      segment: number,
      chain: this.chain,
      instance: this.options.instance,
      created: now.toISOString(),
      head: { seq: this.durableHead.seq, hash: this.durableHead.hash },
    };
    const lines = [encodeLine(header)];
    const checkpoint = this.recordsSinceCheckpoint > 0;
    if (checkpoint) lines.push(encodeLine({ t: 'checkpoint', checkpoint: signCheckpoint(this.durableHead, now, this.options.signer) }));
    const data = Buffer.concat(lines);
    const handle = await this.fs.create(file);
    try {
      await handle.write(data);
      await handle.sync();
      await this.fs.syncDir(this.options.dir);
    } catch (err) {
      await handle.close().catch(() => undefined);
      await this.fs.remove(file).catch(() => undefined);
      throw err;
    }
    this.current = { number, file: handle, durable: data.length, written: data.length };
    this.documentsInSegment.clear();
    if (checkpoint) {
      this.recordsSinceCheckpoint = 0;
      this.lastCheckpointAt = now.getTime();
    }
  }
}

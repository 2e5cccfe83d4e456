/**
 * Recovery: what the journal reads of a previous run when it opens, and how it becomes writable
 * again, at open and after a failure. Recovering takes the directory's lock, cuts a broken
 * segment back to its last synced byte, repairs a torn tail left by a crash, and starts a new
 * segment. Until that succeeds the journal is unavailable and refuses every append: the gateway
 * answers 503 rather than serve a request it cannot record.
 */
import { randomBytes } from 'node:crypto';
import type { ChainHead } from '../../contracts/audit/record-chain';
import { AuditUnavailableError } from './audit-unavailable-error';
import { segmentNumbers } from './journal-format';
import type { JournalFs } from './journal-fs';
import { acquireJournalLock, releaseJournalLock } from './journal-lock';
import type { TornTailRepair } from './journal-repair';
import { scanNewest, ScanResult } from './journal-scan';
import type { SegmentRotation } from './journal-segments';

function compactTime(d: Date): string {
  return d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

/** Errors from node:fs may come from another realm (jest), so `instanceof Error` is not the test. */
function asError(err: unknown): Error {
  return typeof err === 'object' && err !== null && 'message' in err
    ? (err as Error)
    : new Error(String(err));
}

function errorCode(err: unknown): string | null {
  return (err as NodeJS.ErrnoException | undefined)?.code ?? null;
}

/** Where the chain stands after the previous run in `dir`: only its newest segments are read. */
export async function readPreviousRun(
  fs: JournalFs,
  dir: string,
  instance: string,
  warn: (message: string) => void,
): Promise<ScanResult> {
  let names: string[] = [];
  try {
    names = await fs.list(dir);
  } catch (err) {
    if (errorCode(err) !== 'ENOENT') throw err;
  }
  return scanNewest(fs, dir, segmentNumbers(names), instance, warn);
}

/** The chain found on disk, else a new one named after the instance and the moment it starts. */
export function chainAtOpen(scan: ScanResult, instance: string, created: Date): string {
  return scan.chain ?? `${instance}/${compactTime(created)}-${randomBytes(3).toString('hex')}`;
}

export interface RecoveryParts {
  readonly fs: JournalFs;
  readonly dir: string;
  /** Minimum time between recovery attempts triggered by appends. */
  readonly retryIntervalMs: number;
  readonly segments: SegmentRotation;
  readonly repair: TornTailRepair;
  /** The last record on stable storage: the new segment starts there. */
  readonly durableHead: () => ChainHead;
}

export class JournalRecovery {
  private error: Error | null = null;
  private since: Date | null = null;
  private recovering: Promise<boolean> | null = null;
  private lastAttempt = 0;
  private lockHeld = false;

  constructor(private readonly parts: RecoveryParts) {}

  /** Why the journal cannot be written, or null when it can. */
  get failure(): Error | null {
    return this.error;
  }

  /** ENOSPC, EACCES, EROFS … of the failure. */
  get reason(): string | null {
    return errorCode(this.error);
  }

  get unavailableSince(): Date | null {
    return this.since;
  }

  /** An append may trigger a new attempt: the last one is `retryIntervalMs` ago. */
  get retryDue(): boolean {
    return Date.now() - this.lastAttempt >= this.parts.retryIntervalMs;
  }

  fail(err: unknown): void {
    this.error = asError(err);
    this.since ??= new Date();
  }

  unavailable(): AuditUnavailableError {
    return new AuditUnavailableError(
      `the audit journal cannot be written: ${this.error?.message ?? 'unknown error'}`,
      { cause: this.error },
    );
  }

  /** Single-flight: concurrent callers share one attempt. */
  recover(initial: boolean): Promise<boolean> {
    if (!this.recovering) {
      this.lastAttempt = Date.now();
      this.recovering = this.tryRecover(initial).finally(() => {
        this.recovering = null;
      });
    }
    return this.recovering;
  }

  /** Waits for an attempt under way. */
  async settled(): Promise<void> {
    if (this.recovering) await this.recovering;
  }

  async releaseLock(): Promise<void> {
    if (this.lockHeld)
      await releaseJournalLock(this.parts.fs, this.parts.dir).catch(() => undefined);
    this.lockHeld = false;
  }

  private async tryRecover(initial: boolean): Promise<boolean> {
    const { fs, dir, segments } = this.parts;
    try {
      if (!this.lockHeld) {
        await fs.mkdir(dir);
        await acquireJournalLock(fs, dir);
        this.lockHeld = true;
      }
      await segments.cutBackBroken();
      await segments.closeCurrent();
      await this.parts.repair.apply();
      await segments.start(this.parts.durableHead());
      this.error = null;
      this.since = null;
      return true;
    } catch (err) {
      // A journal held by another process is a configuration error, not a full disk.
      if (initial && (err as Error).name === 'JournalInUseError') throw err;
      this.fail(err);
      return false;
    }
  }
}

/**
 * Ships journalled records to the audit database in batches, in journal order, each once. This
 * file holds the rounds, retries and the database; journal-batch-reader.ts reads a batch and
 * journal-ship-cursor.ts keeps the position.
 *
 * Its position is a cursor file (segment number and byte offset) beside the segments, written
 * after each committed batch; on start it resumes from there, so whatever the last run had not
 * shipped (the database was down, the process was killed) is shipped now. A crash between a
 * commit and the cursor write ships that batch again, which the database ignores (the inserts
 * skip existing keys). While the database is unreachable records simply wait in the journal;
 * the shipper retries with backoff and never holds up a request.
 *
 * Shipped segments are deleted (unless kept by configuration) once the cursor has moved into a
 * later segment, whose header carries the chain head forward.
 */
import { Knex } from 'knex';
import { ShipBatch, storeBatch } from './audit-store';
import { JournalBatchReader, ReadableJournal, ShipCursor } from './journal-batch-reader';
import { JournalFs, nodeJournalFs } from './journal-fs';
import { ShipCursorFile } from './journal-ship-cursor';

export { CURSOR_FILE } from './journal-ship-cursor';
export type { ShipCursor } from './journal-batch-reader';

/** What the shipper needs from the journal that writes the directory. */
export interface ShipperSource extends ReadableJournal {
  onDurable(listener: () => void): void;
}

export interface ShipperOptions {
  readonly source: ShipperSource;
  /** Opens (and migrates) the audit database; called again after a failure to connect. */
  readonly connect: () => Promise<Knex>;
  /** Names the database in the cursor file: a cursor for another database starts over. */
  readonly target: string;
  readonly fs?: JournalFs;
  /** Records per database transaction. @default 500 */
  readonly batchRecords?: number;
  /** Bytes read from a segment at a time. @default 4 MiB */
  readonly readBytes?: number;
  /** First retry delay after a failure; doubles up to retryMaxMs. @default 500 */
  readonly retryMinMs?: number;
  /** @default 30000 */
  readonly retryMaxMs?: number;
  /**
   * Least time between the starts of two rounds that new records trigger. A round per fsync
   * group would pay a round's fixed costs (a transaction, the cursor's fsync, directory
   * listings) hundreds of times a second on the gateway's event loop; waiting lets batches grow
   * instead. The records are durable in the journal meanwhile. @default 250
   */
  readonly intervalMs?: number;
  /**
   * Makes committed rows durable before shipped segments are deleted (the embedded database
   * commits without fsync: ShippingDatabase.makeShippedDurable). @default nothing (MariaDB commits durably)
   */
  readonly makeShippedDurable?: () => Promise<void>;
  /**
   * Runs after each batch is committed, on the same connection (the embedded database folds
   * pending subject rows there when its thread cannot: ShippingDatabase.afterStore). @default nothing
   */
  readonly afterStore?: (db: Knex) => Promise<void>;
  /**
   * Writes a batch into the database (ShippingDatabase.store: on the embedded database its
   * own thread does). @default storeBatch through the connection
   */
  readonly store?: (db: Knex, batch: ShipBatch) => Promise<void>;
  /** Keep segments after shipping them. @default false */
  readonly keepShipped?: boolean;
  readonly onWarning?: (message: string) => void;
}

export interface ShipperStatus {
  /** The audit database answered the last attempt. */
  readonly connected: boolean;
  readonly lastError: string | null;
  readonly lastErrorAt: Date | null;
  readonly lastShippedAt: Date | null;
  /** Records shipped by this process. */
  readonly shippedRecords: number;
  /** Sequence number of the last record this process shipped; null before the first. */
  readonly lastShippedSeq: number | null;
  /** The last drain found nothing more to ship. */
  readonly caughtUp: boolean;
  readonly cursor: ShipCursor | null;
}

/** SQLite answered SQLITE_BUSY: a connection that does not wait found the write lock taken. */
function lockTaken(err: unknown): boolean {
  return String((err as { code?: unknown } | null)?.code ?? '').startsWith('SQLITE_BUSY');
}

/** How long a drain waits for a taken lock, in steps of LOCK_RETRY_MS, before the round gives up. */
const LOCK_WAIT_MS = 5000;
const LOCK_RETRY_MS = 20;

/** A round that met a taken lock; the records wait in the journal for the next round. */
export class LockTaken extends Error {
  constructor() {
    super('the audit database is locked by another writer; shipping on the next round');
  }
}

export class JournalShipper {
  private readonly reader: JournalBatchReader;
  private readonly cursorFile: ShipCursorFile;
  private readonly retryMinMs: number;
  private readonly retryMaxMs: number;
  private readonly intervalMs: number;
  private lastRound = 0;
  private intervalTimer: NodeJS.Timeout | null = null;
  private db: Knex | null = null;
  private connecting: Promise<Knex> | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private retryDelay: number;
  private stopped = false;
  private started = false;
  private readonly warned = new Set<string>();
  private state = {
    connected: false,
    lastError: null as string | null,
    lastErrorAt: null as Date | null,
    lastShippedAt: null as Date | null,
    shippedRecords: 0,
    lastShippedSeq: null as number | null,
    caughtUp: false,
  };

  constructor(private readonly options: ShipperOptions) {
    const fs: JournalFs = options.fs ?? nodeJournalFs;
    const warn = (key: string, message: string) => this.warn(key, message);
    this.reader = new JournalBatchReader({
      fs,
      source: options.source,
      batchRecords: options.batchRecords ?? 500,
      readBytes: options.readBytes ?? 4 * 1024 * 1024,
      warn,
    });
    this.cursorFile = new ShipCursorFile({
      fs,
      dir: options.source.dir,
      target: options.target,
      keepShipped: options.keepShipped ?? false,
      file: (n) => this.reader.file(n),
      warn,
    });
    this.retryMinMs = options.retryMinMs ?? 500;
    this.retryMaxMs = options.retryMaxMs ?? 30_000;
    this.intervalMs = options.intervalMs ?? 250;
    this.retryDelay = this.retryMinMs;
    options.source.onDurable(() => this.kick());
  }

  /** Ships in the background from now on: at once (replay), after every sync, and on retry. */
  start(): void {
    this.started = true;
    this.kick();
  }

  status(): ShipperStatus {
    return { ...this.state, cursor: this.cursorFile.current };
  }

  /**
   * Ships everything shippable now and resolves with the number of records shipped; rejects
   * when the database cannot be reached (the records stay in the journal).
   */
  async drain(): Promise<number> {
    while (this.running) await this.running.catch(() => undefined);
    const progress = { shipped: 0 };
    const run = (async () => {
      // A fold holds the embedded database's lock some tens of milliseconds: wait it out here
      // (between attempts, not inside the driver) rather than fail the drain.
      for (let waited = 0; ; waited += LOCK_RETRY_MS) {
        try {
          return await this.shipAll(progress);
        } catch (err) {
          if (!(err instanceof LockTaken) || waited >= LOCK_WAIT_MS || this.stopped) throw err;
          // Like every timer of the shipper, this one never holds a stopping process open.
          await new Promise((resolve) => setTimeout(resolve, LOCK_RETRY_MS).unref());
        }
      }
    })();
    this.running = run;
    try {
      await run;
    } finally {
      if (this.running === run) this.running = null;
    }
    return progress.shipped;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.intervalTimer) clearTimeout(this.intervalTimer);
    while (this.running) await this.running.catch(() => undefined);
    if (this.connecting) await this.connecting.catch(() => undefined);
    const db = this.db;
    this.db = null;
    if (db) await db.destroy();
  }

  private kick(): void {
    if (!this.started || this.stopped || this.retryTimer) return;
    if (this.running) {
      this.again = true;
      return;
    }
    const since = Date.now() - this.lastRound;
    // A clock set back (an NTP step, a simulated year) must not hold shipping until it catches up.
    const wait = since < 0 ? 0 : this.intervalMs - since;
    if (wait > 0) {
      this.intervalTimer ??= setTimeout(() => {
        this.intervalTimer = null;
        this.kick();
      }, wait);
      this.intervalTimer.unref();
      return;
    }
    this.again = false;
    this.lastRound = Date.now();
    this.drain().then(
      () => {
        this.retryDelay = this.retryMinMs;
        if (this.again) this.kick();
      },
      // A taken lock is tried again a round later, not backed off from like a lost database.
      (err) => (err instanceof LockTaken ? this.kick() : this.scheduleRetry()),
    );
  }

  private scheduleRetry(): void {
    if (this.stopped) return;
    const delay = this.retryDelay;
    this.retryDelay = Math.min(this.retryMaxMs, this.retryDelay * 2);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.kick();
    }, delay);
    this.retryTimer.unref();
  }

  private warn(key: string, message: string): void {
    if (this.warned.has(key)) return;
    this.warned.add(key);
    this.options.onWarning?.(message);
  }

  private async database(): Promise<Knex> {
    if (this.db) return this.db;
    this.connecting ??= this.options.connect().finally(() => {
      this.connecting = null;
    });
    this.db = await this.connecting;
    return this.db;
  }

  private async shipAll(progress: { shipped: number }): Promise<void> {
    try {
      const db = await this.database();
      let cursor = await this.cursorFile.load();
      for (;;) {
        if (this.stopped) break;
        const read = await this.reader.read(cursor);
        const { batch } = read;
        if (batch.records.length > 0 || batch.checkpoints.length > 0 || batch.documents.size > 0) {
          await (this.options.store ?? storeBatch)(db, batch);
          await this.options.afterStore?.(db);
        }
        if (read.next.segment !== cursor.segment || read.next.offset !== cursor.offset) {
          cursor = read.next;
          await this.cursorFile.save(cursor);
          await this.cursorFile.removeShipped(cursor, this.options.makeShippedDurable);
        }
        progress.shipped += batch.records.length;
        this.state.shippedRecords += batch.records.length;
        if (batch.records.length > 0) {
          this.state.lastShippedAt = new Date();
          this.state.lastShippedSeq = batch.records[batch.records.length - 1].seq;
        }
        this.state.connected = true;
        if (!read.progressed) break;
      }
      this.state.caughtUp = true;
      this.state.lastError = null;
    } catch (err) {
      this.state.caughtUp = false;
      // Another writer holds the embedded database's lock (its thread folding): no outage.
      if (lockTaken(err)) throw new LockTaken();
      this.state.connected = false;
      // Driver errors can quote a whole multi-row statement: keep the health report readable.
      const message = String((err as Error)?.message ?? err);
      this.state.lastError = message.length > 300 ? `${message.slice(0, 300)}…` : message;
      this.state.lastErrorAt = new Date();
      throw err;
    }
  }
}

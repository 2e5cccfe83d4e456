/**
 * Ships journalled records to the audit database in batches, in journal order, each once.
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
import path from 'node:path';
import { Knex } from 'knex';
import type { AuditRecord } from '../../contracts/audit/audit-record';
import { ShipBatch, storeBatch } from './audit-store';
import type { Checkpoint } from '../../contracts/audit/checkpoint';
import { parseChunk, segmentFileName, segmentNumbers } from './journal-format';
import { JournalFs, nodeJournalFs } from './journal-fs';

export const CURSOR_FILE = 'ship-cursor.json';

/** What the shipper needs from the journal that writes the directory. */
export interface ShipperSource {
  readonly dir: string;
  /** Bytes of segment `n` that are on stable storage and may be shipped. */
  readableLimit(n: number): number;
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
  /** Keep segments after shipping them. @default false */
  readonly keepShipped?: boolean;
  readonly onWarning?: (message: string) => void;
}

export interface ShipCursor {
  readonly segment: number;
  readonly offset: number;
}

export interface ShipperStatus {
  /** The audit database answered the last attempt. */
  readonly connected: boolean;
  readonly lastError: string | null;
  readonly lastErrorAt: Date | null;
  readonly lastShippedAt: Date | null;
  /** Records shipped by this process. */
  readonly shippedRecords: number;
  /** The last drain found nothing more to ship. */
  readonly caughtUp: boolean;
  readonly cursor: ShipCursor | null;
}

interface ReadResult {
  readonly batch: ShipBatch;
  readonly next: ShipCursor;
  /** False when there is nothing more to read now. */
  readonly progressed: boolean;
}

const EMPTY: ShipBatch = { records: [], documents: new Map(), checkpoints: [] };

/** The first `n` complete lines of `chunk` (all of it when it has fewer). */
function firstLines(chunk: Buffer, n: number): Buffer {
  let end = -1;
  for (let i = 0; i < n; i++) {
    end = chunk.indexOf(0x0a, end + 1);
    if (end < 0) return chunk;
  }
  return chunk.subarray(0, end + 1);
}

export class JournalShipper {
  private readonly fs: JournalFs;
  private readonly batchRecords: number;
  private readonly readBytes: number;
  private readonly retryMinMs: number;
  private readonly retryMaxMs: number;
  private readonly intervalMs: number;
  private lastRound = 0;
  private intervalTimer: NodeJS.Timeout | null = null;
  private db: Knex | null = null;
  private connecting: Promise<Knex> | null = null;
  private cursor: ShipCursor | null = null;
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
    caughtUp: false,
  };

  constructor(private readonly options: ShipperOptions) {
    this.fs = options.fs ?? nodeJournalFs;
    this.batchRecords = options.batchRecords ?? 500;
    this.readBytes = options.readBytes ?? 4 * 1024 * 1024;
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
    return { ...this.state, cursor: this.cursor };
  }

  /**
   * Ships everything shippable now and resolves with the number of records shipped; rejects
   * when the database cannot be reached (the records stay in the journal).
   */
  async drain(): Promise<number> {
    while (this.running) await this.running.catch(() => undefined);
    let shipped = 0;
    const run = (async () => {
      shipped = await this.shipAll();
    })();
    this.running = run;
    try {
      await run;
    } finally {
      if (this.running === run) this.running = null;
    }
    return shipped;
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
    const wait = this.lastRound + this.intervalMs - Date.now();
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
      () => this.scheduleRetry(),
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

  private file(n: number): string {
    return path.join(this.options.source.dir, segmentFileName(n));
  }

  private async shipAll(): Promise<number> {
    let shipped = 0;
    try {
      const db = await this.database();
      let cursor = await this.loadCursor();
      for (;;) {
        if (this.stopped) break;
        const read = await this.readBatch(cursor);
        const { batch } = read;
        if (batch.records.length > 0 || batch.checkpoints.length > 0 || batch.documents.size > 0) await storeBatch(db, batch);
        if (read.next.segment !== cursor.segment || read.next.offset !== cursor.offset) {
          cursor = read.next;
          await this.saveCursor(cursor);
          await this.removeShipped(cursor);
        }
        shipped += batch.records.length;
        this.state.shippedRecords += batch.records.length;
        if (batch.records.length > 0) this.state.lastShippedAt = new Date();
        this.state.connected = true;
        if (!read.progressed) break;
      }
      this.state.caughtUp = true;
      this.state.lastError = null;
      return shipped;
    } catch (err) {
      this.state.connected = false;
      this.state.caughtUp = false;
      // Driver errors can quote a whole multi-row statement: keep the health report readable.
      const message = String((err as Error)?.message ?? err);
      this.state.lastError = message.length > 300 ? `${message.slice(0, 300)}…` : message;
      this.state.lastErrorAt = new Date();
      throw err;
    }
  }

  private async loadCursor(): Promise<ShipCursor> {
    if (this.cursor) return this.cursor;
    const text = await this.fs.readText(path.join(this.options.source.dir, CURSOR_FILE));
    let cursor: ShipCursor = { segment: 0, offset: 0 };
    if (text !== null) {
      try {
        const saved = JSON.parse(text) as { target?: unknown; segment?: unknown; offset?: unknown };
        if (saved.target === this.options.target && Number.isSafeInteger(saved.segment) && Number.isSafeInteger(saved.offset)) {
          cursor = { segment: saved.segment as number, offset: saved.offset as number };
        } else if (saved.target !== this.options.target) {
          this.warn(`target:${String(saved.target)}`, `audit shipper: the cursor was for ${String(saved.target)}; shipping the whole journal to ${this.options.target}`);
        }
      } catch {
        this.warn('cursor', `audit shipper: ${CURSOR_FILE} is unreadable; shipping the whole journal again (duplicates are ignored)`);
      }
    }
    this.cursor = cursor;
    return cursor;
  }

  private async saveCursor(cursor: ShipCursor): Promise<void> {
    const text = `${JSON.stringify({ v: 1, target: this.options.target, segment: cursor.segment, offset: cursor.offset, updated: new Date().toISOString() })}\n`;
    await this.fs.replaceFile(path.join(this.options.source.dir, CURSOR_FILE), text);
    this.cursor = cursor;
  }

  /** Segments wholly behind the cursor, once the cursor's segment (and its header) has been read. */
  private async removeShipped(cursor: ShipCursor): Promise<void> {
    if (this.options.keepShipped || cursor.offset === 0) return;
    const old = segmentNumbers(await this.fs.list(this.options.source.dir)).filter((n) => n < cursor.segment);
    if (old.length === 0) return;
    // The cursor must survive a crash before the segments it points past disappear.
    await this.fs.syncDir(this.options.source.dir);
    for (const n of old) await this.fs.remove(this.file(n));
  }

  private async readBatch(from: ShipCursor): Promise<ReadResult> {
    const numbers = segmentNumbers(await this.fs.list(this.options.source.dir));
    let cursor = from;
    if (!numbers.includes(cursor.segment)) {
      const next = numbers.find((n) => n > cursor.segment);
      if (next === undefined) return { batch: EMPTY, next: cursor, progressed: false };
      cursor = { segment: next, offset: 0 };
    }
    const hasNewer = numbers.some((n) => n > cursor.segment);
    const moveOn = (): ReadResult => {
      const next = numbers.find((n) => n > cursor.segment)!;
      return { batch: EMPTY, next: { segment: next, offset: 0 }, progressed: true };
    };
    const size = (await this.fs.size(this.file(cursor.segment))) ?? 0;
    const limit = Math.min(size, this.options.source.readableLimit(cursor.segment));
    if (cursor.offset >= limit) {
      // An older segment is finished once everything in it has been read.
      if (hasNewer && limit >= size) return moveOn();
      return { batch: EMPTY, next: cursor, progressed: cursor !== from };
    }
    let want = Math.min(limit - cursor.offset, this.readBytes);
    // Only the lines one batch can take are parsed: after an outage the backlog is many reads
    // long, and parsing all of each read for one batch of it would parse it many times over.
    const read = async () => parseChunk(firstLines(await this.fs.read(this.file(cursor.segment), cursor.offset, want), this.batchRecords), cursor.offset);
    let parsed = await read();
    // A line longer than one read: read more until it ends or the readable part does.
    while (parsed.lines.length === 0 && !parsed.bad && parsed.incompleteBytes > 0 && cursor.offset + want < limit) {
      want = Math.min(limit - cursor.offset, want * 2);
      parsed = await read();
    }
    if (parsed.lines.length === 0) {
      const at = parsed.bad?.offset ?? parsed.end;
      const why = parsed.bad ? parsed.bad.reason : 'an incomplete last line';
      if (hasNewer) {
        this.warn(`${cursor.segment}:${at}`, `audit journal ${segmentFileName(cursor.segment)}: ${why} at byte ${at}; the rest of this segment is not shipped (it was never acknowledged, or it is damaged)`);
        return moveOn();
      }
      this.warn(`${cursor.segment}:${at}`, `audit journal ${segmentFileName(cursor.segment)}: ${why} at byte ${at}; shipping waits here`);
      return { batch: EMPTY, next: cursor, progressed: cursor !== from };
    }
    const records: AuditRecord[] = [];
    const documents = new Map<string, string>();
    const checkpoints: Checkpoint[] = [];
    let end = cursor.offset;
    for (const { line, end: lineEnd } of parsed.lines) {
      if (records.length >= this.batchRecords) break;
      if (line.t === 'record') {
        records.push(line.record);
        if (line.document !== undefined && line.record.documentHash) documents.set(line.record.documentHash, line.document);
      } else if (line.t === 'checkpoint') {
        checkpoints.push(line.checkpoint);
      } else if (cursor.offset !== 0 || end !== 0) {
        this.warn(`${cursor.segment}:header`, `audit journal ${segmentFileName(cursor.segment)}: a segment header in the middle of the segment`);
      }
      end = lineEnd;
    }
    return { batch: { records, documents, checkpoints }, next: { segment: cursor.segment, offset: end }, progressed: true };
  }
}

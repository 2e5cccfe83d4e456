/**
 * Checkpoints the embedded audit database from a thread of its own, and folds its pending
 * subject rows into the lookup table there (contracts/audit/subject-index.ts).
 *
 * In WAL mode SQLite copies committed pages from the write-ahead log back into the database file
 * (a checkpoint) inside whichever commit pushes the log past `wal_autocheckpoint` pages. The
 * shipper commits on the gateway's thread, and a people-page batch dirties a page per subject
 * row (the (subject_hash, time) index takes them at random places), so nearly every commit paid
 * for a checkpoint too: about 70% of a round's time, with every request in flight waiting on it.
 *
 * Here a worker thread with its own connection runs PASSIVE checkpoints on a timer. PASSIVE
 * never waits for, nor blocks, the shipper or the audit subgraph's readers; a page rewritten by
 * several commits between two checkpoints is copied once. The shipper's connection keeps an
 * automatic checkpoint at a much larger log (FALLBACK_AUTOCHECKPOINT_PAGES), so a thread that
 * cannot start or dies costs pauses again, never an unbounded log.
 *
 * Folding, when asked for: once pending rows reach `fold.rows`, or `fold.afterMs` after they
 * began to wait, the thread moves them into the recent lookup table in one transaction (the rows
 * of at most FOLD_MAX_RECORDS records each), sorted, so each page of it is written once per fold
 * rather than once per row; once that table holds `fold.mergeRows` rows they are merged into the
 * lookup, a range of hashes per transaction (contracts/audit/subject-index.ts). It takes the
 * write lock without waiting: while another connection writes (the shipper's own, when the
 * thread does not store for it) it tries again on the next tick, and that shipper, finding the lock taken, ships on
 * its next round (JournalShipper).
 *
 * Storing, when asked: the shipper's batches are inserted here too (`store`), so the inserts of a
 * round (a people page adds fifty subject rows a record) take none of the event loop's time; the
 * gateway only turns the batch into rows and posts them. The thread does one thing at a time,
 * so its folds never find the lock taken by its own stores. When the thread is gone, a store is
 * refused with ThreadGone and the caller writes through its own connection
 * (ShippingDatabase.store).
 *
 * Priority, when asked (`niceness`): none of this is on a response's path (a record is durable
 * once its journal line is synced), so on a busy machine the thread may wait for the CPU while
 * requests are served, and catch up between them. Its work is under a tenth of a core at full
 * load (BENCHMARKS.md), inside what a nice thread still gets when every core is busy; a lag
 * shows in GET /health as shipping not caught up.
 */
import { Worker } from 'node:worker_threads';
import type { InsertGroup } from './audit-store';
import {
  FOLD_MAX_RECORDS,
  FOLD_SQL,
  MERGE_BOUNDS,
  MERGE_ROWS,
  MERGE_SQL,
} from '../../contracts/audit/subject-index';
import { WAL_SIZE_LIMIT_BYTES } from '../../contracts/database/database';

/**
 * Between checkpoints the log takes every commit's pages; a checkpoint copies each page once,
 * however many commits rewrote it (the tails of the tables, the hot index pages). Every 5 s
 * rather than every second halved the checkpoints' share of storing people-page records (about
 * 150 to 75 µs a record, BENCHMARKS.md) for a log of some tens of MiB at full load.
 */
export const CHECKPOINT_INTERVAL_MS = 5000;

/** Pages (of 4 KiB) the log may reach before the shipper's own commit checkpoints: 128 MiB. */
export const FALLBACK_AUTOCHECKPOINT_PAGES = 32_768;

export interface FoldSettings {
  /** Pending rows that start a fold. */
  readonly rows: number;
  /** Longest a pending row waits for a fold. */
  readonly afterMs: number;
  /** Recent rows that start a merge into the lookup (subject-index.ts). @default MERGE_ROWS */
  readonly mergeRows?: number;
}

export interface SqliteCheckpointerOptions {
  /** Time between two checkpoints. @default CHECKPOINT_INTERVAL_MS */
  readonly intervalMs?: number;
  /** Fold pending subject rows too (the file must hold the audit tables). @default no folding */
  readonly fold?: FoldSettings;
  /** The thread failed or stopped on its own: checkpoints fall back to the shipper's commits. */
  readonly onWarning?: (message: string) => void;
  /**
   * Nice value of the thread (Linux): above 0 it yields the CPU to the threads that answer
   * requests. @default 0 (the process's own priority)
   */
  readonly niceness?: number;
}

/**
 * Plain JavaScript evaluated in the worker: no TypeScript loader in the thread, no module of the
 * gateway's, only the driver. A failed checkpoint is reported and the thread goes on; the next
 * attempt, an interval later, usually succeeds (SQLITE_BUSY from a concurrent checkpoint).
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
// Linux schedules each thread with its own nice value; /proc/thread-self names this one. Where
// either is missing the thread runs at the process's priority.
let niceness = null;
if (workerData.niceness) {
  try {
    const os = require('node:os');
    const tid = Number(require('node:fs').readlinkSync('/proc/thread-self').split('/').pop());
    os.setPriority(tid, workerData.niceness);
    niceness = os.getPriority(tid);
  } catch {}
}
let db;
try {
  db = new Database(workerData.file, { fileMustExist: true });
  db.pragma('busy_timeout = 0');
  db.pragma('synchronous = NORMAL');
  // This connection starts the log over too (its stores, folds and merges).
  db.pragma('journal_size_limit = ' + workerData.walSizeLimit);
} catch (err) {
  // The driver's error class does not survive the trip to the main thread: send its words.
  parentPort.postMessage({ type: 'unusable', message: String(err && err.message || err) });
  process.exit(1);
}
let fold = null;
if (workerData.fold) {
  const sql = workerData.fold.sql;
  const last = db.prepare(sql.last).pluck();
  const insert = db.prepare(sql.insert);
  const remove = db.prepare(sql.remove);
  const waiting = db.prepare(sql.waiting);
  const once = db.transaction((upTo) => {
    const { changes } = insert.run(upTo);
    remove.run(upTo);
    return changes;
  });
  const merge = workerData.fold.merge;
  const countRecent = db.prepare(merge.sql.count).pluck();
  const move = db.prepare(merge.sql.move);
  const removeMoved = db.prepare(merge.sql.remove);
  const range = db.transaction((bound) => {
    move.run(bound);
    removeMoved.run(bound);
  });
  // Counted once, then kept up by what folds add: deletions only make a merge come early.
  let recent = null;
  let waitingSince = null;
  fold = () => {
    const { n, newest } = waiting.get();
    const now = Date.now();
    if (newest === null) waitingSince = null;
    else {
      if (waitingSince === null) waitingSince = now;
      if (n >= workerData.fold.rows || now - waitingSince >= workerData.fold.afterMs) {
        if (recent === null) recent = countRecent.get();
        // Up to the newest record pending now: records stored meanwhile wait for the next tick.
        for (;;) {
          const upTo = last.get(workerData.fold.maxRecords);
          if (upTo === null) break;
          recent += once.immediate(upTo);
          if (upTo >= newest) break;
        }
        waitingSince = null;
        parentPort.postMessage({ type: 'fold', ms: Date.now() - now });
      }
    }
    // A merge cut short (the lock was taken) starts again at the next tick; the ranges it moved are empty by then.
    if (recent === null || recent < merge.rows) return;
    const started = Date.now();
    for (const bound of merge.bounds) range.immediate(bound);
    recent = countRecent.get();
    parentPort.postMessage({ type: 'merge', ms: Date.now() - started });
  };
}
const busy = (err) => String(err && err.code || '').startsWith('SQLITE_BUSY');
let failures = 0;
let foldFailures = 0;
const timer = setInterval(() => {
  if (fold) {
    try {
      fold();
      foldFailures = 0;
    } catch (err) {
      // The shipper holds the write lock: the next tick tries again.
      if (!busy(err) && ++foldFailures === 1) parentPort.postMessage({ type: 'fold-failed', message: String(err && err.message || err) });
    }
  }
  try {
    const [result] = db.pragma('wal_checkpoint(PASSIVE)');
    failures = 0;
    parentPort.postMessage({ type: 'checkpoint', result });
  } catch (err) {
    if (++failures === 1) parentPort.postMessage({ type: 'failed', message: String(err && err.message || err) });
  }
}, workerData.intervalMs);
const inserts = new Map();
const insertOf = (sql) => {
  let statement = inserts.get(sql);
  if (!statement) {
    if (inserts.size >= 200) inserts.clear();
    inserts.set(sql, (statement = db.prepare(sql)));
  }
  return statement;
};
const store = db.transaction((groups) => {
  for (const group of groups) {
    const statement = insertOf(group.sql);
    const values = group.values;
    for (let i = 0; i < values.length; i += group.parameters) statement.run(values.slice(i, i + group.parameters));
  }
});
parentPort.on('message', (m) => {
  if (m && m.type === 'store') {
    try {
      store.immediate(m.groups);
      parentPort.postMessage({ type: 'stored', id: m.id });
    } catch (err) {
      parentPort.postMessage({ type: 'store-failed', id: m.id, message: String(err && err.message || err), code: (err && err.code) || null });
    }
    return;
  }
  if (m !== 'stop') return;
  clearInterval(timer);
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch {}
  db.close();
  parentPort.close();
});
parentPort.postMessage({ type: 'ready', niceness });
`;

interface ThreadMessage {
  readonly type: string;
  readonly message?: string;
  readonly result?: CheckpointResult;
  readonly ms?: number;
  readonly id?: number;
  readonly code?: string | null;
  readonly niceness?: number | null;
}

export interface CheckpointResult {
  readonly busy: number;
  readonly log: number;
  readonly checkpointed: number;
}

/** A store the thread can no longer take: it failed, exited or is stopping. */
export class ThreadGone extends Error {
  constructor() {
    super("the audit database's thread is not running");
  }
}

interface StoreReply {
  readonly resolve: () => void;
  readonly reject: (err: Error) => void;
}

export class SqliteCheckpointer {
  private stopping = false;
  private ended = false;
  private readonly listeners = new Set<(result: CheckpointResult) => void>();
  private readonly foldListeners = new Set<(ms: number) => void>();
  private readonly stores = new Map<number, StoreReply>();
  private lastStore = 0;

  private constructor(
    private readonly worker: Worker,
    /** The thread's nice value once lowered; null when it runs at the process's priority. */
    readonly niceness: number | null,
  ) {}

  /** Starts the thread and resolves once its connection is open; rejects if it cannot start. */
  static start(file: string, options: SqliteCheckpointerOptions = {}): Promise<SqliteCheckpointer> {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        driver: require.resolve('better-sqlite3'),
        file,
        intervalMs: options.intervalMs ?? CHECKPOINT_INTERVAL_MS,
        walSizeLimit: WAL_SIZE_LIMIT_BYTES,
        fold: options.fold && {
          ...options.fold,
          maxRecords: FOLD_MAX_RECORDS,
          sql: FOLD_SQL,
          merge: {
            rows: options.fold.mergeRows ?? MERGE_ROWS,
            bounds: MERGE_BOUNDS,
            sql: MERGE_SQL,
          },
        },
        niceness: options.niceness ?? 0,
      },
    });
    // A background helper: it must never keep a stopping gateway alive.
    worker.unref();
    const warn = options.onWarning ?? (() => undefined);
    return new Promise((resolve, reject) => {
      let checkpointer: SqliteCheckpointer | null = null;
      worker.on('message', (m: ThreadMessage) => {
        if (m.type === 'ready')
          resolve((checkpointer = new SqliteCheckpointer(worker, m.niceness ?? null)));
        else if ((m.type === 'stored' || m.type === 'store-failed') && checkpointer)
          checkpointer.settle(m);
        else if (m.type === 'fold' && checkpointer)
          for (const listener of checkpointer.foldListeners) listener(m.ms ?? 0);
        else if (m.type === 'unusable')
          reject(new Error(`the checkpoint thread cannot open ${file}: ${m.message}`));
        else if (m.type === 'checkpoint' && checkpointer && m.result)
          for (const listener of checkpointer.listeners) listener(m.result);
        else if (m.type === 'failed')
          warn(`checkpointing the audit database failed (${m.message}); retrying every interval`);
        else if (m.type === 'fold-failed')
          warn(
            `folding subject rows into the audit database's lookup failed (${m.message}); retrying every interval, lookups read the waiting rows meanwhile`,
          );
      });
      let failed = false;
      worker.on('error', (err) => {
        if (!checkpointer) return reject(err);
        checkpointer.end();
        failed = true;
        warn(
          `the audit database's checkpoint thread failed (${err.message}); the shipper writes its batches itself, and its commits checkpoint the log past ${FALLBACK_AUTOCHECKPOINT_PAGES} pages`,
        );
      });
      worker.on('exit', (code) => {
        checkpointer?.end();
        if (!checkpointer)
          return reject(new Error(`checkpoint thread exited (${code}) before it started`));
        // An error was reported already; its exit need not be.
        if (!checkpointer.stopping && !failed)
          warn(
            `the audit database's checkpoint thread stopped (exit ${code}); the shipper writes its batches itself, and its commits checkpoint the log past ${FALLBACK_AUTOCHECKPOINT_PAGES} pages`,
          );
      });
    });
  }

  /** The thread runs: false once it failed, exited or was stopped. */
  get alive(): boolean {
    return !this.ended && !this.stopping;
  }

  /**
   * Inserts the groups' rows in one transaction on the thread (INSERT OR IGNORE: a batch stored
   * twice leaves one row each). Resolves once committed; rejects with the driver's error and
   * code (SQLITE_BUSY: another connection holds the lock), or with ThreadGone.
   */
  store(groups: readonly InsertGroup[]): Promise<void> {
    if (!this.alive) return Promise.reject(new ThreadGone());
    const id = ++this.lastStore;
    // Awaited work: the process must not exit before the thread answers.
    if (this.stores.size === 0) this.worker.ref();
    return new Promise<void>((resolve, reject) => {
      this.stores.set(id, { resolve, reject });
      this.worker.postMessage({ type: 'store', id, groups });
    });
  }

  /** Calls `listener` with its duration after each fold of pending subject rows. */
  onFold(listener: (ms: number) => void): () => void {
    this.foldListeners.add(listener);
    return () => this.foldListeners.delete(listener);
  }

  /** Calls `listener` after each checkpoint (tests wait for one). */
  onCheckpoint(listener: (result: CheckpointResult) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private settle(m: ThreadMessage): void {
    const reply = m.id === undefined ? undefined : this.stores.get(m.id);
    if (!reply) return;
    this.stores.delete(m.id!);
    if (this.stores.size === 0) this.worker.unref();
    if (m.type === 'stored') return reply.resolve();
    const err = new Error(m.message ?? 'storing in the audit database failed') as Error & {
      code?: string;
    };
    if (m.code) err.code = m.code;
    reply.reject(err);
  }

  private end(): void {
    this.ended = true;
    const waiting = [...this.stores.values()];
    this.stores.clear();
    this.worker.unref();
    for (const reply of waiting) reply.reject(new ThreadGone());
  }

  /** A last checkpoint, then the thread ends (at once if it has ended already). */
  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    // A thread that failed or exited will not exit again: waiting for it would hang the gateway's stop.
    if (this.ended) return;
    const exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    this.worker.postMessage('stop');
    const timeout = setTimeout(() => void this.worker.terminate(), 5000);
    timeout.unref();
    await exited;
    clearTimeout(timeout);
  }
}

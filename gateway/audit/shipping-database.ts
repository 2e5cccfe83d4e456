/**
 * The audit database as the shipper writes it. On MariaDB that is openAuditDatabase and nothing
 * more: InnoDB commits durably and checkpoints in its own threads. On the embedded SQLite file
 * these are added:
 *
 * - checkpoints run on a thread of their own (sqlite-checkpointer.ts), not inside the shipper's
 *   commits on the gateway's event loop, and that thread yields the CPU to the ones serving
 *   requests (THREAD_NICENESS);
 * - the subjects' (subject_hash, time) order is filled in bulk by that thread, not row by row in
 *   the shipper's commits (contracts/audit/subject-index.ts); while the thread cannot run, the
 *   shipper folds after each batch itself, as the index cost before. With the thread running
 *   the shipper's connection does not wait for the write lock (a fold holds it tens of
 *   milliseconds, which the event loop must not sit out): the shipper ships on its next round;
 * - rows reach the disk before the journal segments they were shipped from are deleted. Under
 *   `synchronous = NORMAL` a WAL commit is written but not fsynced until the next checkpoint,
 *   and a power cut in between would lose records whose only other copy was just removed.
 *   Fsyncing every commit instead (`synchronous = FULL`) held the event loop about 8 ms per
 *   round; a segment is removed once per 64 MiB of journal.
 */
import fs from 'node:fs';
import { Knex } from 'knex';
import type { DatabaseTarget } from '../../contracts/database/database';
import { batchRows, insertGroups, openAuditDatabase, ShipBatch, storeBatch } from './audit-store';
import {
  countRecentSubjects,
  foldPendingSubjects,
  MERGE_ROWS,
  mergeRecentSubjects,
} from '../../contracts/audit/subject-index';
import {
  FALLBACK_AUTOCHECKPOINT_PAGES,
  FoldSettings,
  SqliteCheckpointer,
  ThreadGone,
} from './sqlite-checkpointer';

export interface ShippingDatabaseOptions {
  /** Time between checkpoints of the embedded database. @default CHECKPOINT_INTERVAL_MS */
  readonly checkpointIntervalMs?: number;
  /** When the thread folds pending subject rows. @default DEFAULT_FOLD */
  readonly fold?: FoldSettings;
  readonly onWarning?: (message: string) => void;
  /** Nice value of the database's thread (sqlite-checkpointer.ts). @default THREAD_NICENESS */
  readonly threadNiceness?: number;
  /** Starts the checkpoint thread (tests make it fail). @default SqliteCheckpointer.start */
  readonly startCheckpointer?: (file: string) => Promise<SqliteCheckpointer>;
}

/**
 * About ten seconds of a busy gateway's people pages, or half a minute at most: a fold of this
 * many rows holds the write lock some tens of milliseconds, and lookups read the waiting rows by
 * scanning them.
 */
export const DEFAULT_FOLD: FoldSettings = { rows: 20_000, afterMs: 30_000 };

/**
 * The database's thread stores, checkpoints and folds behind the journal, off every response's
 * path: at nice 10 the threads that answer requests (the event loop, its fsyncs, and on one
 * machine the subgraphs) go first when the CPU is contended.
 */
export const THREAD_NICENESS = 10;

/** Flushes a file's written pages to the disk; any descriptor of the file will do on Linux. */
async function datasync(file: string): Promise<void> {
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(file, 'r+');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  try {
    await handle.datasync();
  } finally {
    await handle.close();
  }
}

export class ShippingDatabase {
  private checkpointer: Promise<SqliteCheckpointer | null> | null = null;
  private closed = false;
  private waitsForLock = false;
  /** Rows of the recent subject table, while the shipper folds (null until first counted). */
  private recentRows: number | null = null;

  constructor(
    private readonly target: DatabaseTarget,
    private readonly options: ShippingDatabaseOptions = {},
  ) {}

  /** For the shipper's `connect`: opens and migrates; on SQLite starts the checkpoint thread once. */
  async connect(): Promise<Knex> {
    const db = await openAuditDatabase(this.target);
    if (this.target.client !== 'sqlite' || this.closed) return db;
    const checkpointer = await (this.checkpointer ??= this.startCheckpointer(this.target.file));
    // Left at SQLite's default (1,000 pages) when no thread checkpoints: commits then do it.
    if (checkpointer) {
      await db.raw(`PRAGMA wal_autocheckpoint = ${FALLBACK_AUTOCHECKPOINT_PAGES}`);
      await db.raw('PRAGMA busy_timeout = 0');
    }
    return db;
  }

  /**
   * Writes a shipped batch: on the embedded database by its own thread, off the event loop;
   * through `db` on MariaDB, or when the thread is not running (it may die mid-store: the
   * batch is written again here, its committed rows ignored).
   */
  async store(db: Knex, batch: ShipBatch): Promise<void> {
    const thread = this.target.client === 'sqlite' ? await this.checkpointer : null;
    if (thread?.alive) {
      try {
        return await thread.store(insertGroups(batchRows(batch)));
      } catch (err) {
        if (!(err instanceof ThreadGone)) throw err;
      }
    }
    await storeBatch(db, batch);
  }

  /**
   * For the shipper's `afterStore`: folds pending subject rows on this connection when the
   * thread is not there to do it, so they never pile up, and merges them as the thread would.
   * The recent rows are counted once, not after every batch: a count reads the whole table.
   */
  async afterStore(db: Knex): Promise<void> {
    if (this.target.client !== 'sqlite') return;
    const checkpointer = await this.checkpointer;
    if (checkpointer?.alive) return;
    // A thread that died left the shipper's connection not waiting for the lock: wait again.
    if (checkpointer && !this.waitsForLock) {
      await db.raw('PRAGMA busy_timeout = 5000');
      this.waitsForLock = true;
    }
    const folded = await foldPendingSubjects(db);
    // Deleted rows are still counted: they only make a merge come early.
    this.recentRows =
      this.recentRows === null ? await countRecentSubjects(db) : this.recentRows + folded;
    if (this.recentRows < (this.options.fold?.mergeRows ?? MERGE_ROWS)) return;
    await mergeRecentSubjects(db);
    this.recentRows = 0;
  }

  /** For the shipper's `makeShippedDurable`. */
  async makeShippedDurable(): Promise<void> {
    if (this.target.client !== 'sqlite') return;
    await datasync(`${this.target.file}-wal`);
    await datasync(this.target.file);
  }

  /** After the shipper stopped: the checkpoint thread's last checkpoint, then it ends. */
  async close(): Promise<void> {
    this.closed = true;
    const checkpointer = await this.checkpointer;
    await checkpointer?.stop();
  }

  private async startCheckpointer(file: string): Promise<SqliteCheckpointer | null> {
    const warn = this.options.onWarning ?? (() => undefined);
    const start =
      this.options.startCheckpointer ??
      ((f: string) =>
        SqliteCheckpointer.start(f, {
          intervalMs: this.options.checkpointIntervalMs,
          fold: this.options.fold ?? DEFAULT_FOLD,
          niceness: this.options.threadNiceness ?? THREAD_NICENESS,
          onWarning: warn,
        }));
    try {
      return await start(file);
    } catch (err) {
      warn(
        `no thread could be started to checkpoint the audit database (${(err as Error).message}); the shipper's commits checkpoint it instead`,
      );
      return null;
    }
  }
}

/**
 * Buffers rows and writes them as multi-row INSERTs, keeping a couple of batches in flight so
 * that generating the next rows overlaps with the database writing the last ones. This is what
 * lets a million people load in minutes rather than hours.
 */
import { Knex } from 'knex';
import { isMysql } from '../../contracts/database/database';
import { insertSqliteRows } from '../../contracts/database/sqlite-insert';

export type Row = Record<string, string | number | boolean | null>;

export interface BulkWriterOptions {
  /** Rows per INSERT; capped for SQLite by its 32,766 bound-parameter limit. @default 2000 */
  batchSize?: number;
  /** Batches written concurrently (MariaDB only; SQLite has one connection). @default 2 */
  inFlight?: number;
  onWritten?: (table: string, rows: number) => void;
}

export class BulkWriter {
  private buffer: Row[] = [];
  private pending = new Set<Promise<void>>();
  private failure: unknown = null;
  private readonly batchSize: number;
  private readonly inFlight: number;
  written = 0;

  constructor(
    private readonly db: Knex,
    private readonly table: string,
    private readonly options: BulkWriterOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 2000;
    this.inFlight = isMysql(db) ? (options.inFlight ?? 2) : 1;
  }

  async add(row: Row): Promise<void> {
    this.buffer.push(row);
    if (this.buffer.length >= this.effectiveBatch(row)) await this.dispatch();
  }

  async flush(): Promise<number> {
    if (this.buffer.length > 0) await this.dispatch();
    await Promise.all(this.pending);
    if (this.failure) throw this.failure;
    return this.written;
  }

  private effectiveBatch(_row: Row): number {
    return this.batchSize;
  }

  private async write(rows: Row[]): Promise<void> {
    if (isMysql(this.db)) await this.db(this.table).insert(rows);
    else await insertSqliteRows(this.db, this.table, rows, 'insert', true);
  }

  private async dispatch(): Promise<void> {
    if (this.failure) throw this.failure;
    const rows = this.buffer;
    this.buffer = [];
    const p: Promise<void> = this.write(rows)
      .then(() => {
        this.written += rows.length;
        this.options.onWritten?.(this.table, rows.length);
      })
      .catch((err: unknown) => {
        this.failure = err;
      })
      .finally(() => {
        this.pending.delete(p);
      });
    this.pending.add(p);
    if (this.pending.size >= this.inFlight) await Promise.race(this.pending);
  }
}

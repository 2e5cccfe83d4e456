/**
 * The lookup benchmark's bulk writer: multi-row INSERTs with a few in flight, so filling ten
 * million records is bound by generating and hashing them, not by round trips.
 */
import { Knex } from 'knex';

/**
 * Multi-row INSERTs with the values handed to the driver as bound parameters: knex's own
 * per-value query compilation costs more CPU than generating and hashing the records.
 */
export class RowWriter {
  private rows: unknown[][] = [];
  private pending = new Set<Promise<void>>();
  private failure: unknown = null;
  written = 0;
  constructor(
    private readonly db: Knex,
    private readonly table: string,
    private readonly columns: readonly string[],
    private readonly batch: number,
    private readonly inFlight = 3,
  ) {}
  async add(row: Record<string, unknown>): Promise<void> {
    this.rows.push(this.columns.map((c) => row[c]));
    if (this.rows.length >= this.batch) await this.dispatch();
  }
  async flush(): Promise<void> {
    if (this.rows.length > 0) await this.dispatch();
    await Promise.all(this.pending);
    if (this.failure) throw this.failure;
  }
  private async dispatch(): Promise<void> {
    if (this.failure) throw this.failure;
    const rows = this.rows;
    this.rows = [];
    const tuple = `(${this.columns.map(() => '?').join(',')})`;
    const sql = `INSERT INTO \`${this.table}\` (${this.columns.map((c) => `\`${c}\``).join(',')}) VALUES ${rows.map(() => tuple).join(',')}`;
    const p: Promise<void> = this.db
      .raw(sql, rows.flat() as Knex.Value[])
      .then(() => {
        this.written += rows.length;
      })
      .catch((err: unknown) => {
        this.failure = err;
      })
      .finally(() => this.pending.delete(p));
    this.pending.add(p);
    if (this.pending.size >= this.inFlight) await Promise.race(this.pending);
  }
}

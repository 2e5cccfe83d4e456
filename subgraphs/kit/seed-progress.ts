/**
 * Progress of a long seed: rows per table, overall rate and elapsed time, formatted for a
 * terminal line. Pure, so the numbers can be checked without a database.
 */
export class SeedProgress {
  private readonly perTable = new Map<string, number>();
  private total = 0;

  constructor(private readonly startedAt: number = Date.now()) {}

  written(table: string, rows: number): void {
    this.perTable.set(table, (this.perTable.get(table) ?? 0) + rows);
    this.total += rows;
  }

  get rows(): number {
    return this.total;
  }

  rowsOf(table: string): number {
    return this.perTable.get(table) ?? 0;
  }

  ratePerSecond(now: number = Date.now()): number {
    const seconds = Math.max((now - this.startedAt) / 1000, 0.001);
    return this.total / seconds;
  }

  line(now: number = Date.now()): string {
    const seconds = (now - this.startedAt) / 1000;
    return `${this.total.toLocaleString('en-US')} rows in ${seconds.toFixed(1)} s (${Math.round(this.ratePerSecond(now)).toLocaleString('en-US')} rows/s)`;
  }

  tables(): [string, number][] {
    return [...this.perTable.entries()].sort(([a], [b]) => a.localeCompare(b));
  }
}

/**
 * Monthly RANGE partitions of the audit tables on MariaDB (UTC months of the `time` column).
 * Partitions keep a 10,000,000-row table manageable: retention drops a month in O(1)
 * (ALTER TABLE … DROP PARTITION) instead of deleting rows, and time-bounded queries read only
 * their months. Layout:
 *
 *   p_before  everything before the first month (history, imports)
 *   pYYYYMM   one per month, from the month of creation through `monthsAhead` months later
 *   pmax      MAXVALUE catch-all, so an insert never fails for want of a partition
 *
 * `ensureMonthlyPartitions` splits p_before / pmax to add months; the gateway should call it
 * at start-up (and monthly) so new months get their own partition before they begin.
 */
import { Knex } from 'knex';

export const PARTITIONED_TABLES = ['audit_records', 'audit_subjects'] as const;
export const DEFAULT_MONTHS_AHEAD = 12;

export function monthStart(d: Date): Date {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
}

export function addMonths(d: Date, n: number): Date {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1));
}

function ymd(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function partitionName(month: Date): string {
  return `p${ymd(month).slice(0, 7).replace('-', '')}`;
}

export interface MonthlyPartition {
  readonly name: string;
  /** Exclusive upper bound, `YYYY-MM-DD`; null for MAXVALUE. */
  readonly lessThan: string | null;
}

function clause(p: MonthlyPartition): string {
  return `PARTITION ${p.name} VALUES LESS THAN (${p.lessThan === null ? 'MAXVALUE' : `'${p.lessThan}'`})`;
}

/** Months [from, through] inclusive, each bounded by the next month's first day. */
export function monthlyPartitions(from: Date, through: Date): MonthlyPartition[] {
  const out: MonthlyPartition[] = [];
  for (let m = monthStart(from); m <= monthStart(through); m = addMonths(m, 1))
    out.push({ name: partitionName(m), lessThan: ymd(addMonths(m, 1)) });
  return out;
}

/** The PARTITION BY clause for a new table. */
export function initialPartitionClause(now: Date, monthsAhead = DEFAULT_MONTHS_AHEAD): string {
  const first = monthStart(now);
  const parts: MonthlyPartition[] = [
    { name: 'p_before', lessThan: ymd(first) },
    ...monthlyPartitions(first, addMonths(first, monthsAhead)),
    { name: 'pmax', lessThan: null },
  ];
  return `PARTITION BY RANGE COLUMNS(\`time\`) (\n  ${parts.map(clause).join(',\n  ')}\n)`;
}

export interface ExistingPartition {
  readonly name: string;
  /** As information_schema.PARTITIONS.PARTITION_DESCRIPTION shows it: `'2026-12-01 00:00:00'` or `MAXVALUE`. */
  readonly description: string;
}

function boundOf(p: ExistingPartition): string | null {
  if (/MAXVALUE/i.test(p.description)) return null;
  const m = /(\d{4}-\d{2}-\d{2})/.exec(p.description);
  if (!m) throw new Error(`unexpected partition bound for ${p.name}: ${p.description}`);
  return m[1];
}

/**
 * The REORGANIZE statements (for `table`) that give every month from `from` through `through`
 * its own partition, splitting p_before at the low end and pmax at the high end. Empty when
 * nothing is missing.
 */
export function planPartitionChanges(
  table: string,
  existing: readonly ExistingPartition[],
  want: { from?: Date; through: Date },
): string[] {
  const statements: string[] = [];
  const before = existing.find((p) => p.name === 'p_before');
  const max = existing.find((p) => p.name === 'pmax');
  const bounded = existing.filter((p) => boundOf(p) !== null).map(boundOf) as string[];
  const lastBound = bounded.sort().at(-1);
  if (max && lastBound) {
    const firstNew = new Date(`${lastBound}T00:00:00Z`);
    if (firstNew <= monthStart(want.through)) {
      const parts = [
        ...monthlyPartitions(firstNew, want.through),
        { name: 'pmax', lessThan: null },
      ];
      statements.push(
        `ALTER TABLE \`${table}\` REORGANIZE PARTITION pmax INTO (${parts.map(clause).join(', ')})`,
      );
    }
  }
  if (before && want.from) {
    const bound = boundOf(before)!;
    const from = monthStart(want.from);
    const oldStart = new Date(`${bound}T00:00:00Z`);
    if (from < oldStart) {
      const parts = [
        { name: 'p_before', lessThan: ymd(from) },
        ...monthlyPartitions(from, addMonths(oldStart, -1)),
      ];
      statements.push(
        `ALTER TABLE \`${table}\` REORGANIZE PARTITION p_before INTO (${parts.map(clause).join(', ')})`,
      );
    }
  }
  return statements;
}

export async function existingPartitions(db: Knex, table: string): Promise<ExistingPartition[]> {
  const [rows] = (await db.raw(
    'SELECT PARTITION_NAME AS name, PARTITION_DESCRIPTION AS description FROM information_schema.PARTITIONS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND PARTITION_NAME IS NOT NULL ORDER BY PARTITION_ORDINAL_POSITION',
    [table],
  )) as [ExistingPartition[]];
  return rows;
}

/** Adds monthly partitions on MariaDB through `through` (and back to `from`); returns the statements run. */
export async function ensureMonthlyPartitions(
  db: Knex,
  want: { from?: Date; through: Date },
): Promise<string[]> {
  const run: string[] = [];
  for (const table of PARTITIONED_TABLES) {
    for (const sql of planPartitionChanges(table, await existingPartitions(db, table), want)) {
      await db.raw(sql);
      run.push(sql);
    }
  }
  return run;
}

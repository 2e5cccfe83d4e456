/**
 * Reads the usage tables (usage-rollup.ts keeps them): the use of an owner's fields grouped by
 * field, consuming department, application and purpose over China-time days (primary
 * key (period, coordinate, …)), and the bureau's monthly statistics (primary key (month, …)).
 */
import { Knex } from 'knex';
import {
  USAGE_FIELDS_TABLE,
  USAGE_RESOURCES_TABLE,
} from '../../contracts/audit/audit-usage-migration';
import { DayRange, MonthRange, periodsOf } from './time-window';

export interface OwnedUsageFilter {
  /** The owner's fields; null: every field (the bureau naming no owner). */
  readonly coordinates: readonly string[] | null;
  readonly days: DayRange;
  readonly consumer: string | null;
}

/** A group's key, in the order groups are listed. */
export type UsageKey = readonly [
  coordinate: string,
  department: string,
  application: string,
  purpose: string,
];

export interface UsageRow {
  coordinate: string;
  department: string;
  application: string;
  purpose: string;
  served: number;
  masked: number;
  denied: number;
  first_time: string;
  last_time: string;
}

const GROUP = ['coordinate', 'department', 'application', 'purpose'] as const;

function filtered(db: Knex, filter: OwnedUsageFilter): Knex.QueryBuilder {
  // Month rows for whole months, day rows for the rest: a day run never contains a month row,
  // since 'YYYY-MM' sorts before every 'YYYY-MM-DD' of its month.
  const { months, dayRuns } = periodsOf(filter.days);
  const q = db(USAGE_FIELDS_TABLE).where((w) => {
    if (months.length > 0) w.orWhereIn('period', months);
    for (const run of dayRuns) w.orWhereBetween('period', run);
  });
  if (filter.coordinates !== null) q.whereIn('coordinate', [...filter.coordinates]);
  if (filter.consumer !== null) q.where('department', filter.consumer);
  return q;
}

/** (coordinate, department, application, purpose) > key, spelt out: tuple comparison is not portable. */
function after(q: Knex.QueryBuilder, key: UsageKey): void {
  q.where((w) => {
    for (let i = 0; i < GROUP.length; i++) {
      w.orWhere((x) => {
        for (let j = 0; j < i; j++) x.where(GROUP[j], key[j]);
        x.where(GROUP[i], '>', key[i]);
      });
    }
  });
}

export async function ownedUsagePage(
  db: Knex,
  filter: OwnedUsageFilter,
  limit: number,
  afterKey: UsageKey | null,
): Promise<UsageRow[]> {
  if (filter.coordinates !== null && filter.coordinates.length === 0) return [];
  const q = filtered(db, filter)
    .select([...GROUP])
    .sum({ served: 'served', masked: 'masked', denied: 'denied' })
    .min({ first_time: 'first_time' })
    .max({ last_time: 'last_time' })
    .groupBy([...GROUP])
    .orderBy([...GROUP])
    .limit(limit);
  if (afterKey) after(q, afterKey);
  const rows = (await q) as Record<string, unknown>[];
  // MariaDB returns SUM() as DECIMAL text.
  return rows.map((r) => ({
    ...(r as unknown as UsageRow),
    served: Number(r.served),
    masked: Number(r.masked),
    denied: Number(r.denied),
  }));
}

export async function countOwnedUsage(db: Knex, filter: OwnedUsageFilter): Promise<number> {
  if (filter.coordinates !== null && filter.coordinates.length === 0) return 0;
  const groups = filtered(db, filter)
    .select([...GROUP])
    .groupBy([...GROUP])
    .as('g');
  const row = (await db.from(groups).count({ n: '*' }).first()) as { n: number | string };
  return Number(row.n);
}

export interface StatisticsRow {
  month: string;
  department: string;
  resource: string;
  owner: string;
  requests: number;
  served: number;
  masked: number;
  denied: number;
}

export async function sharingStatistics(
  db: Knex,
  months: MonthRange,
  department: string | null,
): Promise<StatisticsRow[]> {
  const q = db(USAGE_RESOURCES_TABLE)
    .whereBetween('month', [months.from, months.to])
    .select('month', 'department', 'resource', 'owner', 'requests', 'served', 'masked', 'denied')
    .orderBy(['month', 'department', 'resource', 'owner']);
  if (department !== null) q.where('department', department);
  const rows = (await q) as Record<string, unknown>[];
  return rows.map((r) => ({
    ...(r as unknown as StatisticsRow),
    requests: Number(r.requests),
    served: Number(r.served),
    masked: Number(r.masked),
    denied: Number(r.denied),
  }));
}

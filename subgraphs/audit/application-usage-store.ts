/**
 * Application systems' traffic, for the inventory (inventory-flags.ts), read for a batch of
 * systems at once (one query per figure, however many systems a page lists): requests per China
 * month and the last request from audit_records, over the (department, application, time) index;
 * the distinct resources from the month rows of the usage table.
 */
import { Knex } from 'knex';
import { dbTime, isoTime, RECORDS_TABLE } from '../../contracts/audit/audit-rows';
import { USAGE_FIELDS_TABLE } from '../../contracts/audit/audit-usage-migration';
import { addMonths, chinaMonthStart, MonthlyRequests } from './inventory-flags';
import type { ResourceOf } from './usage-summary';

export interface SystemKey {
  readonly department: string;
  readonly application: string;
}

export const systemKey = (s: SystemKey): string => JSON.stringify([s.department, s.application]);

const stored = (month: string) => dbTime(chinaMonthStart(month));

/** department = ? AND application = ? for any of the systems: one index range each. */
function ofSystems(q: Knex.QueryBuilder, systems: readonly SystemKey[]): Knex.QueryBuilder {
  return q.where((w) => {
    for (const s of systems) w.orWhere({ department: s.department, application: s.application });
  });
}

interface GroupRow {
  department: string;
  application: string;
  [column: string]: unknown;
}

/** Requests in each of `months` (consecutive, ascending), none left out, per system. */
export async function monthlyRequests(
  db: Knex,
  systems: readonly SystemKey[],
  months: readonly string[],
): Promise<Map<string, MonthlyRequests[]>> {
  const found = new Map<string, GroupRow>();
  if (systems.length > 0 && months.length > 0) {
    const q = ofSystems(db(RECORDS_TABLE), systems)
      .where('time', '>=', stored(months[0]))
      .where('time', '<', stored(addMonths(months[months.length - 1], 1)))
      .select('department', 'application')
      .groupBy('department', 'application');
    // One conditional sum per month: one pass over each system's range, on both databases.
    months.forEach((month, i) =>
      q.select(
        db.raw(`SUM(CASE WHEN time >= ? AND time < ? THEN 1 ELSE 0 END) AS m${i}`, [
          stored(month),
          stored(addMonths(month, 1)),
        ]),
      ),
    );
    for (const row of (await q) as GroupRow[]) found.set(systemKey(row), row);
  }
  const result = new Map<string, MonthlyRequests[]>();
  for (const s of systems) {
    const row = found.get(systemKey(s));
    result.set(
      systemKey(s),
      months.map((month, i) => ({ month, requests: Number(row?.[`m${i}`] ?? 0) })),
    );
  }
  return result;
}

/** Each system's last request ever (ISO); null when it never called. */
export async function lastAccess(
  db: Knex,
  systems: readonly SystemKey[],
): Promise<Map<string, string | null>> {
  const result = new Map<string, string | null>(systems.map((s) => [systemKey(s), null]));
  if (systems.length === 0) return result;
  const rows = (await ofSystems(db(RECORDS_TABLE), systems)
    .select('department', 'application')
    .max({ last: 'time' })
    .groupBy('department', 'application')) as GroupRow[];
  for (const row of rows)
    if (row.last) result.set(systemKey(row), isoTime(row.last as string | Date));
  return result;
}

/** Distinct resources (types) whose fields each system was served in `months`. */
export async function distinctResources(
  db: Knex,
  systems: readonly SystemKey[],
  months: readonly string[],
  resourceOf: ResourceOf,
): Promise<Map<string, number>> {
  const sets = new Map<string, Set<string>>(systems.map((s) => [systemKey(s), new Set()]));
  if (systems.length > 0 && months.length > 0) {
    const rows = (await ofSystems(db(USAGE_FIELDS_TABLE), systems)
      .whereIn('period', [...months])
      .where('served', '>', 0)
      .distinct('department', 'application', 'coordinate')) as GroupRow[];
    for (const row of rows) {
      const r = resourceOf(row.coordinate as string);
      if (r) sets.get(systemKey(row))?.add(r.resource);
    }
  }
  return new Map([...sets].map(([k, set]) => [k, set.size]));
}

/**
 * 主体配额超限 Subject quota exceedances, read from the audit records the gateway wrote when it
 * withheld data past a quota (domain/subject-quota.ts): per China day, consuming application and
 * grant, the quota, the distinct subjects refused (how far over), the requests refused in and
 * the fields withheld. The owner of a grant is the owner of the fields it covers (one grant per
 * owner: an application touching several owners is split per owner).
 */
import { Knex } from 'knex';
import { QUOTA_REFUSALS_COLUMN, QuotaRefusalRecord } from '../../domain/subject-quota';
import { RECORDS_TABLE } from '../../contracts/audit/audit-rows';
import { chinaDay } from './time-window';

export interface RefusalRow {
  time: string;
  department: string | null;
  application: string | null;
  quota_refusals: string;
}

export interface QuotaExceedance {
  readonly day: string;
  readonly department: string;
  readonly application: string | null;
  readonly grantId: string;
  readonly owner: string | null;
  readonly quota: number;
  readonly subjectsRefused: number;
  readonly requests: number;
  readonly coordinates: readonly string[];
  /** Stored times. */
  readonly firstTime: string;
  readonly lastTime: string;
}

/** Records of China days `from`..`to` with refusals, in time order; `department` narrows to one consumer. */
export async function refusalRows(
  db: Knex,
  range: { from: string; to: string },
  department: string | null,
): Promise<RefusalRow[]> {
  const q = db(RECORDS_TABLE)
    .select('time', 'department', 'application', QUOTA_REFUSALS_COLUMN)
    .whereNotNull(QUOTA_REFUSALS_COLUMN)
    .where('time', '>=', range.from)
    .where('time', '<', range.to)
    .orderBy('time');
  if (department !== null) q.where('department', department);
  return (await q) as RefusalRow[];
}

/** Pure: one line per (day, consumer, application, grant), ordered so; `owner` keeps one owner's grants. */
export function aggregateExceedances(
  rows: readonly RefusalRow[],
  ownerOf: (coordinate: string) => string | null,
  owner: string | null,
): QuotaExceedance[] {
  const lines = new Map<
    string,
    {
      line: Omit<QuotaExceedance, 'subjectsRefused' | 'requests' | 'coordinates'>;
      subjects: Set<string>;
      requests: number;
      coordinates: Set<string>;
    }
  >();
  for (const row of rows) {
    let refusals: QuotaRefusalRecord[];
    try {
      refusals = JSON.parse(row.quota_refusals) as QuotaRefusalRecord[];
    } catch {
      continue;
    }
    for (const r of refusals) {
      const grantOwner = r.coordinates.map(ownerOf).find((o) => o !== null) ?? null;
      if (owner !== null && grantOwner !== owner) continue;
      const day = r.day || chinaDay(row.time);
      const key = JSON.stringify([day, row.department ?? '', row.application ?? '', r.grantId]);
      let acc = lines.get(key);
      if (!acc) {
        acc = {
          line: {
            day,
            department: row.department ?? '',
            application: row.application,
            grantId: r.grantId,
            owner: grantOwner,
            quota: r.quota,
            firstTime: row.time,
            lastTime: row.time,
          },
          subjects: new Set(),
          requests: 0,
          coordinates: new Set(),
        };
        lines.set(key, acc);
      }
      acc.requests++;
      r.subjects.forEach((s) => acc!.subjects.add(s));
      r.coordinates.forEach((c) => acc!.coordinates.add(c));
      // The quota in force last that day: an owner may have changed it (a new grant version).
      acc.line = { ...acc.line, quota: r.quota, lastTime: row.time };
    }
  }
  return [...lines.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, acc]) => ({
      ...acc.line,
      subjectsRefused: acc.subjects.size,
      requests: acc.requests,
      coordinates: [...acc.coordinates].sort(),
    }));
}

export function exceedanceKey(e: QuotaExceedance): string {
  return JSON.stringify([e.day, e.department, e.application ?? '', e.grantId]);
}

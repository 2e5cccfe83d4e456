/**
 * Dashboard counts: the database groups components by (town, class, status) once, and each
 * region's figures are sums over its towns. A county or the city therefore costs no extra query.
 */
import { CITY_PART_CLASSES, CityPartClass } from './part-catalogue';

export type CityPartStatus =
  'IN_SERVICE' | 'DAMAGED' | 'UNDER_REPAIR' | 'MISSING' | 'DECOMMISSIONED';

export const CITY_PART_STATUSES: readonly CityPartStatus[] = [
  'IN_SERVICE',
  'DAMAGED',
  'UNDER_REPAIR',
  'MISSING',
  'DECOMMISSIONED',
];

export interface GroupCount {
  townCode: string;
  class: CityPartClass;
  status: CityPartStatus;
  count: number;
}

export interface ClassCount {
  class: CityPartClass;
  total: number;
  byStatus: { status: CityPartStatus; count: number }[];
}

/** Every class and status appears, with zeros, so a dashboard's layout does not depend on the data. */
export function tallyByClass(
  groups: readonly GroupCount[],
  inRegion: (townCode: string) => boolean,
): ClassCount[] {
  const cells = new Map<string, number>();
  for (const g of groups) {
    if (!inRegion(g.townCode)) continue;
    const key = `${g.class}/${g.status}`;
    cells.set(key, (cells.get(key) ?? 0) + g.count);
  }
  return CITY_PART_CLASSES.map((cls) => {
    const byStatus = CITY_PART_STATUSES.map((status) => ({
      status,
      count: cells.get(`${cls}/${status}`) ?? 0,
    }));
    return { class: cls, total: byStatus.reduce((s, x) => s + x.count, 0), byStatus };
  });
}

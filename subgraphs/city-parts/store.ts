/** Reads the city parts database. Entity lookups and per-region lists go through per-request DataLoaders. */
import DataLoader from 'dataloader';
import { Knex } from 'knex';
import { regionByCode } from '../../domain/regions';
import { rowLoader } from '../kit/batch';
import { PageWindow } from '../kit/connection';
import { findNearest, Nearby, tableNearbySource } from '../kit/nearest-search';
import { NearbyRequest } from '../kit/nearby-request';
import { CityPartClass } from './part-catalogue';
import { CityPartStatus, ClassCount, tallyByClass } from './part-counts';
import { tallies, townIn } from './part-tallies';

export interface CityPartRow {
  code: string;
  class: CityPartClass;
  subclass_code: string;
  name: string;
  status: CityPartStatus;
  county_code: string;
  town_code: string;
  longitude: number;
  latitude: number;
  custodian_name: string;
  custodian_credit_code: string | null;
  custodian_phone: string;
  installed_on: string;
  last_inspected_on: string | null;
  inspection_note: string | null;
  asset_ledger_number: string;
}

export interface RegionFilter {
  regionCode: string;
  class: CityPartClass | null;
  status: CityPartStatus | null;
}

export type RegionPageKey = RegionFilter & PageWindow;

/** Statements per UNION ALL: well under SQLite's 500 compound-select terms. */
const MAX_UNION = 100;
const SLOT = 'batch_slot';

export function createCityPartsStore(db: Knex) {
  const part = rowLoader<CityPartRow>(db, 'city_parts', 'code');

  /** Components of a region: a town by its own code, a county by its towns', the city all of them. */
  function filtered(f: RegionFilter): Knex.QueryBuilder {
    const q = db('city_parts');
    const region = regionByCode(f.regionCode);
    if (!region) q.whereRaw('1 = 0');
    else if (region.level === 'TOWN') q.where('town_code', f.regionCode);
    else if (region.level === 'COUNTY') q.where('county_code', f.regionCode);
    if (f.class) q.where('class', f.class);
    if (f.status) q.where('status', f.status);
    return q;
  }

  /**
   * One statement for a whole batch: each key's query is a derived table tagged with its slot,
   * joined by UNION ALL, so fifty regions' pages cost one round trip like one region's does.
   */
  async function unionBySlot<Row>(queries: Knex.QueryBuilder[]): Promise<Map<number, Row[]>> {
    const wrapped = queries.map((q, slot) => db.select('*').from(q.as(`slot${slot}`)));
    const [first, ...rest] = wrapped;
    const rows: Record<string, unknown>[] = await (rest.length ? first.unionAll(rest) : first);
    const bySlot = new Map<number, Row[]>();
    for (const { [SLOT]: slot, ...row } of rows) {
      const key = Number(slot);
      let list = bySlot.get(key);
      if (!list) bySlot.set(key, (list = []));
      list.push(row as Row);
    }
    return bySlot;
  }

  const regionPage = new DataLoader<RegionPageKey, CityPartRow[], string>(
    async (keys) => {
      const bySlot = await unionBySlot<CityPartRow>(
        keys.map((k, slot) => {
          const q = filtered(k)
            .select('*', db.raw('? as ??', [slot, SLOT]))
            .orderBy('code')
            .limit(k.limit + 1);
          if (k.afterKey) q.where('code', '>', k.afterKey);
          return q;
        }),
      );
      return keys.map((_, slot) => {
        const rows = (bySlot.get(slot) ?? []).sort((a, b) => (a.code < b.code ? -1 : 1));
        rows.forEach((r) => part.prime(r.code, r));
        return rows;
      });
    },
    { cacheKeyFn: (k) => JSON.stringify(k), maxBatchSize: MAX_UNION },
  );

  /**
   * A list's total is a sum of its region's tallies (part-tallies.ts), not a count of its rows; one
   * read of the tallies serves every region of the batch.
   */
  const regionCount = new DataLoader<RegionFilter, number, string>(
    async (keys) => {
      const groups = await tallies(
        db,
        keys.map((k) => k.regionCode),
      );
      return keys.map((k) => {
        const inRegion = townIn(k.regionCode);
        return groups
          .filter(
            (g) =>
              inRegion(g.townCode) &&
              (!k.class || g.class === k.class) &&
              (!k.status || g.status === k.status),
          )
          .reduce((sum, g) => sum + g.count, 0);
      });
    },
    { cacheKeyFn: (k) => JSON.stringify(k), maxBatchSize: MAX_UNION },
  );

  const classCounts = new DataLoader<string, ClassCount[]>(async (regionCodes) => {
    const groups = await tallies(db, regionCodes);
    return regionCodes.map((code) => tallyByClass(groups, townIn(code)));
  });

  const nearbySource = tableNearbySource<CityPartRow>(db, 'city_parts', {
    key: 'code',
    longitude: 'longitude',
    latitude: 'latitude',
  });

  return {
    part,
    regionPage,
    regionCount,
    classCounts,
    async partsNear(request: NearbyRequest): Promise<Nearby<CityPartRow>[]> {
      const found = await findNearest(nearbySource, request);
      found.forEach((n) => part.prime(n.row.code, n.row));
      return found;
    },
  };
}

export type CityPartsStore = ReturnType<typeof createCityPartsStore>;

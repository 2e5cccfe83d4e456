/**
 * Components per (town, class, status), kept beside `city_parts`: a dashboard's counts and a
 * list's `totalCount` are sums over a region's few hundred tally rows instead of a walk over its
 * components, whose number grows with the city (half a million at ten million residents). The
 * city-parts subgraph serves a copy of the urban-management ledger that is only loaded in bulk
 * (it has no mutations), so the tallies are rebuilt whenever components are loaded: by the seeder,
 * and by the migration that introduced them for databases loaded before.
 */
import { Knex } from 'knex';
import { inTransaction } from '../kit/in-transaction';
import { SqlTemplates } from '../kit/sql-templates';
import { regionByCode } from '../../domain/regions';
import type { CityPartClass } from './part-catalogue';
import type { CityPartStatus, GroupCount } from './part-counts';

export const CITY_PART_TALLIES = 'city_part_tallies';

const TALLY_READS = new SqlTemplates();

/** Rows per insert statement: four values each, far under either engine's parameter limit. */
const INSERT_CHUNK = 500;

export async function rebuildCityPartTallies(db: Knex): Promise<void> {
  await inTransaction(db, async (trx) => {
    await trx(CITY_PART_TALLIES).del();
    const groups: { town_code: string; class: string; status: string; n: number | string }[] =
      await trx('city_parts')
        .select('town_code', 'class', 'status')
        .count({ n: '*' })
        .groupBy('town_code', 'class', 'status');
    const rows = groups.map((g) => ({
      town_code: g.town_code,
      class: g.class,
      status: g.status,
      parts: Number(g.n),
    }));
    for (let i = 0; i < rows.length; i += INSERT_CHUNK)
      await trx(CITY_PART_TALLIES).insert(rows.slice(i, i + INSERT_CHUNK));
  });
}

/**
 * The tallies of the towns in the given regions (the city: all). Town codes begin with their
 * county's code (GB/T 10114), so a county's tallies are one range on the primary key.
 */
export async function tallies(db: Knex, regionCodes: readonly string[]): Promise<GroupCount[]> {
  const regions = regionCodes.map((c) => regionByCode(c));
  const city = regions.some((r) => r?.level === 'CITY');
  const towns = city ? [] : regions.filter((r) => r?.level === 'TOWN').map((r) => r!.code);
  const counties = city ? [] : regions.filter((r) => r?.level === 'COUNTY').map((r) => r!.code);
  // A dashboard asks this for every request: its SQL is compiled and prepared once per shape.
  const shape = city ? 'city' : `towns ${towns.length} counties ${counties.length}`;
  const values = [...towns, ...counties.map((county) => `${county}%`)];
  const rows = await TALLY_READS.select<{
    town_code: string;
    class: string;
    status: string;
    parts: number | string;
  }>(db, shape, values, (standIns) => {
    const q = db(CITY_PART_TALLIES).select('town_code', 'class', 'status', 'parts');
    if (city) return q;
    const townsIn = standIns.slice(0, towns.length);
    const patterns = standIns.slice(towns.length);
    return q.where((w) => {
      w.whereRaw('1 = 0');
      if (townsIn.length) w.orWhereIn('town_code', townsIn);
      for (const pattern of patterns) w.orWhere('town_code', 'like', pattern);
    });
  });
  return rows.map((r) => ({
    townCode: r.town_code,
    class: r.class as CityPartClass,
    status: r.status as CityPartStatus,
    count: Number(r.parts),
  }));
}

/**
 * Whether a town lies in the region: the city holds every town, and a town code begins with its
 * county's code (GB/T 10114), so a county holds the towns it prefixes. An unknown region holds none.
 */
export function townIn(regionCode: string): (townCode: string) => boolean {
  const r = regionByCode(regionCode);
  if (!r) return () => false;
  return r.level === 'CITY' ? () => true : (town) => town.startsWith(r.code);
}

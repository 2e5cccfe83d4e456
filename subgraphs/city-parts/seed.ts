import { Knex } from 'knex';
import { Rng } from '../../domain/demo/random';
import { ROADS, SURNAMES } from '../../domain/demo/vocabulary';
import { entityAt, EntitySeed, World } from '../../domain/demo/world';
import { COUNTY_REGIONS, regionByCode, RegionSeed, TOWN_REGIONS } from '../../domain/regions';
import { BulkWriter, Row } from '../kit/bulk-writer';
import { SeedReporter } from '../kit/subgraph-module';
import { buildCityPartCode } from './city-part-code';
import { CitySubclass, SUBCLASSES } from './part-catalogue';
import { CityPartStatus } from './part-counts';
import { rebuildCityPartTallies } from './part-tallies';

/** One managed component per twenty residents, and never fewer than 200 so a small demo still has some everywhere. */
export function cityPartCountFor(persons: number): number {
  return Math.max(200, Math.round(persons / 20));
}

// Subdistricts (街道, serial below 100) are built-up: three times the components of a town.
const TOWN_WEIGHTS: [RegionSeed, number][] = TOWN_REGIONS.map((t) => [
  t,
  Number(t.code.slice(6)) < 100 ? 3 : 1,
]);
const SUBCLASS_WEIGHTS: [CitySubclass, number][] = SUBCLASSES.map((s) => [s, s.weight]);
const STATUS_WEIGHTS: [CityPartStatus, number][] = [
  ['IN_SERVICE', 88],
  ['DAMAGED', 5],
  ['UNDER_REPAIR', 3],
  ['MISSING', 1],
  ['DECOMMISSIONED', 3],
];

const DAY_MS = 86_400_000;
const INSTALLED_FROM = Date.UTC(1995, 0, 1);
const INSTALLED_DAYS = 30 * 365;
/** The demo city's "today": inspections happen up to here. A fixed date keeps the seed deterministic. */
const AS_OF = Date.UTC(2025, 5, 30);

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function mobile(rng: Rng): string {
  return `1${rng.pick(['38', '39', '51', '58', '87', '88', '99'])}${String(rng.int(100_000_000)).padStart(8, '0')}`;
}

/** Nantong fixed lines are 0513 + eight digits; a public body keeps one duty number. */
function dutyLine(world: World, unit: string): string {
  return `0513-8${String(new Rng(world.seed, `duty-line-${unit}`, 0).int(10_000_000)).padStart(7, '0')}`;
}

/**
 * Enterprises that look after components in each county: the first few active companies
 * registered there, so every custodian's credit code names a row in the legal-entity database.
 */
export function contractorsByCounty(world: World, perCounty = 4): Map<string, EntitySeed[]> {
  const pools = new Map<string, EntitySeed[]>(COUNTY_REGIONS.map((c) => [c.code, []]));
  let missing = COUNTY_REGIONS.length * perCounty;
  for (let j = 0; j < world.entities && missing > 0; j++) {
    const e = entityAt(world, j);
    const pool = pools.get(e.regionCode);
    if (e.kind !== 'COMPANY' || e.status !== 'ACTIVE' || !pool || pool.length >= perCounty)
      continue;
    pool.push(e);
    missing--;
  }
  return pools;
}

function inspectionNote(rng: Rng, status: CityPartStatus): string | null {
  const citizen = () => `${rng.weighted(SURNAMES)}${rng.chance(0.5) ? '先生' : '女士'}`;
  switch (status) {
    case 'IN_SERVICE':
      return rng.chance(0.2) ? '巡查完好' : null;
    case 'DAMAGED':
      return rng.pick([
        () => '表面破损，已设置临时警示标志',
        () => '松动，存在安全隐患',
        () => `市民${citizen()}来电反映破损，联系电话${mobile(rng)}`,
      ])();
    case 'UNDER_REPAIR':
      return rng.pick(['已派遣养护单位维修', '维修中，预计三个工作日内完成']);
    case 'MISSING':
      return rng.pick([
        () => '巡查发现缺失，已设置围挡',
        () => `市民${citizen()}来电反映缺失，联系电话${mobile(rng)}`,
      ])();
    case 'DECOMMISSIONED':
      return rng.pick(['已拆除，保留记录', '道路改造时撤除']);
  }
}

export async function seedCityParts(db: Knex, world: World, reporter: SeedReporter): Promise<void> {
  const parts = new BulkWriter(db, 'city_parts', {
    onWritten: (table, rows) => reporter.written(table, rows),
  });
  const contractors = contractorsByCounty(world);
  // Serials count up within county and subclass; a few hundred counters at most.
  const serials = new Map<string, number>();
  const total = cityPartCountFor(world.persons);
  for (let i = 0; i < total; i++) {
    const rng = new Rng(world.seed, 'city-part', i);
    const town = rng.weighted(TOWN_WEIGHTS);
    const county = regionByCode(town.parentCode as string) as RegionSeed;
    const sub = rng.weighted(SUBCLASS_WEIGHTS);
    const serialKey = county.code + sub.code;
    const serial = (serials.get(serialKey) ?? 0) + 1;
    serials.set(serialKey, serial);
    const [x0, y0, x1, y1] = town.bbox;
    const status = rng.weighted(STATUS_WEIGHTS);
    const installed = INSTALLED_FROM + rng.int(INSTALLED_DAYS) * DAY_MS;
    // Inspections run on a yearly round: the latest one falls within the year before AS_OF.
    const inspectedFrom = Math.max(installed, AS_OF - 365 * DAY_MS);
    const inspected = rng.chance(0.05)
      ? null
      : inspectedFrom + rng.int(Math.floor((AS_OF - inspectedFrom) / DAY_MS) + 1) * DAY_MS;
    const pool = contractors.get(county.code) ?? [];
    const contractor =
      sub.custodian.kind === 'ENTERPRISE' && pool.length > 0 ? rng.pick(pool) : null;
    const custodianName = contractor
      ? contractor.name
      : sub.custodian.kind === 'PUBLIC_BODY'
        ? sub.custodian.name(county.name)
        : `${county.name}城市管理局`;
    const row: Row = {
      code: buildCityPartCode(county.code, sub.code, serial),
      class: sub.class,
      subclass_code: sub.code,
      name: `${rng.pick(ROADS)}${sub.name}`,
      status,
      county_code: county.code,
      town_code: town.code,
      longitude: Math.round((x0 + rng.next() * (x1 - x0)) * 1e6) / 1e6,
      latitude: Math.round((y0 + rng.next() * (y1 - y0)) * 1e6) / 1e6,
      custodian_name: custodianName,
      custodian_credit_code: contractor ? contractor.creditCode : null,
      // A contractor's site manager answers on a mobile; a public body on its duty line.
      custodian_phone: contractor
        ? mobile(new Rng(world.seed, 'site-manager', contractor.index))
        : dutyLine(world, custodianName),
      installed_on: isoDate(installed),
      last_inspected_on: inspected === null ? null : isoDate(inspected),
      inspection_note: inspected === null ? null : inspectionNote(rng, status),
      asset_ledger_number: `ZC${county.code}${isoDate(installed).slice(0, 4)}${String(i + 1).padStart(7, '0')}`,
    };
    await parts.add(row);
  }
  await parts.flush();
  await rebuildCityPartTallies(db);
}

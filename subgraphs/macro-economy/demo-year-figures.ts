/**
 * The demo model of one indicator in one region, year by year: a region's annual level follows
 * the city's growth path (with the 2020 slump and 2021 rebound) scaled by the region's weight,
 * with a little noise per region and year; sub-annual figures spread the year over months with
 * a seasonal pattern and are accumulated from January, so the December (or fourth-quarter)
 * figure always equals the year's. Every figure is a pure function of (seed, indicator, region,
 * year).
 */
import { Rng } from '../../domain/demo/random';
import { WorldOptions } from '../../domain/demo/world';
import { COUNTY_REGIONS, RegionSeed, townsOf } from '../../domain/regions';
import { countyProfile } from './county-profiles';
import {
  EARLY_YEAR_SWING,
  FIRST_YEAR,
  INCOME_QUARTER_SHARES,
  INFLATION,
  inPath,
  LEVELS,
  MONTH_WEIGHTS,
  RATES,
  SPRING_FESTIVAL_MONTH,
  TOWN_REVENUE_FRACTION,
  YEARS,
} from './demo-economy-paths';
import { IndicatorDefinition } from './indicator-catalogue';

/** A uniform value in [-1, 1). */
export function symmetric(rng: Rng): number {
  return rng.next() * 2 - 1;
}

export function round(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}

/** A town's share of its county (subdistricts, being urban, weigh more); the towns of a county sum to 1. */
export function townShare(world: WorldOptions, town: RegionSeed): number {
  const weight = (t: RegionSeed) => {
    const subdistrict = Number(t.code.slice(6)) < 100;
    return (
      (subdistrict ? 1.6 : 1) *
      (0.6 + 0.8 * new Rng(world.seed, 'macro-town-weight', Number(t.code)).next())
    );
  };
  const siblings = townsOf(town.parentCode as string);
  return weight(town) / siblings.reduce((s, t) => s + weight(t), 0);
}

/** How much of a region's figure varies from year to year beyond the city's path. */
function yearlySpread(region: RegionSeed): number {
  return region.level === 'CITY' ? 0.003 : region.level === 'COUNTY' ? 0.015 : 0.03;
}

/** Annual levels for FIRST_YEAR..LAST_YEAR of a level indicator in one region. */
function annualLevels(world: WorldOptions, code: string, region: RegionSeed): number[] {
  const model = LEVELS[code];
  let scale = 1;
  if (region.level === 'COUNTY') scale = model.scale(countyProfile(region.code));
  if (region.level === 'TOWN') {
    // Of the level indicators only budget revenue is compiled for towns (see the catalogue's coverage).
    scale =
      model.scale(countyProfile(region.parentCode as string)) *
      townShare(world, region) *
      TOWN_REVENUE_FRACTION;
  }
  const spread = yearlySpread(region);
  const levels: number[] = [];
  let level = model.base2019 * scale;
  for (const year of YEARS) {
    const rng = new Rng(world.seed, `macro-level:${code}:${region.code}`, year);
    level =
      year === FIRST_YEAR
        ? level * (1 + spread * symmetric(rng))
        : level * (1 + inPath(model.growth, year, `${code} growth`) + spread * symmetric(rng));
    levels.push(level);
  }
  return levels;
}

function countyPopulation(world: WorldOptions, countyCode: string, year: number): number {
  const profile = countyProfile(countyCode);
  const noise = 1 + 0.001 * symmetric(new Rng(world.seed, `macro-population:${countyCode}`, year));
  return profile.population2019 * (1 + profile.populationTrend) ** (year - FIRST_YEAR) * noise;
}

function population(world: WorldOptions, region: RegionSeed, year: number): number {
  if (region.level === 'CITY') {
    // Summed from rounded county figures, as the bureau publishes them: the city is exactly its counties.
    return COUNTY_REGIONS.reduce(
      (sum, c) => sum + round(countyPopulation(world, c.code, year), 2),
      0,
    );
  }
  if (region.level === 'COUNTY') return countyPopulation(world, region.code, year);
  return countyPopulation(world, region.parentCode as string, year) * townShare(world, region);
}

/** The year's cumulative growth rate in a region: the city's plus a persistent and a yearly offset. */
function annualRate(world: WorldOptions, code: string, region: RegionSeed, year: number): number {
  const city = inPath(RATES[code], year, code);
  if (region.level === 'CITY') return city;
  const wide = region.level === 'TOWN' ? 2 : 1;
  const persistent =
    2 * wide * symmetric(new Rng(world.seed, `macro-rate-offset:${code}`, Number(region.code)));
  const yearly =
    1.5 * wide * symmetric(new Rng(world.seed, `macro-rate:${code}:${region.code}`, year));
  return city + persistent + yearly;
}

/** Figures of one year: the year's own and the year-to-date value after each month and quarter. */
export interface YearFigures {
  year: number;
  /** Index 0 is January; entries before the series' first month are unused. */
  months: number[];
  quarters: number[];
}

export function figuresOf(
  world: WorldOptions,
  indicator: IndicatorDefinition,
  region: RegionSeed,
): Map<number, YearFigures> {
  const code = indicator.code;
  const out = new Map<number, YearFigures>();
  if (code in LEVELS) {
    const levels = annualLevels(world, code, region);
    YEARS.forEach((year, k) => {
      const annual = levels[k];
      const rng = new Rng(world.seed, `macro-season:${code}:${region.code}`, year);
      if (code in INCOME_QUARTER_SHARES) {
        const shares = [...INCOME_QUARTER_SHARES[code].map((s) => s + 0.006 * symmetric(rng)), 1];
        out.set(year, { year: annual, months: [], quarters: shares.map((s) => annual * s) });
        return;
      }
      const flows = MONTH_WEIGHTS[code].map((w) => w * (1 + 0.04 * symmetric(rng)));
      const total = flows.reduce((s, f) => s + f, 0);
      let running = 0;
      // Dividing the running sum by the total makes December exactly 1 × the annual level.
      const months = flows.map((f) => annual * ((running += f) / total));
      out.set(year, { year: annual, months, quarters: [2, 5, 8, 11].map((m) => months[m]) });
    });
  } else if (code in RATES) {
    // Early cumulative growth strays from the year's and converges on it by December.
    const lambda = 0.72;
    const tail = lambda ** 10;
    for (const year of YEARS) {
      const annual = annualRate(world, code, region, year);
      const swing =
        EARLY_YEAR_SWING[year] ??
        3 * symmetric(new Rng(world.seed, `macro-swing:${code}:${region.code}`, year));
      const months = Array.from({ length: 12 }, (_, i) => {
        const m = i + 1;
        return m < 2 ? NaN : annual + (swing * (lambda ** (m - 2) - tail)) / (1 - tail);
      });
      out.set(year, { year: annual, months, quarters: [] });
    }
  } else if (code === 'CPI') {
    for (const year of YEARS) {
      const months = Array.from({ length: 12 }, (_, i) => {
        const m = i + 1;
        const festival =
          m === inPath(SPRING_FESTIVAL_MONTH, year, 'Spring Festival') ? 0.7 : m <= 2 ? -0.5 : 0;
        return round(
          100 +
            inPath(INFLATION, year, 'inflation') +
            festival +
            0.25 * symmetric(new Rng(world.seed, `macro-cpi:${region.code}`, year * 12 + m)),
          1,
        );
      });
      out.set(year, { year: months.reduce((s, v) => s + v, 0) / 12, months, quarters: [] });
    }
  } else if (code === 'RESIDENT_POPULATION') {
    for (const year of YEARS)
      out.set(year, { year: population(world, region, year), months: [], quarters: [] });
  } else {
    throw new Error(`no demo model for indicator ${code}`);
  }
  return out;
}

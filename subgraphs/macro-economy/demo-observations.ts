/**
 * The demo city's statistics: plausible, deterministic figures for every indicator, region and
 * period from 2019 to the last full year before the demo city's as-of day. A figure is a pure function of (seed, indicator, region, period), so the
 * seeder streams them and every run writes the same numbers.
 *
 * How they are made: a region's annual level follows the city's growth path (with the 2020
 * slump and 2021 rebound) scaled by the region's weight, with a little noise per region and
 * year; sub-annual figures spread the year over months with a seasonal pattern and are
 * accumulated from January, so the December (or fourth-quarter) figure always equals the year's.
 */
import { Rng } from '../../domain/demo/random';
import { WorldOptions } from '../../domain/demo/world';
import { CITY_CODE, COUNTY_REGIONS, RegionSeed, regionByCode, townsOf } from '../../domain/regions';
import { countyProfile, CountyProfile } from './county-profiles';
import { IndicatorDefinition } from './indicator-catalogue';
import { monthPeriod, Period, periodEnd, periodStart, PeriodType, quarterPeriod, yearPeriod } from './period';
import { ObservationStatus, releaseDate, STATISTICS_AS_OF, statusOn } from './release-calendar';

export const FIRST_YEAR = 2019;
/** Nothing is dated after the as-of day, so the last year is the one before it. */
export const LAST_YEAR = Number(STATISTICS_AS_OF.slice(0, 4)) - 1;

/**
 * Town-level series only from this many residents on: a small demo city stays small, a large one
 * gets the finer grid the bureau keeps for a few indicators.
 */
export const TOWN_SERIES_MIN_PERSONS = 100_000;

export type QualityFlag = 'NORMAL' | 'QUERIED' | 'REVISED' | 'IMPUTED';

export interface ObservationRow {
  indicator_code: string;
  region_code: string;
  period_type: PeriodType;
  period: string;
  period_start: string;
  period_end: string;
  value: number;
  status: ObservationStatus;
  released_on: string;
  quality_flag: QualityFlag;
  review_note: string | null;
  reporting_units: number | null;
  sampling_error: number | null;
}

/** The regions an indicator has figures for in this world: city, counties, and towns in large worlds. */
export function observationRegions(world: WorldOptions, indicator: IndicatorDefinition): RegionSeed[] {
  const city = regionByCode(CITY_CODE) as RegionSeed;
  if (indicator.coverage === 'CITY') return [city];
  const regions = [city, ...COUNTY_REGIONS];
  if (indicator.coverage === 'TOWN' && world.persons >= TOWN_SERIES_MIN_PERSONS) {
    for (const county of COUNTY_REGIONS) regions.push(...townsOf(county.code));
  }
  return regions;
}

export function periodsOf(indicator: IndicatorDefinition, type: PeriodType, year: number): Period[] {
  if (type === 'YEAR') return [yearPeriod(year)];
  if (type === 'QUARTER') return [1, 2, 3, 4].map((q) => quarterPeriod(year, q));
  const months: Period[] = [];
  for (let m = indicator.firstMonth; m <= 12; m++) months.push(monthPeriod(year, m));
  return months;
}

const YEARS: readonly number[] = Array.from({ length: LAST_YEAR - FIRST_YEAR + 1 }, (_, i) => FIRST_YEAR + i);

type YearPath = Readonly<Record<number, number>>;

/** City levels in 2019 and nominal growth thereafter. */
const LEVELS: Readonly<Record<string, { base2019: number; growth: YearPath; scale: (p: CountyProfile) => number }>> = {
  GDP: { base2019: 9383, growth: { 2020: 0.045, 2021: 0.105, 2022: 0.04, 2023: 0.045, 2024: 0.052, 2025: 0.05 }, scale: (p) => p.gdpShare },
  BUDGET_REVENUE: { base2019: 618, growth: { 2020: 0.01, 2021: 0.14, 2022: -0.05, 2023: 0.1, 2024: 0.02, 2025: 0.03 }, scale: (p) => p.revenueShare },
  RETAIL_SALES: { base2019: 3300, growth: { 2020: -0.02, 2021: 0.17, 2022: 0.01, 2023: 0.075, 2024: 0.05, 2025: 0.045 }, scale: (p) => p.retailShare },
  DISPOSABLE_INCOME_URBAN: { base2019: 51000, growth: { 2020: 0.035, 2021: 0.085, 2022: 0.045, 2023: 0.05, 2024: 0.045, 2025: 0.045 }, scale: (p) => p.urbanIncome },
  DISPOSABLE_INCOME_RURAL: { base2019: 25000, growth: { 2020: 0.065, 2021: 0.105, 2022: 0.06, 2023: 0.07, 2024: 0.06, 2025: 0.06 }, scale: (p) => p.ruralIncome },
};

/** City growth rates (%), the cumulative January-December figure of each year. */
const RATES: Readonly<Record<string, YearPath>> = {
  INDUSTRIAL_VALUE_ADDED_GROWTH: { 2019: 8.1, 2020: 2.2, 2021: 14.0, 2022: 6.5, 2023: 8.0, 2024: 8.9, 2025: 8.0 },
  FIXED_ASSET_INVESTMENT_GROWTH: { 2019: 8.5, 2020: 2.6, 2021: 7.3, 2022: 6.0, 2023: 1.5, 2024: 1.0, 2025: -1.2 },
};

/** How far early-year cumulative growth strays from the year's: the 2020 slump, the 2021 base effect. */
const EARLY_YEAR_SWING: YearPath = { 2020: -26, 2021: 28 };

/** CPI inflation (%) by year, and the month of the Spring Festival, which lifts that month's prices. */
const INFLATION: YearPath = { 2019: 2.9, 2020: 2.5, 2021: 1.0, 2022: 2.0, 2023: 0.3, 2024: 0.3, 2025: 0.0 };
const SPRING_FESTIVAL_MONTH: YearPath = { 2019: 2, 2020: 1, 2021: 2, 2022: 2, 2023: 1, 2024: 2, 2025: 1 };

/** Relative size of each month's flow: the Spring Festival trough, the year-end push. */
const MONTH_WEIGHTS: Readonly<Record<string, readonly number[]>> = {
  GDP: [1.0, 0.8, 1.05, 1.0, 1.02, 1.05, 1.0, 0.98, 1.03, 1.05, 1.05, 1.12],
  BUDGET_REVENUE: [1.35, 0.7, 0.95, 1.2, 1.1, 0.95, 1.05, 0.85, 0.85, 1.1, 0.85, 1.05],
  RETAIL_SALES: [1.1, 0.9, 0.93, 0.92, 0.98, 1.02, 0.93, 0.95, 0.99, 1.05, 1.06, 1.14],
};

/** Year-to-date share of annual income after each quarter (bonuses and farm sales come late). */
const INCOME_QUARTER_SHARES: Readonly<Record<string, readonly number[]>> = {
  DISPOSABLE_INCOME_URBAN: [0.285, 0.515, 0.755],
  DISPOSABLE_INCOME_RURAL: [0.31, 0.53, 0.755],
};

/** Share of a county's budget revenue collected by its town treasuries. */
const TOWN_REVENUE_FRACTION = 0.55;

/** A year's entry in a path; a missing year (the as-of day moved on) must fail the seed, not write NaN. */
function inPath(path: YearPath, year: number, what: string): number {
  const v = path[year];
  if (v === undefined) throw new Error(`no demo ${what} for ${year}: extend the paths in demo-observations.ts`);
  return v;
}

/** A uniform value in [-1, 1). */
function symmetric(rng: Rng): number {
  return rng.next() * 2 - 1;
}

function round(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}

/** A town's share of its county (subdistricts, being urban, weigh more); the towns of a county sum to 1. */
export function townShare(world: WorldOptions, town: RegionSeed): number {
  const weight = (t: RegionSeed) => {
    const subdistrict = Number(t.code.slice(6)) < 100;
    return (subdistrict ? 1.6 : 1) * (0.6 + 0.8 * new Rng(world.seed, 'macro-town-weight', Number(t.code)).next());
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
    scale = model.scale(countyProfile(region.parentCode as string)) * townShare(world, region) * TOWN_REVENUE_FRACTION;
  }
  const spread = yearlySpread(region);
  const levels: number[] = [];
  let level = model.base2019 * scale;
  for (const year of YEARS) {
    const rng = new Rng(world.seed, `macro-level:${code}:${region.code}`, year);
    level = year === FIRST_YEAR ? level * (1 + spread * symmetric(rng)) : level * (1 + inPath(model.growth, year, `${code} growth`) + spread * symmetric(rng));
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
    return COUNTY_REGIONS.reduce((sum, c) => sum + round(countyPopulation(world, c.code, year), 2), 0);
  }
  if (region.level === 'COUNTY') return countyPopulation(world, region.code, year);
  return countyPopulation(world, region.parentCode as string, year) * townShare(world, region);
}

/** The year's cumulative growth rate in a region: the city's plus a persistent and a yearly offset. */
function annualRate(world: WorldOptions, code: string, region: RegionSeed, year: number): number {
  const city = inPath(RATES[code], year, code);
  if (region.level === 'CITY') return city;
  const wide = region.level === 'TOWN' ? 2 : 1;
  const persistent = 2 * wide * symmetric(new Rng(world.seed, `macro-rate-offset:${code}`, Number(region.code)));
  const yearly = 1.5 * wide * symmetric(new Rng(world.seed, `macro-rate:${code}:${region.code}`, year));
  return city + persistent + yearly;
}

/** Figures of one year: the year's own and the year-to-date value after each month and quarter. */
interface YearFigures {
  year: number;
  /** Index 0 is January; entries before the series' first month are unused. */
  months: number[];
  quarters: number[];
}

function figuresOf(world: WorldOptions, indicator: IndicatorDefinition, region: RegionSeed): Map<number, YearFigures> {
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
      const swing = EARLY_YEAR_SWING[year] ?? 3 * symmetric(new Rng(world.seed, `macro-swing:${code}:${region.code}`, year));
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
        const festival = m === inPath(SPRING_FESTIVAL_MONTH, year, 'Spring Festival') ? 0.7 : m <= 2 ? -0.5 : 0;
        return round(100 + inPath(INFLATION, year, 'inflation') + festival + 0.25 * symmetric(new Rng(world.seed, `macro-cpi:${region.code}`, year * 12 + m)), 1);
      });
      out.set(year, { year: months.reduce((s, v) => s + v, 0) / 12, months, quarters: [] });
    }
  } else if (code === 'RESIDENT_POPULATION') {
    for (const year of YEARS) out.set(year, { year: population(world, region, year), months: [], quarters: [] });
  } else {
    throw new Error(`no demo model for indicator ${code}`);
  }
  return out;
}

/**
 * Units in the survey frame behind a figure from enterprise reporting (规模以上工业企业,
 * 固定资产投资项目, 限额以上批零住餐企业), city level in 2019, and their yearly growth.
 */
const REPORTING_UNITS: Readonly<Record<string, { base2019: number; growth: number; scale: (p: CountyProfile) => number }>> = {
  INDUSTRIAL_VALUE_ADDED_GROWTH: { base2019: 5200, growth: 0.04, scale: (p) => p.gdpShare },
  FIXED_ASSET_INVESTMENT_GROWTH: { base2019: 2600, growth: 0.02, scale: (p) => p.gdpShare },
  RETAIL_SALES: { base2019: 2100, growth: 0.05, scale: (p) => p.retailShare },
};

function reportingUnits(world: WorldOptions, code: string, region: RegionSeed, year: number): number | null {
  const frame = REPORTING_UNITS[code];
  if (!frame) return null;
  let scale = 1;
  if (region.level === 'COUNTY') scale = frame.scale(countyProfile(region.code));
  if (region.level === 'TOWN') scale = frame.scale(countyProfile(region.parentCode as string)) * townShare(world, region) * 0.9;
  const noise = 1 + 0.05 * symmetric(new Rng(world.seed, `macro-units:${code}:${region.code}`, year));
  return Math.max(1, Math.round(frame.base2019 * scale * (1 + frame.growth) ** (year - FIRST_YEAR) * noise));
}

/** Relative standard error (%) of figures estimated from sample surveys, by level of region. */
const SAMPLING_ERROR: Readonly<Record<string, Readonly<Record<RegionSeed['level'], number>>>> = {
  DISPOSABLE_INCOME_URBAN: { CITY: 1.0, COUNTY: 2.5, TOWN: 6 },
  DISPOSABLE_INCOME_RURAL: { CITY: 1.1, COUNTY: 2.8, TOWN: 6 },
  RESIDENT_POPULATION: { CITY: 0.2, COUNTY: 0.5, TOWN: 2.5 },
};

function samplingError(world: WorldOptions, code: string, region: RegionSeed, year: number): number | null {
  const levels = SAMPLING_ERROR[code];
  if (!levels) return null;
  return round(levels[region.level] * (1 + 0.3 * symmetric(new Rng(world.seed, `macro-sampling:${code}:${region.code}`, year))), 2);
}

const DECIMALS: Readonly<Record<string, number>> = { '%': 1, 元: 0, 万人: 2, 亿元: 2, '上年同期=100': 1 };

const QUERY_NOTES = [
  '部分规上企业报表数据与税务开票数据差异较大，已发函核查',
  '个别项目入库资料不全，待基层统计站补充佐证材料',
  '环比波动异常，已要求填报单位书面说明原因',
];
const REVISION_NOTES = ['经统计执法检查，更正个别企业虚报数据', '根据年度快报数据修订', '根据经济普查结果修订'];
const IMPUTATION_NOTE = '乡镇报表缺报，按上年结构推算';

/** The bureau's internal review of a figure: mostly clean, a few queried, revised or imputed. */
function qualityOf(world: WorldOptions, code: string, region: RegionSeed, periodKey: number): [QualityFlag, string | null] {
  const rng = new Rng(world.seed, `macro-quality:${code}:${region.code}`, periodKey);
  const r = rng.next();
  if (region.level === 'TOWN' && r < 0.05) return ['IMPUTED', IMPUTATION_NOTE];
  if (r > 0.98) return ['QUERIED', rng.pick(QUERY_NOTES)];
  if (r > 0.97) return ['REVISED', rng.pick(REVISION_NOTES)];
  return ['NORMAL', null];
}

function periodKey(p: Period): number {
  return p.year * 100 + (p.type === 'YEAR' ? 0 : p.type === 'QUARTER' ? 20 + p.lastMonth / 3 : p.firstMonth);
}

/** Every observation of one indicator in one region, year by year. */
export function* demoObservations(world: WorldOptions, indicator: IndicatorDefinition, region: RegionSeed): Generator<ObservationRow> {
  const figures = figuresOf(world, indicator, region);
  const decimals = DECIMALS[indicator.unit] ?? 2;
  for (const year of YEARS) {
    const f = figures.get(year) as YearFigures;
    for (const type of indicator.periodTypes) {
      for (const period of periodsOf(indicator, type, year)) {
        const raw = type === 'YEAR' ? f.year : type === 'QUARTER' ? f.quarters[period.lastMonth / 3 - 1] : f.months[period.lastMonth - 1];
        const releasedOn = releaseDate(indicator, period);
        const [flag, note] = qualityOf(world, indicator.code, region, periodKey(period));
        yield {
          indicator_code: indicator.code,
          region_code: region.code,
          period_type: type,
          period: period.label,
          period_start: periodStart(period),
          period_end: periodEnd(period),
          value: round(raw, decimals),
          status: statusOn(releasedOn),
          released_on: releasedOn,
          quality_flag: flag,
          review_note: note,
          reporting_units: reportingUnits(world, indicator.code, region, year),
          sampling_error: samplingError(world, indicator.code, region, year),
        };
      }
    }
  }
}

/**
 * The demo city's statistics: plausible, deterministic figures for every indicator, region and
 * period from 2019 to the last full year before the demo city's as-of day. A figure is a pure
 * function of (seed, indicator, region, period), so the seeder streams them and every run
 * writes the same numbers.
 *
 * The figures come from demo-year-figures.ts (the model) over demo-economy-paths.ts (the city's
 * path as data); demo-figure-review.ts adds what the bureau records about each figure. This
 * file turns them into rows, one per period.
 */
import { WorldOptions } from '../../domain/demo/world';
import { CITY_CODE, COUNTY_REGIONS, RegionSeed, regionByCode, townsOf } from '../../domain/regions';
import { YEARS } from './demo-economy-paths';
import { QualityFlag, qualityOf, reportingUnits, samplingError } from './demo-figure-review';
import { figuresOf, round, YearFigures } from './demo-year-figures';
import { IndicatorDefinition } from './indicator-catalogue';
import {
  monthPeriod,
  Period,
  periodEnd,
  periodStart,
  PeriodType,
  quarterPeriod,
  yearPeriod,
} from './period';
import { ObservationStatus, releaseDate, statusOn } from './release-calendar';

export { FIRST_YEAR, LAST_YEAR } from './demo-economy-paths';
export type { QualityFlag } from './demo-figure-review';

/**
 * Town-level series only from this many residents on: a small demo city stays small, a large one
 * gets the finer grid the bureau keeps for a few indicators.
 */
export const TOWN_SERIES_MIN_PERSONS = 100_000;

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
export function observationRegions(
  world: WorldOptions,
  indicator: IndicatorDefinition,
): RegionSeed[] {
  const city = regionByCode(CITY_CODE) as RegionSeed;
  if (indicator.coverage === 'CITY') return [city];
  const regions = [city, ...COUNTY_REGIONS];
  if (indicator.coverage === 'TOWN' && world.persons >= TOWN_SERIES_MIN_PERSONS) {
    for (const county of COUNTY_REGIONS) regions.push(...townsOf(county.code));
  }
  return regions;
}

export function periodsOf(
  indicator: IndicatorDefinition,
  type: PeriodType,
  year: number,
): Period[] {
  if (type === 'YEAR') return [yearPeriod(year)];
  if (type === 'QUARTER') return [1, 2, 3, 4].map((q) => quarterPeriod(year, q));
  const months: Period[] = [];
  for (let m = indicator.firstMonth; m <= 12; m++) months.push(monthPeriod(year, m));
  return months;
}

const DECIMALS: Readonly<Record<string, number>> = {
  '%': 1,
  元: 0,
  万人: 2,
  亿元: 2,
  '上年同期=100': 1,
};

function periodKey(p: Period): number {
  return (
    p.year * 100 +
    (p.type === 'YEAR' ? 0 : p.type === 'QUARTER' ? 20 + p.lastMonth / 3 : p.firstMonth)
  );
}

/** Every observation of one indicator in one region, year by year. */
export function* demoObservations(
  world: WorldOptions,
  indicator: IndicatorDefinition,
  region: RegionSeed,
): Generator<ObservationRow> {
  const figures = figuresOf(world, indicator, region);
  const decimals = DECIMALS[indicator.unit] ?? 2;
  for (const year of YEARS) {
    const f = figures.get(year) as YearFigures;
    for (const type of indicator.periodTypes) {
      for (const period of periodsOf(indicator, type, year)) {
        const raw =
          type === 'YEAR'
            ? f.year
            : type === 'QUARTER'
              ? f.quarters[period.lastMonth / 3 - 1]
              : f.months[period.lastMonth - 1];
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

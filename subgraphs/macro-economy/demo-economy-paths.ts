/**
 * The demo city's economic path as data: city levels in 2019 and their nominal growth, growth
 * rates, inflation, the seasons that spread a year over its months, and the survey frames
 * behind the figures. Every year from FIRST_YEAR to LAST_YEAR needs an entry; when the as-of
 * day moves on, a missing year fails the seed instead of writing NaN.
 */
import { CountyProfile } from './county-profiles';
import { RegionSeed } from '../../domain/regions';
import { STATISTICS_AS_OF } from './release-calendar';

export const FIRST_YEAR = 2019;
/** Nothing is dated after the as-of day, so the last year is the one before it. */
export const LAST_YEAR = Number(STATISTICS_AS_OF.slice(0, 4)) - 1;

export const YEARS: readonly number[] = Array.from(
  { length: LAST_YEAR - FIRST_YEAR + 1 },
  (_, i) => FIRST_YEAR + i,
);

export type YearPath = Readonly<Record<number, number>>;

/** A year's entry in a path; a missing year (the as-of day moved on) must fail the seed, not write NaN. */
export function inPath(path: YearPath, year: number, what: string): number {
  const v = path[year];
  if (v === undefined)
    throw new Error(`no demo ${what} for ${year}: extend the paths in demo-economy-paths.ts`);
  return v;
}

/** City levels in 2019 and nominal growth thereafter. */
export const LEVELS: Readonly<
  Record<string, { base2019: number; growth: YearPath; scale: (p: CountyProfile) => number }>
> = {
  GDP: {
    base2019: 9383,
    growth: { 2020: 0.045, 2021: 0.105, 2022: 0.04, 2023: 0.045, 2024: 0.052, 2025: 0.05 },
    scale: (p) => p.gdpShare,
  },
  BUDGET_REVENUE: {
    base2019: 618,
    growth: { 2020: 0.01, 2021: 0.14, 2022: -0.05, 2023: 0.1, 2024: 0.02, 2025: 0.03 },
    scale: (p) => p.revenueShare,
  },
  RETAIL_SALES: {
    base2019: 3300,
    growth: { 2020: -0.02, 2021: 0.17, 2022: 0.01, 2023: 0.075, 2024: 0.05, 2025: 0.045 },
    scale: (p) => p.retailShare,
  },
  DISPOSABLE_INCOME_URBAN: {
    base2019: 51000,
    growth: { 2020: 0.035, 2021: 0.085, 2022: 0.045, 2023: 0.05, 2024: 0.045, 2025: 0.045 },
    scale: (p) => p.urbanIncome,
  },
  DISPOSABLE_INCOME_RURAL: {
    base2019: 25000,
    growth: { 2020: 0.065, 2021: 0.105, 2022: 0.06, 2023: 0.07, 2024: 0.06, 2025: 0.06 },
    scale: (p) => p.ruralIncome,
  },
};

/** City growth rates (%), the cumulative January-December figure of each year. */
export const RATES: Readonly<Record<string, YearPath>> = {
  INDUSTRIAL_VALUE_ADDED_GROWTH: {
    2019: 8.1,
    2020: 2.2,
    2021: 14.0,
    2022: 6.5,
    2023: 8.0,
    2024: 8.9,
    2025: 8.0,
  },
  FIXED_ASSET_INVESTMENT_GROWTH: {
    2019: 8.5,
    2020: 2.6,
    2021: 7.3,
    2022: 6.0,
    2023: 1.5,
    2024: 1.0,
    2025: -1.2,
  },
};

/** How far early-year cumulative growth strays from the year's: the 2020 slump, the 2021 base effect. */
export const EARLY_YEAR_SWING: YearPath = { 2020: -26, 2021: 28 };

/** CPI inflation (%) by year, and the month of the Spring Festival, which lifts that month's prices. */
export const INFLATION: YearPath = {
  2019: 2.9,
  2020: 2.5,
  2021: 1.0,
  2022: 2.0,
  2023: 0.3,
  2024: 0.3,
  2025: 0.0,
};
export const SPRING_FESTIVAL_MONTH: YearPath = {
  2019: 2,
  2020: 1,
  2021: 2,
  2022: 2,
  2023: 1,
  2024: 2,
  2025: 1,
};

/** Relative size of each month's flow: the Spring Festival trough, the year-end push. */
export const MONTH_WEIGHTS: Readonly<Record<string, readonly number[]>> = {
  GDP: [1.0, 0.8, 1.05, 1.0, 1.02, 1.05, 1.0, 0.98, 1.03, 1.05, 1.05, 1.12],
  BUDGET_REVENUE: [1.35, 0.7, 0.95, 1.2, 1.1, 0.95, 1.05, 0.85, 0.85, 1.1, 0.85, 1.05],
  RETAIL_SALES: [1.1, 0.9, 0.93, 0.92, 0.98, 1.02, 0.93, 0.95, 0.99, 1.05, 1.06, 1.14],
};

/** Year-to-date share of annual income after each quarter (bonuses and farm sales come late). */
export const INCOME_QUARTER_SHARES: Readonly<Record<string, readonly number[]>> = {
  DISPOSABLE_INCOME_URBAN: [0.285, 0.515, 0.755],
  DISPOSABLE_INCOME_RURAL: [0.31, 0.53, 0.755],
};

/** Share of a county's budget revenue collected by its town treasuries. */
export const TOWN_REVENUE_FRACTION = 0.55;

/**
 * Units in the survey frame behind a figure from enterprise reporting (规模以上工业企业,
 * 固定资产投资项目, 限额以上批零住餐企业), city level in 2019, and their yearly growth.
 */
export const REPORTING_UNITS: Readonly<
  Record<string, { base2019: number; growth: number; scale: (p: CountyProfile) => number }>
> = {
  INDUSTRIAL_VALUE_ADDED_GROWTH: { base2019: 5200, growth: 0.04, scale: (p) => p.gdpShare },
  FIXED_ASSET_INVESTMENT_GROWTH: { base2019: 2600, growth: 0.02, scale: (p) => p.gdpShare },
  RETAIL_SALES: { base2019: 2100, growth: 0.05, scale: (p) => p.retailShare },
};

/** Relative standard error (%) of figures estimated from sample surveys, by level of region. */
export const SAMPLING_ERROR: Readonly<
  Record<string, Readonly<Record<RegionSeed['level'], number>>>
> = {
  DISPOSABLE_INCOME_URBAN: { CITY: 1.0, COUNTY: 2.5, TOWN: 6 },
  DISPOSABLE_INCOME_RURAL: { CITY: 1.1, COUNTY: 2.8, TOWN: 6 },
  RESIDENT_POPULATION: { CITY: 0.2, COUNTY: 0.5, TOWN: 2.5 },
};

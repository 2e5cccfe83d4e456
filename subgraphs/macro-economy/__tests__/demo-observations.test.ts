import { createWorld } from '../../../domain/demo/world';
import { COUNTY_REGIONS, regionByCode, RegionSeed, townsOf } from '../../../domain/regions';
import {
  demoObservations,
  FIRST_YEAR,
  LAST_YEAR,
  ObservationRow,
  observationRegions,
  TOWN_SERIES_MIN_PERSONS,
} from '../demo-observations';
import { IndicatorDefinition, indicatorDefinition, INDICATORS } from '../indicator-catalogue';
import { STATISTICS_AS_OF } from '../release-calendar';

const world = createWorld({ seed: 5, persons: 5000 });
const city = regionByCode('320600') as RegionSeed;

function indicator(code: string): IndicatorDefinition {
  return indicatorDefinition(code) as IndicatorDefinition;
}

function rows(code: string, region: RegionSeed, w = world): ObservationRow[] {
  return [...demoObservations(w, indicator(code), region)];
}

function value(list: ObservationRow[], period: string): number {
  const found = list.find((r) => r.period === period);
  if (!found) throw new Error(`no ${period}`);
  return found.value;
}

describe('demo statistics', () => {
  it('are the same for the same seed and differ for another', () => {
    expect(rows('GDP', city)).toEqual(rows('GDP', city));
    expect(rows('GDP', city).map((r) => r.value)).not.toEqual(
      rows('GDP', city, createWorld({ seed: 6, persons: 5000 })).map((r) => r.value),
    );
  });

  it('cover every year from 2019 to the last before the as-of day for every period type an indicator offers', () => {
    for (const def of INDICATORS) {
      const list = [...demoObservations(world, def, observationRegions(world, def)[0])];
      expect(new Set(list.map((r) => r.period.slice(0, 4)))).toEqual(
        new Set(
          Array.from({ length: LAST_YEAR - FIRST_YEAR + 1 }, (_, i) => String(FIRST_YEAR + i)),
        ),
      );
      expect(new Set(list.map((r) => r.period_type))).toEqual(new Set(def.periodTypes));
    }
  });

  it('accumulate sub-annual figures so that December and the fourth quarter equal the year', () => {
    for (const code of [
      'GDP',
      'BUDGET_REVENUE',
      'RETAIL_SALES',
      'DISPOSABLE_INCOME_URBAN',
      'INDUSTRIAL_VALUE_ADDED_GROWTH',
    ]) {
      for (const region of [city, COUNTY_REGIONS[3]]) {
        const list = rows(code, region);
        for (let year = FIRST_YEAR; year <= LAST_YEAR; year++) {
          const last = indicator(code).periodTypes.includes('QUARTER')
            ? `${year}-Q4`
            : `${year}-12`;
          expect(value(list, last)).toBe(value(list, String(year)));
        }
      }
    }
  });

  it('grow cumulative levels month by month within a year', () => {
    const months = rows('BUDGET_REVENUE', city).filter(
      (r) => r.period_type === 'MONTH' && r.period.startsWith('2024'),
    );
    expect(months.map((r) => r.period)).toEqual(
      Array.from({ length: 12 }, (_, i) => `2024-${String(i + 1).padStart(2, '0')}`),
    );
    months.slice(1).forEach((r, i) => expect(r.value).toBeGreaterThan(months[i].value));
  });

  it('report January together with February for the enterprise surveys', () => {
    expect(rows('RETAIL_SALES', city).some((r) => r.period.endsWith('-01'))).toBe(false);
    expect(rows('RETAIL_SALES', city).some((r) => r.period === '2024-02')).toBe(true);
    expect(rows('BUDGET_REVENUE', city).some((r) => r.period === '2024-01')).toBe(true);
  });

  it('show the 2020 slump in early cumulative industrial growth', () => {
    const list = rows('INDUSTRIAL_VALUE_ADDED_GROWTH', city);
    expect(value(list, '2020-02')).toBeLessThan(-10);
    expect(value(list, '2021-02')).toBeGreaterThan(20);
  });

  it('stay in plausible ranges for Nantong', () => {
    expect(value(rows('GDP', city), '2023')).toBeGreaterThan(10_000);
    expect(value(rows('GDP', city), '2023')).toBeLessThan(13_500);
    expect(value(rows('RESIDENT_POPULATION', city), '2023')).toBeGreaterThan(760);
    expect(value(rows('RESIDENT_POPULATION', city), '2023')).toBeLessThan(785);
    for (const r of rows('CPI', city)) expect(Math.abs(r.value - 100)).toBeLessThan(5);
    const urban = value(rows('DISPOSABLE_INCOME_URBAN', city), '2023');
    const rural = value(rows('DISPOSABLE_INCOME_RURAL', city), '2023');
    expect(urban).toBeGreaterThan(rural);
  });

  it('scale levels by the size of the region, but not per-capita income', () => {
    const chongchuan = regionByCode('320602') as RegionSeed;
    const rudong = regionByCode('320623') as RegionSeed;
    expect(value(rows('GDP', chongchuan), '2024')).toBeGreaterThan(
      value(rows('GDP', rudong), '2024'),
    );
    expect(value(rows('GDP', city), '2024')).toBeGreaterThan(
      5 * value(rows('GDP', chongchuan), '2024'),
    );
    const ratio =
      value(rows('DISPOSABLE_INCOME_URBAN', rudong), '2024') /
      value(rows('DISPOSABLE_INCOME_URBAN', city), '2024');
    expect(ratio).toBeGreaterThan(0.85);
    expect(ratio).toBeLessThan(1.15);
  });

  it('make the city population the sum of its counties, and a county close to the sum of its towns', () => {
    const large = createWorld({ seed: 5, persons: TOWN_SERIES_MIN_PERSONS });
    const counties = COUNTY_REGIONS.reduce(
      (s, c) => s + value(rows('RESIDENT_POPULATION', c, large), '2022'),
      0,
    );
    expect(value(rows('RESIDENT_POPULATION', city, large), '2022')).toBeCloseTo(counties, 6);
    const county = COUNTY_REGIONS[1];
    const towns = townsOf(county.code).reduce(
      (s, t) => s + value(rows('RESIDENT_POPULATION', t, large), '2022'),
      0,
    );
    expect(
      Math.abs(towns - value(rows('RESIDENT_POPULATION', county, large), '2022')),
    ).toBeLessThan(0.2);
  });

  it('add town series only in large worlds, and only for indicators compiled for towns', () => {
    const small = createWorld({ seed: 5, persons: TOWN_SERIES_MIN_PERSONS - 1 });
    const large = createWorld({ seed: 5, persons: TOWN_SERIES_MIN_PERSONS });
    const levels = (w: typeof world, code: string) =>
      observationRegions(w, indicator(code)).map((r) => r.level);
    expect(levels(small, 'RESIDENT_POPULATION')).not.toContain('TOWN');
    expect(levels(large, 'RESIDENT_POPULATION')).toContain('TOWN');
    expect(levels(large, 'GDP')).not.toContain('TOWN');
    expect(levels(large, 'CPI')).toEqual(['CITY']);
  });

  it('mark figures released after the as-of day preliminary, and the rest final', () => {
    for (const r of rows('GDP', city))
      expect(r.status).toBe(r.released_on > STATISTICS_AS_OF ? 'PRELIMINARY' : 'FINAL');
    expect(
      rows('GDP', city)
        .filter((r) => r.status === 'PRELIMINARY')
        .map((r) => r.period),
    ).toEqual([`${LAST_YEAR}-Q4`, String(LAST_YEAR)]);
  });
});

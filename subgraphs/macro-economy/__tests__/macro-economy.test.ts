import { postGraphQL } from '../../../test/utils/graphql-client';
import { describeWithService } from '../../../test/utils/services';
import {
  createTempDatabase,
  TempDatabase,
  TempDatabaseOptions,
} from '../../../test/utils/temp-database';
import { COUNTY_REGIONS, TOWN_REGIONS } from '../../../domain/regions';
import { QueryCounter } from '../../kit/query-counter';
import { RunningSubgraph, startSubgraphServer } from '../../kit/subgraph-server';
import { TOWN_SERIES_MIN_PERSONS } from '../demo-observations';
import { INDICATORS } from '../indicator-catalogue';
import { STATISTICS_AS_OF } from '../release-calendar';
import { macroEconomySubgraph } from '../module';

interface ObservationJson {
  period: string;
  value: number;
  status: string;
  releasedOn: string;
  unit: string;
}
interface SeriesJson {
  indicator: { code: string };
  regionCode: string;
  periodType: string;
  observations: ObservationJson[];
  preliminaryObservations: ObservationJson[];
}

const SERIES_FIELDS = `indicator { code } regionCode periodType observations { period value unit status releasedOn } preliminaryObservations { period value status releasedOn }`;

/** Region.indicators through federation's entity entry point, as the gateway calls it. */
async function regionSeries(
  url: string,
  codes: string[],
  args: string,
): Promise<{ data: SeriesJson[][] | null; errors: any[] | undefined }> {
  const { body } = await postGraphQL(
    url,
    `query($r: [_Any!]!) { _entities(representations: $r) { ... on Region { code indicators${args} { ${SERIES_FIELDS} } } } }`,
    {
      r: codes.map((code) => ({ __typename: 'Region', code })),
    },
  );
  return {
    data:
      body.data?._entities?.map((e: { indicators: SeriesJson[] } | null) => e?.indicators ?? []) ??
      null,
    errors: body.errors,
  };
}

function startServer(options: TempDatabaseOptions) {
  const state = {} as { temp: TempDatabase; server: RunningSubgraph };
  beforeAll(async () => {
    state.temp = await createTempDatabase(macroEconomySubgraph, options);
    state.server = await startSubgraphServer(macroEconomySubgraph, {
      db: state.temp.db,
      port: 0,
      log: () => {},
    });
    // Seeding a temporary MariaDB copy took over Jest's default 5 s on a loaded CI machine.
  }, 60_000);
  afterAll(async () => {
    await state.server?.stop();
    await state.temp?.cleanup();
  });
  return state;
}

/** Behaviour that must hold on every database backend. */
function seriesBehaviour(state: { temp: TempDatabase; server: RunningSubgraph }): void {
  it('answers a quarter range with the quarters inside it, in period order', async () => {
    const { data, errors } = await regionSeries(
      state.server.url,
      ['320602'],
      `(codes: ["GDP"], periodType: QUARTER, from: "2023", to: "2023")`,
    );
    expect(errors).toBeUndefined();
    const [series] = data![0];
    expect(series).toMatchObject({
      indicator: { code: 'GDP' },
      regionCode: '320602',
      periodType: 'QUARTER',
    });
    expect(series.observations.map((o) => o.period)).toEqual([
      '2023-Q1',
      '2023-Q2',
      '2023-Q3',
      '2023-Q4',
    ]);
    const values = series.observations.map((o) => o.value);
    expect([...values].sort((a, b) => a - b)).toEqual(values);
    expect(series.observations.every((o) => o.unit === '亿元' && o.status === 'FINAL')).toBe(true);
  });

  it('resolves many regions with the same number of queries as one', async () => {
    const towns = TOWN_REGIONS.slice(0, 50).map((t) => t.code);
    const counter = new QueryCounter(state.temp.db);
    await regionSeries(
      state.server.url,
      towns.slice(0, 1),
      `(codes: ["BUDGET_REVENUE", "RESIDENT_POPULATION"], from: "2023")`,
    );
    const one = counter.count;
    counter.reset();
    const { data, errors } = await regionSeries(
      state.server.url,
      towns,
      `(codes: ["BUDGET_REVENUE", "RESIDENT_POPULATION"], from: "2023")`,
    );
    counter.detach();
    expect(errors).toBeUndefined();
    expect(data).toHaveLength(50);
    expect(data!.every((series) => series.every((s) => s.observations.length > 0))).toBe(true);
    expect(counter.count).toBe(one);
  });
}

describe('macro-economy subgraph', () => {
  // Large enough for town series, which the entity-batch test resolves.
  const state = startServer({ persons: TOWN_SERIES_MIN_PERSONS, seed: 3 });

  describe('catalogue', () => {
    it('lists the indicator definitions in catalogue order with their period types', async () => {
      const { body } = await postGraphQL(
        state.server.url,
        `{ indicators { code name nameEn unit periodTypes valueKind cumulative coverage source } }`,
      );
      expect(body.errors).toBeUndefined();
      expect(body.data?.indicators.map((i: { code: string }) => i.code)).toEqual(
        INDICATORS.map((i) => i.code),
      );
      expect(body.data?.indicators[0]).toMatchObject({
        code: 'GDP',
        name: '地区生产总值',
        unit: '亿元',
        periodTypes: ['QUARTER', 'YEAR'],
        valueKind: 'LEVEL',
        cumulative: true,
        coverage: 'COUNTY',
      });
    });

    it('looks one indicator up by code', async () => {
      const { body } = await postGraphQL(
        state.server.url,
        `{ indicator(code: "CPI") { code name periodTypes valueKind cumulative coverage } }`,
      );
      expect(body.data?.indicator).toEqual({
        code: 'CPI',
        name: '居民消费价格指数',
        periodTypes: ['MONTH', 'YEAR'],
        valueKind: 'INDEX',
        cumulative: false,
        coverage: 'CITY',
      });
    });

    it('rejects an unknown indicator code with BAD_USER_INPUT naming the known codes', async () => {
      const { body } = await postGraphQL(state.server.url, `{ indicator(code: "GNP") { code } }`);
      expect(body.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        argumentName: 'code',
        problem: 'UNKNOWN',
      });
      expect(body.errors?.[0].message).toContain('RESIDENT_POPULATION');
    });
  });

  describe('Region.indicators', () => {
    seriesBehaviour(state);

    it('orders series by the codes asked for, then MONTH, QUARTER, YEAR', async () => {
      const { data } = await regionSeries(
        state.server.url,
        ['320600'],
        `(codes: ["RESIDENT_POPULATION", "GDP", "BUDGET_REVENUE"], from: "2023-Q4", to: "2023")`,
      );
      expect(data![0].map((s) => `${s.indicator.code}/${s.periodType}`)).toEqual([
        'RESIDENT_POPULATION/YEAR',
        'GDP/QUARTER',
        'GDP/YEAR',
        'BUDGET_REVENUE/MONTH',
        'BUDGET_REVENUE/YEAR',
      ]);
      const byKey = new Map(
        data![0].map((s) => [
          `${s.indicator.code}/${s.periodType}`,
          s.observations.map((o) => o.period),
        ]),
      );
      // The year 2023 starts before 2023-Q4, so a range from 2023-Q4 leaves it out.
      expect(byKey.get('GDP/YEAR')).toEqual([]);
      expect(byKey.get('GDP/QUARTER')).toEqual(['2023-Q4']);
      expect(byKey.get('BUDGET_REVENUE/MONTH')).toEqual(['2023-10', '2023-11', '2023-12']);
    });

    it('gives every indicator in catalogue order when no codes are asked for', async () => {
      const { data } = await regionSeries(
        state.server.url,
        ['320600'],
        `(periodType: YEAR, from: "2022", to: "2022")`,
      );
      expect(data![0].map((s) => s.indicator.code)).toEqual(INDICATORS.map((i) => i.code));
      expect(
        data![0].every((s) => s.observations.length === 1 && s.observations[0].period === '2022'),
      ).toBe(true);
    });

    it('has no January figure for indicators reported as January-February', async () => {
      const { data } = await regionSeries(
        state.server.url,
        ['320600'],
        `(codes: ["RETAIL_SALES"], periodType: MONTH, from: "2023", to: "2023")`,
      );
      expect(data![0][0].observations.map((o) => o.period)[0]).toBe('2023-02');
      expect(data![0][0].observations).toHaveLength(11);
    });

    it('keeps figures not yet released out of the released list', async () => {
      const { data } = await regionSeries(
        state.server.url,
        ['320600'],
        `(codes: ["GDP"], periodType: YEAR)`,
      );
      const [series] = data![0];
      expect(series.observations.map((o) => o.period)).toEqual([
        '2019',
        '2020',
        '2021',
        '2022',
        '2023',
      ]);
      expect(series.preliminaryObservations).toEqual([
        expect.objectContaining({ period: '2024', status: 'PRELIMINARY' }),
      ]);
      expect(series.preliminaryObservations[0].releasedOn > STATISTICS_AS_OF).toBe(true);
      expect(series.observations.every((o) => o.releasedOn <= STATISTICS_AS_OF)).toBe(true);
    });

    it('gives the reporting units behind enterprise-survey figures and the sampling error of sample-survey ones', async () => {
      const { body } = await postGraphQL(
        state.server.url,
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on Region { indicators(codes: ["INDUSTRIAL_VALUE_ADDED_GROWTH", "GDP", "DISPOSABLE_INCOME_RURAL"], periodType: YEAR, from: "2023", to: "2023") { indicator { code } observations { reportingUnits samplingError qualityFlag } } } } }`,
        { r: [{ __typename: 'Region', code: '320612' }] },
      );
      expect(body.errors).toBeUndefined();
      const [industry, gdp, income] = body.data!._entities[0].indicators.map(
        (s: { observations: unknown[] }) => s.observations[0],
      );
      expect(industry.reportingUnits).toBeGreaterThan(100);
      expect(industry.samplingError).toBeNull();
      expect(gdp).toMatchObject({ reportingUnits: null, samplingError: null });
      expect(income.reportingUnits).toBeNull();
      expect(income.samplingError).toBeGreaterThan(0);
      expect(['NORMAL', 'QUERIED', 'REVISED', 'IMPUTED']).toContain(income.qualityFlag);
    });

    it('leaves out an indicator not compiled for the period type asked', async () => {
      const { data, errors } = await regionSeries(
        state.server.url,
        ['320600'],
        `(codes: ["CPI"], periodType: QUARTER)`,
      );
      expect(errors).toBeUndefined();
      expect(data![0]).toEqual([]);
    });

    it('answers a county for a city-only indicator with an empty series', async () => {
      const { data } = await regionSeries(
        state.server.url,
        ['320623'],
        `(codes: ["CPI"], periodType: YEAR)`,
      );
      expect(data![0]).toEqual([
        expect.objectContaining({ observations: [], preliminaryObservations: [] }),
      ]);
    });

    it('batches regions of different size into figures that scale with them', async () => {
      const codes = ['320600', ...COUNTY_REGIONS.map((c) => c.code)];
      const { data } = await regionSeries(
        state.server.url,
        codes,
        `(codes: ["GDP"], periodType: YEAR, from: "2023", to: "2023")`,
      );
      const gdp = data!.map((series) => series[0].observations[0].value);
      const [city, ...counties] = gdp;
      expect(counties.every((v) => v > 0 && v < city)).toBe(true);
      expect(data!.map((series) => series[0].regionCode)).toEqual(codes);
    });

    it.each([
      ['from', '2024-13', 'FORMAT'],
      ['from', '2024-Q5', 'FORMAT'],
      ['to', '24-01', 'FORMAT'],
      ['to', '2024/01', 'FORMAT'],
      ['from', '1900', 'RANGE'],
    ])('rejects %s: "%s" with BAD_USER_INPUT (%s)', async (argument, period, problem) => {
      const { errors } = await regionSeries(
        state.server.url,
        ['320600'],
        `(codes: ["GDP"], ${argument}: "${period}")`,
      );
      expect(errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        argumentName: argument,
        problem,
      });
      expect(errors?.[0].message).toContain(period);
    });

    it('rejects a range that ends before it begins', async () => {
      const { errors } = await regionSeries(
        state.server.url,
        ['320600'],
        `(codes: ["GDP"], from: "2024-Q2", to: "2024-03")`,
      );
      expect(errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        argumentName: 'to',
        problem: 'RANGE',
      });
    });

    it('rejects an unknown indicator code with BAD_USER_INPUT', async () => {
      const { errors } = await regionSeries(
        state.server.url,
        ['320600'],
        `(codes: ["GDP", "UNEMPLOYMENT"])`,
      );
      expect(errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        argumentName: 'codes',
        problem: 'UNKNOWN',
      });
      expect(errors?.[0].message).toContain('UNEMPLOYMENT');
    });
  });
});

describeWithService('mysql', 'macro-economy subgraph on MariaDB', () => {
  seriesBehaviour(startServer({ persons: TOWN_SERIES_MIN_PERSONS, seed: 3, backend: 'mysql' }));
});

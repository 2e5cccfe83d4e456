import { createWorld, entityAt } from '../../../domain/demo/world';
import { CITY_CODE, COUNTY_REGIONS, TOWN_REGIONS, townsOf } from '../../../domain/regions';
import { postGraphQL } from '../../../test/utils/graphql-client';
import { describeWithService } from '../../../test/utils/services';
import {
  createTempDatabase,
  TempDatabase,
  TempDatabaseOptions,
} from '../../../test/utils/temp-database';
import { haversineMeters } from '../../kit/geo';
import { QueryCounter } from '../../kit/query-counter';
import { RunningSubgraph, startSubgraphServer } from '../../kit/subgraph-server';
import { cityPartsSubgraph } from '../module';
import { parseCityPartCode } from '../city-part-code';
import { rebuildCityPartTallies, tallies } from '../part-tallies';
import { cityPartCountFor, contractorsByCounty } from '../seed';

const PERSONS = 6000;
const SEED = 7; // createTempDatabase's default seed

interface PartPoint {
  code: string;
  longitude: number;
  latitude: number;
}

interface ClassCount {
  class: string;
  total: number;
  byStatus: { status: string; count: number }[];
}

function cityPartsSuite(options: TempDatabaseOptions) {
  return () => {
    let temp: TempDatabase;
    let server: RunningSubgraph;

    beforeAll(async () => {
      temp = await createTempDatabase(cityPartsSubgraph, { persons: PERSONS, ...options });
      server = await startSubgraphServer(cityPartsSubgraph, {
        db: temp.db,
        port: 0,
        log: () => {},
      });
    });
    afterAll(async () => {
      await server?.stop();
      await temp?.cleanup();
    });

    const gql = (query: string, variables: Record<string, unknown> = {}) =>
      postGraphQL(server.url, query, variables);
    const regionRef = (code: string) => ({ __typename: 'Region', code });

    it('seeds one component per twenty residents, each with a well-formed code inside its town', async () => {
      const rows: {
        code: string;
        county_code: string;
        town_code: string;
        class: string;
        longitude: number;
        latitude: number;
      }[] = await temp.db('city_parts').select('*');
      expect(rows).toHaveLength(cityPartCountFor(PERSONS));
      for (const r of rows) {
        const parsed = parseCityPartCode(r.code);
        expect(parsed).toMatchObject({ countyCode: r.county_code, class: r.class });
        const town = TOWN_REGIONS.find((t) => t.code === r.town_code);
        expect(town?.parentCode).toBe(r.county_code);
        const [x0, y0, x1, y1] = town!.bbox;
        expect(r.longitude >= x0 && r.longitude <= x1 && r.latitude >= y0 && r.latitude <= y1).toBe(
          true,
        );
      }
    });

    it('looks a component up with its subclass, place and custodian', async () => {
      const row = await temp
        .db('city_parts')
        .whereNotNull('custodian_credit_code')
        .orderBy('code')
        .first();
      const { body } = await gql(
        `query($c: ID!) { cityPart(code: $c) { code name class subclass { code name } status region { code } county { code } location { longitude latitude } custodian { name enterprise { creditCode } dutyPhone } installedOn assetLedgerNumber } }`,
        { c: row.code },
      );
      expect(body.errors).toBeUndefined();
      const part = body.data?.cityPart;
      expect(part).toMatchObject({
        code: row.code,
        class: row.class,
        subclass: { code: row.subclass_code },
        region: { code: row.town_code },
        county: { code: row.county_code },
        custodian: {
          name: row.custodian_name,
          enterprise: { creditCode: row.custodian_credit_code },
        },
        installedOn: row.installed_on,
      });
      // The custodian is one of the demo city's active companies in the same county.
      const pool =
        contractorsByCounty(createWorld({ seed: SEED, persons: PERSONS })).get(row.county_code) ??
        [];
      expect(pool.map((e) => e.creditCode)).toContain(row.custodian_credit_code);
      expect(
        entityAt(
          createWorld({ seed: SEED, persons: PERSONS }),
          pool.find((e) => e.creditCode === row.custodian_credit_code)!.index,
        ).name,
      ).toBe(part.custodian.name);
    });

    it('answers null for a well-formed code that is not registered', async () => {
      const { body } = await gql(`{ cityPart(code: "3206020103999999") { code } }`);
      expect(body.errors).toBeUndefined();
      expect(body.data?.cityPart).toBeNull();
    });

    it.each([
      ['12345', 'FORMAT'],
      ['3206000103000001', 'UNKNOWN_COUNTY'],
      ['3206020903000001', 'UNKNOWN_CLASS'],
    ])('rejects the component code %s with BAD_USER_INPUT (%s)', async (code, problem) => {
      const { body } = await gql(`query($c: ID!) { cityPart(code: $c) { code } }`, { c: code });
      expect(body.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        argumentName: 'code',
        problem,
      });
    });

    it("pages through a county's components without repeating or skipping any", async () => {
      const county = '320602';
      const expected: string[] = (
        await temp.db('city_parts').where('county_code', county).orderBy('code').select('code')
      ).map((r: { code: string }) => r.code);
      const seen: string[] = [];
      let after: string | null = null;
      let total = -1;
      do {
        const res: any = await gql(
          `query($r: [_Any!]!, $after: String) { _entities(representations: $r) { ... on Region { cityParts(first: 37, after: $after) { totalCount nodes { code } pageInfo { endCursor hasNextPage } } } } }`,
          { r: [regionRef(county)], after },
        );
        expect(res.body.errors).toBeUndefined();
        const conn = res.body.data._entities[0].cityParts;
        total = conn.totalCount;
        seen.push(...conn.nodes.map((n: { code: string }) => n.code));
        after = conn.pageInfo.hasNextPage ? conn.pageInfo.endCursor : null;
      } while (after);
      expect(expected.length).toBeGreaterThan(37);
      expect(seen).toEqual(expected);
      expect(total).toBe(expected.length);
    });

    it('filters a region by class and status; the city lists everything', async () => {
      const town = (
        await temp
          .db('city_parts')
          .select('town_code')
          .groupBy('town_code')
          .orderByRaw('count(*) desc')
          .first()
      ).town_code;
      const { body } = await gql(
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on Region { code utilities: cityParts(class: PUBLIC_UTILITIES, first: 100) { totalCount nodes { class region { code } } } damaged: cityParts(status: DAMAGED, first: 100) { totalCount nodes { status } } all: cityParts(first: 0) { totalCount nodes { code } } } } }`,
        { r: [regionRef(town), regionRef(CITY_CODE)] },
      );
      expect(body.errors).toBeUndefined();
      const [t, city] = body.data!._entities;
      const utilities = await temp
        .db('city_parts')
        .where({ town_code: town, class: 'PUBLIC_UTILITIES' })
        .count({ n: '*' });
      expect(t.utilities.totalCount).toBe(Number(utilities[0].n));
      expect(
        t.utilities.nodes.every(
          (n: { class: string; region: { code: string } }) =>
            n.class === 'PUBLIC_UTILITIES' && n.region.code === town,
        ),
      ).toBe(true);
      expect(t.damaged.nodes.every((n: { status: string }) => n.status === 'DAMAGED')).toBe(true);
      expect(city.all).toEqual({ totalCount: cityPartCountFor(PERSONS), nodes: [] });
    });

    it('counts per class: a county is the sum of its towns, the city the sum of all', async () => {
      const county = '320612';
      const towns = townsOf(county).map((t) => t.code);
      const { body } = await gql(
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on Region { code cityPartCounts { class total byStatus { status count } } } } }`,
        {
          r: [county, ...towns, CITY_CODE, ...COUNTY_REGIONS.map((c) => c.code)].map(regionRef),
        },
      );
      expect(body.errors).toBeUndefined();
      const byCode = new Map<string, ClassCount[]>(
        body.data?._entities.map((e: { code: string; cityPartCounts: ClassCount[] }) => [
          e.code,
          e.cityPartCounts,
        ]),
      );
      const sum = (codes: string[]) =>
        codes.reduce((s, c) => s + byCode.get(c)!.reduce((t, k) => t + k.total, 0), 0);
      const countyCounts = byCode.get(county)!;
      expect(countyCounts).toHaveLength(6);
      for (const c of countyCounts) {
        expect(c.total).toBe(c.byStatus.reduce((s, x) => s + x.count, 0));
        expect(c.total).toBe(
          towns.reduce((s, t) => s + byCode.get(t)!.find((k) => k.class === c.class)!.total, 0),
        );
      }
      const inCounty = await temp.db('city_parts').where('county_code', county).count({ n: '*' });
      expect(sum([county])).toBe(Number(inCounty[0].n));
      expect(sum([CITY_CODE])).toBe(cityPartCountFor(PERSONS));
      expect(sum(COUNTY_REGIONS.map((c) => c.code))).toBe(cityPartCountFor(PERSONS));
    });

    it("reads a county's counts and totals from the tallies, whatever the city's size", async () => {
      const counter = new QueryCounter(temp.db);
      const { body } = await gql(
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on Region { cityParts(status: DAMAGED, first: 1) { totalCount } cityPartCounts { total } } } }`,
        { r: [regionRef('320612')] },
      );
      const sql = counter.statements;
      counter.detach();
      expect(body.errors).toBeUndefined();
      const [{ n }] = await temp
        .db('city_parts')
        .where({ county_code: '320612', status: 'DAMAGED' })
        .count({ n: '*' });
      expect(body.data?._entities[0].cityParts.totalCount).toBe(Number(n));
      expect(sql.length).toBeGreaterThan(0);
      // The page itself reads city_parts; no statement counts or groups its rows.
      expect(sql.filter((q) => /count\(|group by/i.test(q) && /city_parts\b/.test(q))).toEqual([]);
    });

    it('rebuilds the tallies when components are loaded again', async () => {
      const before = await tallies(temp.db, [CITY_CODE]);
      await temp.db('city_part_tallies').del();
      expect(await tallies(temp.db, [CITY_CODE])).toEqual([]);
      await rebuildCityPartTallies(temp.db);
      expect(await tallies(temp.db, [CITY_CODE])).toEqual(expect.arrayContaining(before));
      expect((await tallies(temp.db, [CITY_CODE])).reduce((s, g) => s + g.count, 0)).toBe(
        cityPartCountFor(PERSONS),
      );
    });

    it('answers null for a reference to a region that does not exist', async () => {
      const { body } = await gql(
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on Region { code } } }`,
        { r: [regionRef('320699')] },
      );
      expect(body.data?._entities).toEqual([null]);
    });

    it('rejects a page size above the maximum with BAD_USER_INPUT', async () => {
      const { body } = await gql(
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on Region { cityParts(first: 101) { totalCount } } } }`,
        { r: [regionRef('320602')] },
      );
      expect(body.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        argumentName: 'first',
      });
    });

    it('resolves 50 regions with their component lists and counts in as many queries as one', async () => {
      const codes = TOWN_REGIONS.slice(0, 50).map((t) => t.code);
      const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Region { code cityParts(first: 3) { totalCount nodes { code } } lamps: cityParts(class: PUBLIC_UTILITIES, status: IN_SERVICE, first: 2) { nodes { code } } cityPartCounts { class total } } } }`;
      const counter = new QueryCounter(temp.db);
      await gql(query, { r: codes.slice(0, 1).map(regionRef) });
      const one = counter.count;
      counter.reset();
      const { body } = await gql(query, { r: codes.map(regionRef) });
      counter.detach();
      expect(body.errors).toBeUndefined();
      expect(body.data?._entities).toHaveLength(50);
      expect(
        body.data?._entities.some(
          (e: { cityParts: { nodes: unknown[] } }) => e.cityParts.nodes.length > 0,
        ),
      ).toBe(true);
      expect(counter.count).toBe(one);
    });

    it('resolves 50 component references in as many queries as one', async () => {
      const codes: string[] = (
        await temp.db('city_parts').select('code').orderBy('code').limit(50)
      ).map((r: { code: string }) => r.code);
      const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on CityPart { code name subclass { name } custodian { name } region { code } } } }`;
      const counter = new QueryCounter(temp.db);
      await gql(query, { r: codes.slice(0, 1).map((code) => ({ __typename: 'CityPart', code })) });
      const one = counter.count;
      counter.reset();
      const { body } = await gql(query, {
        r: codes.map((code) => ({ __typename: 'CityPart', code })),
      });
      counter.detach();
      expect(body.data?._entities.map((e: { code: string }) => e.code)).toEqual(codes);
      expect(counter.count).toBe(one);
    });

    it.each([
      [120.86, 32.01, 800, 20],
      [121.07, 32.07, 3_000, 100],
      [120.47, 32.53, 5_000, 7],
    ])(
      'finds the components near (%d, %d) within %d m: all inside, nearest first, as a full scan would',
      async (longitude, latitude, radius, first) => {
        const all: PartPoint[] = await temp
          .db('city_parts')
          .select('code', 'longitude', 'latitude');
        const center = { longitude, latitude };
        const expected = all
          .map((p) => ({ code: p.code, d: haversineMeters(center, p) }))
          .filter((p) => p.d <= radius)
          .sort((a, b) => a.d - b.d || (a.code < b.code ? -1 : 1))
          .slice(0, first);
        expect(expected.length).toBeGreaterThan(0);
        const { body } = await gql(
          `query($lon: Float!, $lat: Float!, $r: Float!, $n: Int) { cityPartsNear(longitude: $lon, latitude: $lat, radiusMeters: $r, first: $n) { distanceMeters part { code location { longitude latitude } } } }`,
          {
            lon: longitude,
            lat: latitude,
            r: radius,
            n: first,
          },
        );
        expect(body.errors).toBeUndefined();
        const found: {
          distanceMeters: number;
          part: PartPoint & { location: { longitude: number; latitude: number } };
        }[] = body.data?.cityPartsNear;
        expect(found.map((n) => n.part.code)).toEqual(expected.map((p) => p.code));
        for (const n of found) {
          expect(n.distanceMeters).toBeLessThanOrEqual(radius);
          expect(
            Math.abs(n.distanceMeters - haversineMeters(center, n.part.location)),
          ).toBeLessThan(0.01);
        }
      },
    );

    it.each([
      ['longitude: -181, latitude: 32, radiusMeters: 100', 'longitude'],
      ['longitude: 120.9, latitude: 95, radiusMeters: 100', 'latitude'],
      ['longitude: 120.9, latitude: 32, radiusMeters: -1', 'radiusMeters'],
      ['longitude: 120.9, latitude: 32, radiusMeters: 5001', 'radiusMeters'],
      ['longitude: 120.9, latitude: 32, radiusMeters: 100, first: 101', 'first'],
    ])('rejects cityPartsNear(%s) with BAD_USER_INPUT', async (args, argumentName) => {
      const { body } = await gql(`{ cityPartsNear(${args}) { part { code } } }`);
      expect(body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName });
    });
  };
}

describe('city-parts subgraph (SQLite)', cityPartsSuite({ backend: 'sqlite' }));
describeWithService('mysql', 'city-parts subgraph (MariaDB)', cityPartsSuite({ backend: 'mysql' }));

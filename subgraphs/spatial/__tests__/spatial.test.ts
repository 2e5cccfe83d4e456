import { createWorld, entityAt, iterateResidents } from '../../../domain/demo/world';
import { COUNTY_REGIONS, REGIONS, TOWN_REGIONS } from '../../../domain/regions';
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
import { spatialSubgraph } from '../module';

const PERSONS = 1500;
const SEED = 7; // createTempDatabase's default seed
const world = createWorld({ seed: SEED, persons: PERSONS });

interface AddressPoint {
  code: string;
  longitude: number;
  latitude: number;
}

function spatialSuite(options: TempDatabaseOptions) {
  return () => {
    let temp: TempDatabase;
    let server: RunningSubgraph;

    // Seeding a MariaDB copy took over Jest's default 5 s once on a loaded CI machine.
    beforeAll(async () => {
      temp = await createTempDatabase(spatialSubgraph, { persons: PERSONS, ...options });
      server = await startSubgraphServer(spatialSubgraph, { db: temp.db, port: 0, log: () => {} });
    }, 60_000);
    afterAll(async () => {
      await server?.stop();
      await temp?.cleanup();
    });

    const gql = (query: string, variables: Record<string, unknown> = {}) =>
      postGraphQL(server.url, query, variables);

    it('holds the city, its seven county-level divisions and their towns', async () => {
      const { body } = await gql(
        `{ city: regions(level: CITY) { code } counties: regions(level: COUNTY) { code } towns: regions(level: TOWN) { code } all: regions { code } }`,
      );
      expect(body.errors).toBeUndefined();
      expect(body.data?.city).toEqual([{ code: '320600' }]);
      expect(body.data?.counties.map((r: { code: string }) => r.code)).toEqual(
        COUNTY_REGIONS.map((r) => r.code),
      );
      expect(body.data?.towns).toHaveLength(TOWN_REGIONS.length);
      expect(body.data?.all).toHaveLength(REGIONS.length);
    });

    it('looks a county up with its parent, towns, centroid and bounding box', async () => {
      const { body } = await gql(
        `{ region(code: "320612") { code name nameEn level parent { code level parent { code } } children { code level parent { code } } centroid { longitude latitude } boundingBox { minLongitude maxLatitude } } }`,
      );
      expect(body.errors).toBeUndefined();
      const r = body.data?.region;
      expect(r).toMatchObject({
        code: '320612',
        name: '通州区',
        level: 'COUNTY',
        parent: { code: '320600', level: 'CITY', parent: null },
      });
      expect(r.children.map((c: { code: string }) => c.code)).toEqual(
        TOWN_REGIONS.filter((t) => t.parentCode === '320612').map((t) => t.code),
      );
      expect(
        r.children.every(
          (c: { level: string; parent: { code: string } }) =>
            c.level === 'TOWN' && c.parent.code === '320612',
        ),
      ).toBe(true);
      expect(r.centroid).toEqual({ longitude: 121.07, latitude: 32.07 });
      expect(r.boundingBox).toEqual({ minLongitude: 120.91, maxLatitude: 32.23 });
    });

    it.each([
      ['32061', 'FORMAT'],
      ['3206AB', 'FORMAT'],
      ['320699', 'UNKNOWN'],
      ['110101', 'UNKNOWN'],
    ])('rejects the region code %s with BAD_USER_INPUT (%s)', async (code, problem) => {
      const { body } = await gql(`query($c: ID!) { region(code: $c) { name } }`, { c: code });
      expect(body.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        argumentName: 'code',
        problem,
      });
    });

    it('looks a standard address up with its town, county and location', async () => {
      const e = entityAt(world, 3);
      const { body } = await gql(
        `query($c: ID!) { address(code: $c) { code fullText road houseNumber usage region { code level } county { code } location { longitude latitude } } }`,
        { c: e.address.code },
      );
      expect(body.errors).toBeUndefined();
      expect(body.data?.address).toEqual({
        code: e.address.code,
        fullText: e.address.fullText,
        road: e.address.road,
        houseNumber: e.address.houseNumber,
        usage: 'BUSINESS',
        region: { code: e.townCode, level: 'TOWN' },
        county: { code: e.regionCode },
        location: { longitude: e.address.longitude, latitude: e.address.latitude },
      });
    });

    it('answers null for a well-formed address code that is not registered', async () => {
      const { body } = await gql(`{ address(code: "3206020019999999") { code } }`);
      expect(body.errors).toBeUndefined();
      expect(body.data?.address).toBeNull();
    });

    it('rejects a malformed address code with BAD_USER_INPUT', async () => {
      const { body } = await gql(`{ address(code: "32060200") { code } }`);
      expect(body.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        argumentName: 'code',
        problem: 'FORMAT',
      });
    });

    it("binds every resident to their household's address, and lists an address's residents", async () => {
      const residents = [...iterateResidents(world)].slice(0, 30);
      const r = residents[residents.length - 1];
      const members = residents
        .filter((x) => x.household.index === r.household.index)
        .map((x) => x.idNumber)
        .sort();
      const { body } = await gql(
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { idNumber residence { code fullText usage residents { idNumber } } } } }`,
        { r: [{ __typename: 'Person', idNumber: r.idNumber }] },
      );
      expect(body.errors).toBeUndefined();
      const residence = body.data?._entities[0].residence;
      expect(residence).toMatchObject({
        code: r.household.address.code,
        fullText: r.household.address.fullText,
        usage: 'RESIDENTIAL',
      });
      // The walk above may end mid-household, so the address has at least these residents.
      expect(residence.residents.map((p: { idNumber: string }) => p.idNumber)).toEqual(
        expect.arrayContaining(members),
      );
    });

    it('gives a legal entity its registered address, and null for an unknown entity or person', async () => {
      const e = entityAt(world, 11);
      const { body } = await gql(
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on LegalEntity { creditCode registeredAddress { code } } ... on Person { residence { code } } } }`,
        {
          r: [
            { __typename: 'LegalEntity', creditCode: e.creditCode },
            { __typename: 'LegalEntity', creditCode: '91320602MA1XXXXXX0' },
            { __typename: 'Person', idNumber: '11010519491231002X' },
          ],
        },
      );
      expect(body.data?._entities).toEqual([
        { creditCode: e.creditCode, registeredAddress: { code: e.address.code } },
        { creditCode: '91320602MA1XXXXXX0', registeredAddress: null },
        { residence: null },
      ]);
    });

    it.each([
      [
        'Person',
        'idNumber',
        'residences',
        'id_number',
        `... on Person { residence { fullText region { name parent { name } } residents { idNumber } } }`,
      ],
      [
        'LegalEntity',
        'creditCode',
        'registered_addresses',
        'credit_code',
        `... on LegalEntity { registeredAddress { fullText county { name children { code } } } }`,
      ],
      [
        'Region',
        'code',
        'regions',
        'code',
        `... on Region { name parent { name } children { name } }`,
      ],
      [
        'Address',
        'code',
        'addresses',
        'code',
        `... on Address { fullText region { name } residents { idNumber } }`,
      ],
    ])(
      'resolves 50 %s references with as many queries as one',
      async (typename, key, table, column, selection) => {
        const keys: string[] = (await temp.db(table).select(column).orderBy(column).limit(50)).map(
          (r: Record<string, string>) => r[column],
        );
        expect(keys).toHaveLength(50);
        const query = `query($r: [_Any!]!) { _entities(representations: $r) { ${selection} } }`;
        const counter = new QueryCounter(temp.db);
        await gql(query, { r: keys.slice(0, 1).map((k) => ({ __typename: typename, [key]: k })) });
        const one = counter.count;
        counter.reset();
        const { body } = await gql(query, {
          r: keys.map((k) => ({ __typename: typename, [key]: k })),
        });
        counter.detach();
        expect(body.errors).toBeUndefined();
        expect(body.data?._entities.filter((x: unknown) => x !== null)).toHaveLength(50);
        expect(counter.count).toBe(one);
      },
    );

    it('finds the addresses near a point: all within the radius, nearest first, the same as a full scan', async () => {
      const all: AddressPoint[] = await temp
        .db('addresses')
        .select('code', 'longitude', 'latitude');
      const center = { longitude: 120.86, latitude: 32.01 };
      const radius = 1_200;
      const expected = all
        .map((a) => ({ code: a.code, d: haversineMeters(center, a) }))
        .filter((a) => a.d <= radius)
        .sort((a, b) => a.d - b.d || (a.code < b.code ? -1 : 1))
        .slice(0, 40);
      expect(expected.length).toBeGreaterThan(5);
      const { body } = await gql(
        `query($lon: Float!, $lat: Float!, $r: Float!) { addressesNear(longitude: $lon, latitude: $lat, radiusMeters: $r, first: 40) { distanceMeters address { code location { longitude latitude } } } }`,
        {
          lon: center.longitude,
          lat: center.latitude,
          r: radius,
        },
      );
      expect(body.errors).toBeUndefined();
      const found: {
        distanceMeters: number;
        address: { code: string; location: { longitude: number; latitude: number } };
      }[] = body.data?.addressesNear;
      expect(found.map((n) => n.address.code)).toEqual(expected.map((a) => a.code));
      for (const n of found) {
        expect(n.distanceMeters).toBeLessThanOrEqual(radius);
        expect(
          Math.abs(n.distanceMeters - haversineMeters(center, n.address.location)),
        ).toBeLessThan(0.01);
      }
      const distances = found.map((n) => n.distanceMeters);
      expect(distances).toEqual([...distances].sort((a, b) => a - b));
    });

    it('finds nothing near a point outside Nantong', async () => {
      const { body } = await gql(
        `{ addressesNear(longitude: 116.39, latitude: 39.91, radiusMeters: 5000) { address { code } } }`,
      );
      expect(body.errors).toBeUndefined();
      expect(body.data?.addressesNear).toEqual([]);
    });

    it.each([
      ['longitude: 200, latitude: 32, radiusMeters: 100', 'longitude'],
      ['longitude: 120.9, latitude: -91, radiusMeters: 100', 'latitude'],
      ['longitude: 120.9, latitude: 32, radiusMeters: 0', 'radiusMeters'],
      ['longitude: 120.9, latitude: 32, radiusMeters: 50000', 'radiusMeters'],
      ['longitude: 120.9, latitude: 32, radiusMeters: 100, first: 500', 'first'],
    ])('rejects addressesNear(%s) with BAD_USER_INPUT', async (args, argumentName) => {
      const { body } = await gql(`{ addressesNear(${args}) { address { code } } }`);
      expect(body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName });
    });
  };
}

describe('spatial subgraph (SQLite)', spatialSuite({ backend: 'sqlite' }));
describeWithService('mysql', 'spatial subgraph (MariaDB)', spatialSuite({ backend: 'mysql' }));

import { postGraphQL } from '../../../test/utils/graphql-client';
import { describeWithService } from '../../../test/utils/services';
import { createTempDatabase, TempDatabase } from '../../../test/utils/temp-database';
import { buildCreditCode, creditCodeProblem } from '../../../domain/credit-code';
import { createWorld, personAt } from '../../../domain/demo/world';
import { QueryCounter } from '../../kit/query-counter';
import { RunningSubgraph, startSubgraphServer } from '../../kit/subgraph-server';
import { legalEntitySubgraph } from '../module';

const PERSONS = 2000;
const SEED = 11;

interface Row {
  credit_code: string;
  name: string;
  legal_rep_id_number: string;
  region_code: string;
  status: string;
}

async function pageAll(url: string, args: string): Promise<{ codes: string[]; total: number }> {
  const codes: string[] = [];
  let after: string | null = null;
  let total = 0;
  do {
    const res: any = await postGraphQL(
      url,
      `query($after: String) { legalEntities(${args}, first: 10, after: $after) { totalCount edges { cursor node { creditCode } } pageInfo { endCursor hasNextPage } } }`,
      { after },
    );
    expect(res.body.errors).toBeUndefined();
    const conn = res.body.data.legalEntities;
    total = conn.totalCount;
    codes.push(...conn.edges.map((e: { node: { creditCode: string } }) => e.node.creditCode));
    after = conn.pageInfo.hasNextPage ? conn.pageInfo.endCursor : null;
  } while (after);
  return { codes, total };
}

describe('legal-entity subgraph', () => {
  let temp: TempDatabase;
  let server: RunningSubgraph;
  let rows: Row[];

  beforeAll(async () => {
    temp = await createTempDatabase(legalEntitySubgraph, { persons: PERSONS, seed: SEED });
    server = await startSubgraphServer(legalEntitySubgraph, {
      db: temp.db,
      port: 0,
      log: () => {},
    });
    rows = await temp
      .db('legal_entities')
      .select('credit_code', 'name', 'legal_rep_id_number', 'region_code', 'status')
      .orderBy('credit_code');
  });
  afterAll(async () => {
    await server?.stop();
    await temp?.cleanup();
  });

  describe('seed', () => {
    it('writes one entity per ten residents', () => {
      expect(rows).toHaveLength(createWorld({ seed: SEED, persons: PERSONS }).entities);
    });

    it('gives every entity a credit code that passes the GB 32100 check', () => {
      expect(rows.filter((r) => creditCodeProblem(r.credit_code) !== null)).toEqual([]);
    });

    it('names as legal representative only residents of the same demo world', () => {
      const residents = new Set(
        Array.from(
          { length: PERSONS },
          (_, i) => personAt({ seed: SEED, persons: PERSONS }, i).idNumber,
        ),
      );
      expect(rows.filter((r) => !residents.has(r.legal_rep_id_number))).toEqual([]);
    });
  });

  describe('legalEntity', () => {
    it('looks an entity up by credit code, with its industry, representative and region stubs', async () => {
      const e = rows[0];
      const { body } = await postGraphQL(
        server.url,
        `query($c: ID!) { legalEntity(creditCode: $c) { creditCode name entityType status registeredCapital establishedOn industry { sectionCode sectionName trade } legalRepresentative { idNumber } region { code } } }`,
        { c: e.credit_code },
      );
      expect(body.errors).toBeUndefined();
      const found = body.data?.legalEntity;
      expect(found).toMatchObject({
        creditCode: e.credit_code,
        name: e.name,
        status: e.status,
        legalRepresentative: { idNumber: e.legal_rep_id_number },
        region: { code: e.region_code },
      });
      expect(found.industry.sectionName.length).toBeGreaterThan(1);
      expect(typeof found.registeredCapital).toBe('number');
    });

    it('answers null for a well-formed code that is not registered', async () => {
      // Demo organisation bodies are all digits, so a lettered body is a valid code nobody holds.
      const unknown = buildCreditCode('9', '1', '320602', 'MA1XYWKL');
      expect(rows.some((r) => r.credit_code === unknown)).toBe(false);
      const { body } = await postGraphQL(
        server.url,
        `query($c: ID!) { legalEntity(creditCode: $c) { name } }`,
        { c: unknown },
      );
      expect(body.errors).toBeUndefined();
      expect(body.data?.legalEntity).toBeNull();
    });

    it.each([
      ['91320602MA1ABCDE1', 'LENGTH'],
      ['91320602MA1ABCDEI1', 'FORMAT'],
      ['wrong-checksum', 'CHECKSUM'],
    ])('rejects the malformed credit code %s with BAD_USER_INPUT (%s)', async (code, problem) => {
      const value =
        code === 'wrong-checksum'
          ? rows[0].credit_code.slice(0, 17) + (rows[0].credit_code[17] === '0' ? '1' : '0')
          : code;
      const { body } = await postGraphQL(
        server.url,
        `query($c: ID!) { legalEntity(creditCode: $c) { name } }`,
        { c: value },
      );
      expect(body.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        argumentName: 'creditCode',
        problem,
      });
    });
  });

  describe('legalEntities', () => {
    it('pages through a county in credit-code order without repeating or skipping an entity', async () => {
      const expected = rows.filter((r) => r.region_code === '320602').map((r) => r.credit_code);
      const { codes, total } = await pageAll(server.url, 'regionCode: "320602"');
      expect(expected.length).toBeGreaterThan(10);
      expect(codes).toEqual(expected);
      expect(total).toBe(expected.length);
    });

    it('combines region and status filters', async () => {
      const expected = rows
        .filter((r) => r.region_code === '320612' && r.status === 'ACTIVE')
        .map((r) => r.credit_code);
      const { codes, total } = await pageAll(server.url, 'regionCode: "320612", status: ACTIVE');
      expect(codes).toEqual(expected);
      expect(total).toBe(expected.length);
    });

    it('finds entities whose name contains a fragment', async () => {
      const fragment = '有限公司';
      const expected = rows.filter((r) => r.name.includes(fragment)).map((r) => r.credit_code);
      const { codes } = await pageAll(server.url, `nameContains: "${fragment}"`);
      expect(expected.length).toBeGreaterThan(0);
      expect(codes).toEqual(expected);
    });

    it.each(['%', '_', '!'])(
      'matches the LIKE metacharacter %s literally instead of as a wildcard',
      async (fragment) => {
        const { codes, total } = await pageAll(server.url, `nameContains: "${fragment}"`);
        expect(rows.some((r) => r.name.includes(fragment))).toBe(false);
        expect(codes).toEqual([]);
        expect(total).toBe(0);
      },
    );

    it('rejects a blank name fragment with BAD_USER_INPUT', async () => {
      const { body } = await postGraphQL(
        server.url,
        `{ legalEntities(nameContains: "  ") { totalCount } }`,
      );
      expect(body.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        argumentName: 'nameContains',
      });
    });

    it('rejects a region code outside Nantong with BAD_USER_INPUT', async () => {
      const { body } = await postGraphQL(
        server.url,
        `{ legalEntities(regionCode: "110101") { totalCount } }`,
      );
      expect(body.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        argumentName: 'regionCode',
        problem: 'UNKNOWN',
      });
    });

    it('refuses a page size above the maximum', async () => {
      const { body } = await postGraphQL(
        server.url,
        `{ legalEntities(first: 101) { totalCount } }`,
      );
      expect(body.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        argumentName: 'first',
      });
    });

    it('rejects a cursor it did not issue', async () => {
      const { body } = await postGraphQL(
        server.url,
        `{ legalEntities(after: "bm90LWEtY3Vyc29y") { totalCount } }`,
      );
      expect(body.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        argumentName: 'after',
      });
    });
  });

  describe('federation', () => {
    it('lists the enterprises a person represents, through a Person reference', async () => {
      const rep = rows[0].legal_rep_id_number;
      const expected = rows.filter((r) => r.legal_rep_id_number === rep).map((r) => r.credit_code);
      const { body } = await postGraphQL(
        server.url,
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { idNumber enterprises { creditCode } } } }`,
        { r: [{ __typename: 'Person', idNumber: rep }] },
      );
      expect(body.errors).toBeUndefined();
      expect(
        body.data?._entities[0].enterprises.map((e: { creditCode: string }) => e.creditCode),
      ).toEqual(expected);
    });

    it('answers an empty list for a person who represents no entity', async () => {
      const reps = new Set(rows.map((r) => r.legal_rep_id_number));
      const world = { seed: SEED, persons: PERSONS };
      let i = 0;
      while (reps.has(personAt(world, i).idNumber)) i++;
      const { body } = await postGraphQL(
        server.url,
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { enterprises { creditCode } } } }`,
        { r: [{ __typename: 'Person', idNumber: personAt(world, i).idNumber }] },
      );
      expect(body.data?._entities[0].enterprises).toEqual([]);
    });

    it('resolves LegalEntity and Person references with a number of queries that does not grow with the batch', async () => {
      const sample = rows.slice(0, 50);
      const query = `query($r: [_Any!]!) { _entities(representations: $r) {
        ... on LegalEntity { name industry { sectionName } }
        ... on Person { enterprises { name } }
      } }`;
      const representations = (n: number) => [
        ...sample
          .slice(0, n)
          .map((r) => ({ __typename: 'LegalEntity', creditCode: r.credit_code })),
        ...sample
          .slice(0, n)
          .map((r) => ({ __typename: 'Person', idNumber: r.legal_rep_id_number })),
      ];
      const counter = new QueryCounter(temp.db);
      const one = await postGraphQL(server.url, query, { r: representations(1) });
      const single = counter.count;
      counter.reset();
      const fifty = await postGraphQL(server.url, query, { r: representations(50) });
      counter.detach();
      expect(one.body.errors).toBeUndefined();
      expect(fifty.body.errors).toBeUndefined();
      expect(fifty.body.data?._entities).toHaveLength(100);
      expect(fifty.body.data?._entities.slice(0, 50).map((e: { name: string }) => e.name)).toEqual(
        sample.map((r) => r.name),
      );
      expect(single).toBeGreaterThan(0);
      expect(counter.count).toBe(single);
    });
  });
});

describeWithService('mysql', 'legal-entity subgraph on MariaDB', () => {
  let temp: TempDatabase;
  let server: RunningSubgraph;

  beforeAll(async () => {
    temp = await createTempDatabase(legalEntitySubgraph, {
      persons: 1000,
      seed: SEED,
      backend: 'mysql',
    });
    server = await startSubgraphServer(legalEntitySubgraph, {
      db: temp.db,
      port: 0,
      log: () => {},
    });
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    await temp?.cleanup();
  });

  it('pages a filtered listing and matches wildcards literally, as on SQLite', async () => {
    const rows: Row[] = await temp
      .db('legal_entities')
      .select('credit_code', 'name', 'status')
      .orderBy('credit_code');
    const expected = rows
      .filter((r) => r.status === 'ACTIVE' && r.name.includes('公司'))
      .map((r) => r.credit_code);
    const { codes, total } = await pageAll(server.url, 'status: ACTIVE, nameContains: "公司"');
    expect(expected.length).toBeGreaterThan(10);
    expect(codes).toEqual(expected);
    expect(total).toBe(expected.length);
    expect((await pageAll(server.url, 'nameContains: "_"')).total).toBe(0);
  });

  it('returns registered capital as a number and looks up by credit code', async () => {
    const row = await temp.db('legal_entities').first('credit_code', 'registered_capital');
    const { body } = await postGraphQL(
      server.url,
      `query($c: ID!) { legalEntity(creditCode: $c) { creditCode registeredCapital } }`,
      { c: row.credit_code },
    );
    expect(body.data?.legalEntity).toEqual({
      creditCode: row.credit_code,
      registeredCapital: Number(row.registered_capital),
    });
  });
});

import { postGraphQL } from '../../../test/utils/graphql-client';
import { createTempDatabase, TempDatabase } from '../../../test/utils/temp-database';
import { isValidIdNumber } from '../../../domain/id-number';
import { QueryCounter } from '../../kit/query-counter';
import { RunningSubgraph, startSubgraphServer } from '../../kit/subgraph-server';
import { populationSubgraph } from '../module';
import { rebuildRegionPopulations } from '../region-populations';

describe('population subgraph', () => {
  let temp: TempDatabase;
  let server: RunningSubgraph;
  let someone: string;

  beforeAll(async () => {
    temp = await createTempDatabase(populationSubgraph, { persons: 1500 });
    server = await startSubgraphServer(populationSubgraph, { db: temp.db, port: 0, log: () => {} });
    someone = (await temp.db('people').first('id_number')).id_number;
  });
  afterAll(async () => {
    await server?.stop();
    await temp?.cleanup();
  });

  it('seeds residents whose ID numbers all pass the GB 11643 check', async () => {
    const rows: { id_number: string }[] = await temp.db('people').select('id_number');
    expect(rows).toHaveLength(1500);
    expect(rows.filter((r) => !isValidIdNumber(r.id_number))).toEqual([]);
  });

  it('looks a person up by ID number, with their household', async () => {
    const { body } = await postGraphQL(
      server.url,
      `query($id: ID!) { person(idNumber: $id) { idNumber name gender household { number members { idNumber } } } }`,
      { id: someone },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data?.person.idNumber).toBe(someone);
    expect(
      body.data?.person.household.members.map((m: { idNumber: string }) => m.idNumber),
    ).toContain(someone);
  });

  it.each([
    ['32060219900101123', 'LENGTH'],
    ['320602199013011234', 'DATE'],
    ['320602199001011234', 'CHECKSUM'],
  ])('rejects the malformed ID number %s with BAD_USER_INPUT (%s)', async (idNumber, problem) => {
    const { body } = await postGraphQL(
      server.url,
      `query($id: ID!) { person(idNumber: $id) { name } }`,
      { id: idNumber },
    );
    expect(body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', problem });
  });

  it('pages through a region without repeating or skipping anyone', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let total = 0;
    do {
      const res: any = await postGraphQL(
        server.url,
        `query($after: String) { people(regionCode: "320602", first: 100, after: $after) { totalCount nodes { idNumber } pageInfo { endCursor hasNextPage } } }`,
        { after },
      );
      const conn = res.body.data.people;
      total = conn.totalCount;
      seen.push(...conn.nodes.map((n: { idNumber: string }) => n.idNumber));
      after = conn.pageInfo.hasNextPage ? conn.pageInfo.endCursor : null;
    } while (after);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toHaveLength(total);
    expect(total).toBeGreaterThan(0);
  });

  it.each([
    ['the city', '320600', {}],
    ['a county', '320602', { region_code: '320602' }],
    ['a town', null, null],
  ])(
    'counts the residents of %s as the people table holds them, without walking the table',
    async (_, code, where) => {
      let regionCode = code as string | null;
      let filter = where as Record<string, string> | null;
      if (regionCode === null) {
        regionCode = (await temp.db('people').first('town_code')).town_code as string;
        filter = { town_code: regionCode };
      }
      const [{ n }] = await temp.db('people').where(filter!).count({ n: '*' });
      const counter = new QueryCounter(temp.db);
      const { body } = await postGraphQL(
        server.url,
        `query($code: ID!) { people(regionCode: $code, first: 1) { totalCount } }`,
        { code: regionCode },
      );
      const sql = counter.statements;
      counter.detach();
      expect(body.data?.people.totalCount).toBe(Number(n));
      expect(sql.length).toBeGreaterThan(0);
      expect(sql.some((q) => /count\(/i.test(q))).toBe(false);
    },
  );

  it('rebuilds the counts when people are loaded again', async () => {
    const before = (await temp.db('region_populations').where('region_code', '320600').first())
      .persons;
    await temp.db('region_populations').update({ persons: 0 });
    await rebuildRegionPopulations(temp.db);
    const after = (await temp.db('region_populations').where('region_code', '320600').first())
      .persons;
    expect(Number(after)).toBe(Number(before));
    expect(Number(after)).toBe(1500);
  });

  it('refuses a page size above the maximum', async () => {
    const { body } = await postGraphQL(
      server.url,
      `{ people(regionCode: "320602", first: 1000) { nodes { idNumber } } }`,
    );
    expect(body.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argumentName: 'first',
    });
  });

  it('resolves a batch of entity references with a constant number of queries', async () => {
    const ids: string[] = (await temp.db('people').select('id_number').limit(50)).map(
      (r: { id_number: string }) => r.id_number,
    );
    const counter = new QueryCounter(temp.db);
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { name household { address members { name } } } } }`;
    await postGraphQL(server.url, query, {
      r: ids.slice(0, 1).map((idNumber) => ({ __typename: 'Person', idNumber })),
    });
    const one = counter.count;
    counter.reset();
    const { body } = await postGraphQL(server.url, query, {
      r: ids.map((idNumber) => ({ __typename: 'Person', idNumber })),
    });
    counter.detach();
    expect(body.data?._entities).toHaveLength(50);
    expect(counter.count).toBe(one);
  });
});

/**
 * Batching across the federation: a request that resolves N people with their certificates,
 * credit records, enterprises (with credit status) and residence issues, in every subgraph, a
 * number of SQL queries that does not grow with N.
 */
import { cursorFor } from '../../../subgraphs/kit/connection';
import { QueryCounter } from '../../../subgraphs/kit/query-counter';
import { SubgraphName } from '../../../contracts/subgraph-directory';
import { postGraphQL } from '../../utils/graphql-client';
import { Platform, startPlatform } from '../../utils/platform';
import { describeWithService } from '../../utils/services';

const PAGE = `query Page($region: ID!, $n: Int!, $after: String) {
  people(regionCode: $region, first: $n, after: $after) {
    nodes {
      idNumber
      name
      certificates { number type status }
      creditRecords { id }
      enterprises { creditCode name creditStatus { rating } certificates { number } }
      residence { fullText region { name } }
    }
  }
}`;

const COUNTED: SubgraphName[] = ['population', 'legal-entity', 'spatial', 'licences', 'credit'];

function queryCountSuite(backend: 'sqlite' | 'mysql') {
  let platform: Platform;
  let region: string;
  let after: string | null;
  let auth: Record<string, string>;

  beforeAll(async () => {
    // SQL counts are measured here, with every field served; the sharing policy is tested in test/e2e/sharing-policy.
    platform = await startPlatform({
      backend,
      persons: 3000,
      subgraphs: [...COUNTED],
      gateway: { sharingPolicyMode: 'dry-run' },
    });
    auth = await platform.headers({ department: 'big-data-bureau' });
    // Start the page at a legal representative, so the one-person page touches every relation.
    const populationDb = platform.subgraphs.population!.db;
    const entityDb = platform.subgraphs['legal-entity']!.db;
    const reps: string[] = (
      await entityDb('legal_entities').distinct('legal_rep_id_number as id').limit(200)
    ).map((r: { id: string }) => r.id);
    const rep = await populationDb('people')
      .whereIn('id_number', reps)
      .orderBy('id_number')
      .first('id_number', 'region_code');
    region = rep.region_code;
    const previous = await populationDb('people')
      .where('region_code', region)
      .where('id_number', '<', rep.id_number)
      .orderBy('id_number', 'desc')
      .first('id_number');
    after = previous
      ? cursorFor(
          platform.security!.secret,
          'Query.people',
          { regionCode: region },
          previous.id_number,
        )
      : null;
  });
  afterAll(async () => {
    await platform?.stop();
  });

  async function countQueries(
    n: number,
  ): Promise<{ counts: Record<string, number>; people: any[] }> {
    const counters = COUNTED.map(
      (name) => [name, new QueryCounter(platform.subgraphs[name]!.db)] as const,
    );
    try {
      const { body } = await postGraphQL(platform.gatewayUrl, PAGE, { region, n, after }, auth);
      expect(body.errors).toBeUndefined();
      return {
        counts: Object.fromEntries(counters.map(([name, c]) => [name, c.count])),
        people: body.data!.people.nodes,
      };
    } finally {
      counters.forEach(([, c]) => c.detach());
    }
  }

  it('issues the same number of SQL queries per subgraph for 1 person as for 50', async () => {
    const one = await countQueries(1);
    const fifty = await countQueries(50);
    expect(one.people).toHaveLength(1);
    expect(fifty.people).toHaveLength(50);
    // The first person represents an enterprise, so every relation was exercised at N = 1 too.
    expect(one.people[0].enterprises.length).toBeGreaterThan(0);
    expect(fifty.people.flatMap((p) => p.certificates).length).toBeGreaterThan(
      fifty.people.length / 2,
    );
    for (const name of COUNTED) expect(one.counts[name]).toBeGreaterThan(0);
    expect(fifty.counts).toEqual(one.counts);
  });
}

describe('query count through the gateway on SQLite', () => queryCountSuite('sqlite'));
describeWithService('mysql', 'query count through the gateway on MariaDB', () =>
  queryCountSuite('mysql'),
);

/**
 * No request stops or breaks the gateway (issue 7 §1): thousands of random operations drawn
 * from the served supergraph's API schema, and valid request bodies broken in random ways, sent
 * to the running platform (security and audit on, SQLite). Every one is answered within a
 * generous bound (a hang is a failure, not a measurement), none with a 5xx, every answer is a
 * JSON body, and afterwards the gateway still serves a normal query correctly.
 *
 * Fixed seed, printed by fast-check on failure with the failing request and answer (fast-check
 * 4 otherwise keeps the error only as the report's cause, which jest does not print):
 * FUZZ_SEED=<seed> reproduces a run.
 */
import fc from 'fast-check';
import { Supergraph } from '@apollo/federation-internals';
import type { GraphQLSchema } from 'graphql';
import { postGraphQL } from '../../utils/graphql-client';
import { Platform, startPlatform } from '../../utils/platform';
import { brokenRequest, FuzzPool, FuzzRequest, randomOperation } from './fuzz-operations';

const SEED = Number(process.env.FUZZ_SEED ?? 7_2026);
/** Generous: a request that takes this long is hung, not slow. */
const ANSWER_WITHIN_MS = 10_000;
const TAX = {
  department: 'tax',
  application: null,
  operator: 'fuzz',
  roles: ['tax-officer'],
  purpose: 'TAX_ADMINISTRATION',
};

interface Answer {
  status: number;
  text: string;
}

describe('fuzzing the running gateway', () => {
  let platform: Platform;
  let schema: GraphQLSchema;
  let pool: FuzzPool;
  let headers: Record<string, string>;
  let person: { id_number: string; gender: string };

  beforeAll(async () => {
    platform = await startPlatform({
      persons: 300,
      // The fuzz is one department's burst of thousands, many of them lookups of random keys: the
      // rate limit and the budget of misses must not turn it into 429s.
      gateway: {
        departmentRequestsPerMinute: 600_000,
        departmentBurst: 100_000,
        lookupMissesPerDay: null,
      },
    });
    schema = Supergraph.build(platform.supergraphSdl).apiSchema().toGraphQLJSSchema();
    const people = await platform.subgraphs
      .population!.db('people')
      .limit(20)
      .select('id_number', 'gender');
    person = people[0];
    pool = { ids: people.map((p: { id_number: string }) => p.id_number) };
    headers = await platform.headers({ ...TAX, ttlSeconds: 3600 });
  });
  afterAll(async () => {
    await platform?.stop();
  });

  const send = async (request: FuzzRequest): Promise<Answer> => {
    const res = await fetch(`${platform.gatewayUrl}${request.search}`, {
      method: request.method,
      headers: {
        ...headers,
        ...(request.contentType ? { 'content-type': request.contentType } : {}),
        ...(request.method === 'GET' ? { 'apollo-require-preflight': 'true' } : {}),
      },
      body: request.method === 'POST' ? request.body : undefined,
      signal: AbortSignal.timeout(ANSWER_WITHIN_MS),
    });
    return { status: res.status, text: await res.text() };
  };

  const answeredWell = (answer: Answer): boolean => {
    if (answer.status >= 500 || answer.status < 200) return false;
    // Node's HTTP parser refuses an oversized head itself, before the gateway sees the request.
    if (answer.status === 431) return true;
    try {
      const body = JSON.parse(answer.text);
      return (
        typeof body === 'object' && body !== null && ('data' in body || Array.isArray(body.errors))
      );
    } catch {
      return false;
    }
  };

  it('answers thousands of random operations from the schema, none with a 5xx', async () => {
    const outcomes = { executed: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(fc.gen(), async (g) => {
        const operation = randomOperation(g, schema, pool);
        const answer = await send({
          method: 'POST',
          contentType: 'application/json',
          body: JSON.stringify(operation),
          search: '',
        });
        if (!answeredWell(answer))
          throw new Error(
            `HTTP ${answer.status}: ${answer.text.slice(0, 300)}\nrequest: ${JSON.stringify(operation).slice(0, 2000)}`,
          );
        outcomes[answer.status === 200 ? 'executed' : 'refused']++;
      }),
      { seed: SEED, numRuns: 2000, endOnFailure: true, includeErrorInReport: true },
    );
    // The generator must reach execution (policy, planning, subgraphs), not only the validator.
    expect(outcomes.executed).toBeGreaterThan(200);
    expect(outcomes.refused).toBeGreaterThan(200);
  });

  it('answers thousands of broken request bodies, none with a 5xx', async () => {
    const valid = {
      query:
        'query ($id: ID!) { person(idNumber: $id) { name gender household { number members { name } } } }',
      variables: { id: pool.ids[0] },
    };
    await fc.assert(
      fc.asyncProperty(fc.gen(), async (g) => {
        const request = brokenRequest(g, valid);
        const answer = await send(request);
        if (!answeredWell(answer))
          throw new Error(
            `HTTP ${answer.status}: ${answer.text.slice(0, 300)}\nrequest: ${JSON.stringify(request).slice(0, 2000)}`,
          );
      }),
      { seed: SEED + 1, numRuns: 1200, endOnFailure: true, includeErrorInReport: true },
    );
  });

  it('still serves a normal query correctly afterwards', async () => {
    const result = await postGraphQL(
      platform.gatewayUrl,
      'query ($id: ID!) { person(idNumber: $id) { gender } }',
      { id: person.id_number },
      headers,
    );
    expect(result.status).toBe(200);
    expect(result.body).toEqual({ data: { person: { gender: person.gender } } });
  });
});

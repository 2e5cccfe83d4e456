/**
 * Confirming a masked ID number by guessing (issue 7 §3.2) is refused long before it succeeds.
 * A department without any grant on people sees `320685********6438`: about 2,850 birth dates fit
 * the check character, and the review recovered a full number in 8 requests of 400 aliased
 * lookups. Now a request carries at most 20 root fields and 30 aliases (operation limits), and an application that
 * has looked up more keys that name nobody than its daily budget is refused (429
 * LOOKUP_MISS_BUDGET) until the next day: the guessing takes weeks, the probing flags name it on
 * the first day, and the real number appears in no response. The budget here is 60; the real
 * number is placed after the first 200 guesses, where the attacker would not reach it today.
 */
import { recordsFor } from '../audit/audit-rows';
import { postGraphQL, GraphQLResult } from '../../utils/graphql-client';
import { Platform, startPlatform } from '../../utils/platform';
import { describeWithService } from '../../utils/services';
import { candidates } from './id-candidates';
import { leakedSecrets } from './leak-search';

const TAX = {
  department: 'tax',
  application: 'tax-collection',
  operator: 'li.ming',
  purpose: 'TAX_ADMINISTRATION',
};
const HOUSING = {
  department: 'housing',
  application: 'housing-subsidy',
  operator: 'zhao.lei',
  purpose: 'HOUSING_SECURITY',
};
const BUDGET = 60;
const PER_REQUEST = 20;

function guessingSuite(backend: 'sqlite' | 'mysql', redisUrl: string | null) {
  let platform: Platform;
  let target: string;
  let guesses: string[];
  const responses: GraphQLResult[] = [];

  const guess = async (url: string, batch: readonly string[]) => {
    const lookups = batch.map(
      (id, i) =>
        `g${i}: person(idNumber: "${id}") { idNumber name gender certificates { number } }`,
    );
    const result = await postGraphQL(
      url,
      `query Guess { ${lookups.join(' ')} }`,
      {},
      await platform.headers(TAX),
    );
    responses.push(result);
    return result;
  };

  beforeAll(async () => {
    const namespace = `guessing-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    platform = await startPlatform({
      backend,
      persons: 300,
      subgraphs: ['population', 'licences', 'sharing'],
      gateway: { lookupMissesPerDay: BUDGET },
      ...(redisUrl ? { redis: { url: redisUrl, namespace } } : {}),
    });
    target = (
      await platform.subgraphs
        .population!.db('people')
        .orderBy('id_number', 'desc')
        .first('id_number')
    ).id_number;
    // The attacker's list, with the real number where a determined guesser would reach it after 200 misses.
    guesses = candidates(target, 300);
    guesses.splice(200, 0, target);
  });
  afterAll(async () => {
    await platform?.stop();
  });

  it('refuses more than 20 guesses in one request', async () => {
    const result = await guess(platform.gatewayUrl, guesses.slice(0, PER_REQUEST + 1));
    expect(result.status).toBe(400);
    expect(result.body.errors?.[0].extensions?.code).toBe('MAX_ROOT_FIELDS_LIMIT');
  });

  it("answers guesses until the day's budget of misses is spent, then refuses every request until tomorrow", async () => {
    const statuses: number[] = [];
    for (let offset = 0; offset < guesses.length; offset += PER_REQUEST) {
      const result = await guess(platform.gatewayUrl, guesses.slice(offset, offset + PER_REQUEST));
      statuses.push(result.status);
      if (result.status === 429) {
        expect(result.body.errors?.[0].extensions).toMatchObject({
          code: 'RATE_LIMITED',
          reason: 'LOOKUP_MISS_BUDGET',
          budget: BUDGET,
        });
        const retryAfter = Number(result.headers.get('retry-after'));
        expect(retryAfter).toBeGreaterThan(0);
        expect(retryAfter).toBeLessThanOrEqual(86_400);
        break;
      }
    }
    // Three requests of 20 misses spend the budget of 60; the fourth is refused, at guess 60 of ~2,850.
    expect(statuses).toEqual([200, 200, 200, 429]);
    // Other questions from the same application are refused too: it cannot switch operations to go on.
    const other = await postGraphQL(
      platform.gatewayUrl,
      '{ departments { code } }',
      {},
      await platform.headers({ ...TAX, operator: 'someone.else' }),
    );
    expect(other.status).toBe(429);
  });

  it('never shows the real number, nor its unmasked name, in any response to the guesser', async () => {
    const person = await platform.subgraphs
      .population!.db('people')
      .where({ id_number: target })
      .first('name');
    for (const response of responses)
      expect(leakedSecrets(response, [target, person.name])).toEqual([]);
  });

  it('still serves other applications', async () => {
    const result = await postGraphQL(
      platform.gatewayUrl,
      'query($id: ID!) { person(idNumber: $id) { gender } }',
      { id: target },
      await platform.headers(HOUSING),
    );
    expect(result.status).toBe(200);
    expect(result.body.data?.person).toEqual({ gender: expect.any(String) });
  });

  it('records each refusal in the audit trail', async () => {
    const refused = responses.filter((r) => r.status === 429);
    expect(refused.length).toBeGreaterThan(0);
    await platform.audit!.ship();
    const db = await platform.audit!.connect();
    for (const r of refused) {
      const [record] = await recordsFor(db, r.headers.get('x-request-id')!);
      expect(record).toMatchObject({
        outcome: 'refused',
        errorCodes: ['RATE_LIMITED'],
        department: 'tax',
        application: 'tax-collection',
      });
    }
  });

  if (redisUrl) {
    it('shares the budget between gateway instances', async () => {
      const second = await platform.addGateway();
      try {
        const result = await guess(second.url, guesses.slice(0, 5));
        expect(result.status).toBe(429);
      } finally {
        await second.stop();
      }
    });
  }
}

describe('guessing a masked ID number (SQLite, budget in process)', () =>
  guessingSuite('sqlite', null));

describeWithService(
  ['mysql', 'redis'],
  'guessing a masked ID number (MariaDB, budget shared through Redis)',
  () => guessingSuite('mysql', process.env.REDIS_URL ?? null),
);

/**
 * Rate and concurrency limits per application and department (gateway/rate-limits/), tried as a
 * caller who wants more than its share would: bursts, slow requests held open, new tokens,
 * other headers, purposes and operators, batches, a second gateway instance, Redis killed.
 * The limits live in the application registry, which only the big data bureau may change.
 */
import { randomUUID } from 'node:crypto';
import { HttpError } from '../../../contracts/http/http-error';
import { LIMITS_BY_FREQUENCY } from '../../../domain/request-limits';
import type { GatewayHooks } from '../../../gateway/stages/stage-hooks';
import { recordsFor } from '../audit/audit-rows';
import { RedisChild, startRedisChild } from '../grants-redis/redis-server';
import { ExtraGateway, Platform, PlatformOptions, startPlatform } from '../../utils/platform';
import { describeWithService } from '../../utils/services';

const PING = 'query Ping { usePurposes { code } }';
const SLOW = 'query Slow { usePurposes { code } }';
const FAIL = 'query Fail { usePurposes { code } }';
const LIMITS =
  'query Limits($id: ID!) { application(id: $id) { usageFrequency limits { requestsPerMinute burst concurrency source basis } } }';
const SET_LIMITS = `mutation SetLimits($id: ID!, $limits: RequestLimitsInput!) {
  setApplicationLimits(id: $id, limits: $limits) { id limits { requestsPerMinute burst concurrency source } }
}`;
const UPDATE =
  'mutation Update($id: ID!, $f: UsageFrequency!) { updateApplication(id: $id, input: { usageFrequency: $f }) { usageFrequency limits { requestsPerMinute basis } } }';

interface Answer {
  status: number;
  headers: Headers;
  body: {
    data?: Record<string, any> | null;
    errors?: { message: string; extensions?: Record<string, any> }[];
  };
}

async function post(
  url: string,
  headers: Record<string, string>,
  body: unknown,
  signal?: AbortSignal,
): Promise<Answer> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    signal,
  });
  return { status: res.status, headers: res.headers, body: JSON.parse(await res.text()) };
}

const ask = (
  url: string,
  headers: Record<string, string>,
  query = PING,
  variables: Record<string, unknown> = {},
) =>
  post(url, headers, {
    query,
    variables,
    operationName: /^(query|mutation) (\w+)/.exec(query)?.[2],
  });

function expectRateLimited(answer: Answer, reason: string): void {
  expect(answer.status).toBe(429);
  expect(answer.body.data).toBeUndefined();
  expect(answer.body.errors).toEqual([
    expect.objectContaining({
      extensions: expect.objectContaining({ code: 'RATE_LIMITED', reason }),
    }),
  ]);
  const retryAfter = Number(answer.headers.get('retry-after'));
  expect(Number.isInteger(retryAfter) && retryAfter >= 1).toBe(true);
  expect(answer.body.errors![0].extensions!.retryAfterSeconds).toBe(retryAfter);
}

/**
 * A later stage that holds `Slow` operations until released, refuses requests with
 * `x-test-refuse` and fails `Fail` operations: every way a request can end after it took a slot.
 */
function laterStage() {
  let open!: () => void;
  let opened = new Promise<void>((r) => (open = r));
  let waiting = 0;
  const hook: GatewayHooks = {
    name: 'test-later-stage',
    onRequest({ context }) {
      if (context.http.headers['x-test-refuse'])
        throw new HttpError(403, 'refused by a later stage', 'FORBIDDEN');
    },
    async onOperation({ operationName }) {
      if (operationName === 'Fail') throw new Error('a later stage failed');
      if (operationName !== 'Slow') return;
      waiting++;
      await opened;
      waiting--;
    },
  };
  return {
    hook,
    waiting: () => waiting,
    release() {
      open();
      opened = new Promise<void>((r) => (open = r));
    },
  };
}

async function until(
  what: string,
  check: () => boolean | Promise<boolean>,
  limitMs = 5000,
): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > limitMs) throw new Error(`not within ${limitMs} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function setLimits(
  platform: Platform,
  id: string,
  limits: Record<string, number | null>,
  url = platform.gatewayUrl,
): Promise<void> {
  const answer = await ask(
    url,
    await platform.headers({ department: 'big-data-bureau' }),
    SET_LIMITS,
    { id, limits },
  );
  expect(answer.body.errors).toBeUndefined();
}

function rateLimitSuite(backend: 'sqlite' | 'mysql', extra: Partial<PlatformOptions>) {
  let platform: Platform;
  const later = laterStage();

  beforeAll(async () => {
    platform = await startPlatform({
      backend,
      subgraphs: ['sharing'],
      hooks: [later.hook],
      ...extra,
    });
  });
  afterAll(async () => {
    later.release();
    await platform?.stop();
  });

  it('shows each application its limits, derived from its usage frequency or set by the bureau', async () => {
    const housing = await platform.headers({
      department: 'housing',
      application: 'housing-subsidy',
    });
    const own = await ask(platform.gatewayUrl, housing, LIMITS, { id: 'housing-subsidy' });
    expect(own.body.data!.application).toEqual({
      usageFrequency: 'WEEKLY',
      limits: { ...LIMITS_BY_FREQUENCY.WEEKLY, source: 'USAGE_FREQUENCY', basis: 'WEEKLY' },
    });
    const network = await ask(platform.gatewayUrl, housing, LIMITS, { id: 'service-network' });
    expect(network.body.data!.application.limits).toMatchObject({
      requestsPerMinute: 6000,
      burst: 400,
      concurrency: 64,
      source: 'BIG_DATA_BUREAU',
      basis: 'DAILY',
    });
  });

  it('lets no department raise its own limits, directly or by declaring a higher usage frequency', async () => {
    const housing = await platform.headers({
      department: 'housing',
      application: 'housing-subsidy',
    });
    const direct = await ask(platform.gatewayUrl, housing, SET_LIMITS, {
      id: 'housing-subsidy',
      limits: { requestsPerMinute: 600_000, concurrency: 10_000 },
    });
    expect(direct.body.errors).toEqual([
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'FORBIDDEN' }) }),
    ]);
    // The inventory field is the department's to correct; the limits stay where they were.
    const declared = await ask(platform.gatewayUrl, housing, UPDATE, {
      id: 'housing-subsidy',
      f: 'DAILY',
    });
    expect(declared.body.data!.updateApplication).toEqual({
      usageFrequency: 'DAILY',
      limits: { requestsPerMinute: LIMITS_BY_FREQUENCY.WEEKLY.requestsPerMinute, basis: 'WEEKLY' },
    });
    // Lowering it lowers them; raising it again then keeps the lower ones.
    await ask(platform.gatewayUrl, housing, UPDATE, { id: 'housing-subsidy', f: 'MONTHLY' });
    const again = await ask(platform.gatewayUrl, housing, UPDATE, {
      id: 'housing-subsidy',
      f: 'WEEKLY',
    });
    expect(again.body.data!.updateApplication.limits).toEqual({
      requestsPerMinute: LIMITS_BY_FREQUENCY.MONTHLY.requestsPerMinute,
      basis: 'MONTHLY',
    });
    const unchanged = await ask(platform.gatewayUrl, housing, LIMITS, { id: 'housing-subsidy' });
    expect(unchanged.body.data!.application.limits.source).toBe('USAGE_FREQUENCY');
    // Out-of-range values are the bureau's mistake, named.
    const bureau = await platform.headers({ department: 'big-data-bureau' });
    const wrong = await ask(platform.gatewayUrl, bureau, SET_LIMITS, {
      id: 'housing-subsidy',
      limits: { burst: 0 },
    });
    expect(wrong.body.errors).toEqual([
      expect.objectContaining({
        extensions: expect.objectContaining({
          code: 'BAD_USER_INPUT',
          argumentName: 'limits.burst',
        }),
      }),
    ]);
  });

  it("refuses a burst over an application's rate with 429 and Retry-After, while another application is served", async () => {
    await setLimits(platform, 'school-enrolment', { requestsPerMinute: 1, burst: 3 });
    const school = await platform.headers({
      department: 'education',
      application: 'school-enrolment',
    });
    for (let i = 0; i < 3; i++) expect((await ask(platform.gatewayUrl, school)).status).toBe(200);
    const over = await ask(platform.gatewayUrl, school);
    expectRateLimited(over, 'APPLICATION_RATE');
    expect(over.body.errors![0].message).toContain(
      'application school-enrolment is over its rate of 1 requests per minute',
    );
    const tax = await ask(
      platform.gatewayUrl,
      await platform.headers({ department: 'tax', application: 'tax-collection' }),
    );
    expect(tax.status).toBe(200);
    expect(tax.body.data!.usePurposes.length).toBeGreaterThan(0);
  });

  it('cannot be dodged with a new token, another operator, purpose or headers, or a batch', async () => {
    // school-enrolment's bucket is empty (the test before).
    const url = platform.gatewayUrl;
    const variants: Record<string, string>[] = [
      await platform.headers({ department: 'education', application: 'school-enrolment' }),
      await platform.headers({
        department: 'education',
        application: 'school-enrolment',
        operator: `someone-else-${randomUUID()}`,
      }),
      await platform.headers({
        department: 'education',
        application: 'school-enrolment',
        purpose: 'EDUCATION_ENROLMENT',
      }),
      await platform.headers({
        department: 'education',
        application: 'school-enrolment',
        roles: ['admin'],
        ttlSeconds: 60,
      }),
      {
        ...(await platform.headers({ department: 'education', application: 'school-enrolment' })),
        'x-forwarded-for': '10.0.0.99',
        'x-real-ip': '10.0.0.98',
        'x-request-id': randomUUID(),
      },
    ];
    for (const headers of variants) expectRateLimited(await ask(url, headers), 'APPLICATION_RATE');
    const batch = await post(url, variants[0], [{ query: PING }, { query: PING }, { query: PING }]);
    expectRateLimited(batch, 'APPLICATION_RATE');
  });

  it('serves a batch as no more than one request: batching is off', async () => {
    const tax = await platform.headers({ department: 'tax', application: 'tax-collection' });
    const batch = await post(platform.gatewayUrl, tax, [{ query: PING }, { query: PING }]);
    expect(batch.status).toBe(400);
    expect(JSON.stringify(batch.body)).not.toContain('usePurposes');
  });

  it('refuses requests beyond the concurrency limit while slow ones are in flight, and frees the slots after', async () => {
    await setLimits(platform, 'minimum-living-allowance', { concurrency: 2 });
    const civil = await platform.headers({
      department: 'civil-affairs',
      application: 'minimum-living-allowance',
    });
    const slow = [ask(platform.gatewayUrl, civil, SLOW), ask(platform.gatewayUrl, civil, SLOW)];
    await until('two slow requests in flight', () => later.waiting() === 2);
    const third = await ask(platform.gatewayUrl, civil);
    expectRateLimited(third, 'APPLICATION_CONCURRENCY');
    expect(third.headers.get('retry-after')).toBe('1');
    // The department's own tokens are not held up by its application's limit.
    expect(
      (await ask(platform.gatewayUrl, await platform.headers({ department: 'civil-affairs' })))
        .status,
    ).toBe(200);
    later.release();
    for (const answer of await Promise.all(slow)) expect(answer.status).toBe(200);
    expect((await ask(platform.gatewayUrl, civil)).status).toBe(200);
  });

  it('gives the slot back however the request ends: invalid, refused later, failed, or the client gone', async () => {
    await setLimits(platform, 'employment-services', { concurrency: 1 });
    const hr = await platform.headers({
      department: 'human-resources',
      application: 'employment-services',
    });
    const url = platform.gatewayUrl;
    expect((await ask(url, hr, '{ noSuchField }')).status).toBe(400);
    expect((await ask(url, { ...hr, 'x-test-refuse': '1' })).status).toBe(403);
    expect((await ask(url, hr, FAIL)).status).toBeGreaterThanOrEqual(500);
    // Had any of those kept its slot, this would be refused: the limit is one.
    expect((await ask(url, hr)).status).toBe(200);
    const abort = new AbortController();
    const aborted = post(url, hr, { query: SLOW, operationName: 'Slow' }, abort.signal).then(
      () => 'answered',
      (e: Error) => e.name,
    );
    await until('the slow request in flight', () => later.waiting() === 1);
    expectRateLimited(await ask(url, hr), 'APPLICATION_CONCURRENCY');
    abort.abort();
    expect(await aborted).toBe('AbortError');
    // The gateway finishes the request it was given, then gives its slot back.
    later.release();
    await until(
      'the slot of the abandoned request free again',
      async () => (await ask(url, hr)).status === 200,
    );
  });

  it("limits a department's tokens without an application by the department's limits", async () => {
    const strict = await platform.addGateway({
      departmentBurst: 2,
      departmentRequestsPerMinute: 1,
    });
    const housing = await platform.headers({ department: 'housing' });
    expect((await ask(strict.url, housing)).status).toBe(200);
    expect((await ask(strict.url, housing)).status).toBe(200);
    expectRateLimited(await ask(strict.url, housing), 'DEPARTMENT_RATE');
    // Its applications count against it too, after their own.
    expectRateLimited(
      await ask(
        strict.url,
        await platform.headers({ department: 'housing', application: 'housing-subsidy' }),
      ),
      'DEPARTMENT_RATE',
    );
    await strict.stop();
  });

  it('records every 429 in the audit trail as refused, RATE_LIMITED', async () => {
    const school = await platform.headers({
      department: 'education',
      application: 'school-enrolment',
    });
    const over = await ask(platform.gatewayUrl, school);
    expectRateLimited(over, 'APPLICATION_RATE');
    const requestId = over.headers.get('x-request-id')!;
    await platform.audit!.ship();
    const [record] = await recordsFor(await platform.audit!.connect(), requestId);
    expect(record).toMatchObject({
      department: 'education',
      application: 'school-enrolment',
      outcome: 'refused',
      httpStatus: 429,
      errorCodes: ['RATE_LIMITED'],
    });
  });
}

describe('rate limits on SQLite, in process', () => {
  rateLimitSuite('sqlite', {});
});

describeWithService(['mysql', 'redis'], 'rate limits on MariaDB with Redis', () => {
  rateLimitSuite('mysql', { redis: { url: process.env.REDIS_URL! } });
});

describeWithService(
  ['mysql', 'redis'],
  'rate limits shared by two gateway instances through Redis',
  () => {
    let platform: Platform;
    let second: ExtraGateway;
    const later = laterStage();

    beforeAll(async () => {
      platform = await startPlatform({
        backend: 'mysql',
        subgraphs: ['sharing'],
        hooks: [later.hook],
        redis: { url: process.env.REDIS_URL! },
      });
      second = await platform.addGateway();
    });
    afterAll(async () => {
      later.release();
      await platform?.stop();
    });

    it('shares one bucket: a burst split over both instances is refused on either', async () => {
      await setLimits(platform, 'school-enrolment', { requestsPerMinute: 1, burst: 4 });
      const school = await platform.headers({
        department: 'education',
        application: 'school-enrolment',
      });
      for (const url of [platform.gatewayUrl, second.url, platform.gatewayUrl, second.url])
        expect((await ask(url, school)).status).toBe(200);
      expectRateLimited(await ask(second.url, school), 'APPLICATION_RATE');
      expectRateLimited(await ask(platform.gatewayUrl, school), 'APPLICATION_RATE');
      expect(platform.security!.rateLimits!.mode()).toBe('REDIS');
    });

    it('shares concurrency: slow requests on one instance fill the slots the other sees', async () => {
      await setLimits(platform, 'minimum-living-allowance', { concurrency: 1 });
      const civil = await platform.headers({
        department: 'civil-affairs',
        application: 'minimum-living-allowance',
      });
      const slow = ask(platform.gatewayUrl, civil, SLOW);
      await until('the slow request in flight', () => later.waiting() === 1);
      expectRateLimited(await ask(second.url, civil), 'APPLICATION_CONCURRENCY');
      later.release();
      expect((await slow).status).toBe(200);
      await until(
        'the slot free on the other instance',
        async () => (await ask(second.url, civil)).status === 200,
      );
    });
  },
);

// Its own redis-server child, killed mid-run; the machine's shared Redis is left alone.
describeWithService('redis', 'rate limits when Redis goes away', () => {
  let redis: RedisChild;
  let platform: Platform;
  const lines: string[] = [];

  beforeAll(async () => {
    redis = await startRedisChild();
    platform = await startPlatform({
      subgraphs: ['sharing'],
      redis: { url: redis.url },
      audit: false,
      log: (l) => lines.push(l),
    });
  });
  afterAll(async () => {
    await platform?.stop();
    await redis?.stop();
  });

  it('keeps limiting in process, says so, and shares again once Redis is back', async () => {
    await setLimits(platform, 'school-enrolment', { requestsPerMinute: 1, burst: 2 });
    const school = await platform.headers({
      department: 'education',
      application: 'school-enrolment',
    });
    expect((await ask(platform.gatewayUrl, school)).status).toBe(200);
    expect(platform.security!.rateLimits!.mode()).toBe('REDIS');

    await redis.kill();
    // The in-process stand-in starts counting afresh; it still refuses past the burst.
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await ask(platform.gatewayUrl, school));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 429]);
    expectRateLimited(answers[2], 'APPLICATION_RATE');
    expect(platform.security!.rateLimits!.mode()).toBe('DEGRADED');
    expect(lines.filter((l) => l.includes('[rate-limits] DEGRADED'))).toHaveLength(1);

    await redis.restart();
    const tax = await platform.headers({ department: 'tax', application: 'tax-collection' });
    await until(
      'Redis in use again',
      async () =>
        (await ask(platform.gatewayUrl, tax)).status === 200 &&
        platform.security!.rateLimits!.mode() === 'REDIS',
      10_000,
    );
    expect(lines).toContainEqual(expect.stringContaining('[rate-limits] Redis answers again'));
  });
});

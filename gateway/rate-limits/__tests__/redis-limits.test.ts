/**
 * The Redis halves against a real Redis (REDIS_URL): the token bucket script as
 * rate-limiter-flexible runs it, and the lease script, as two gateway instances would share them
 * (two clients here).
 */
import { randomUUID } from 'node:crypto';
import { createClient, RedisClientType } from 'redis';
import { describeWithService } from '../../../test/utils/services';
import { createRedisLeases } from '../concurrency-leases';
import { limitKey } from '../limit-keys';
import { redisDegradation } from '../redis-degradation';
import { createRedisRequestRate } from '../request-rate';

describeWithService('redis', 'rate limits in Redis', () => {
  const clients: RedisClientType[] = [];
  const lines: string[] = [];
  const namespace = `unit-${randomUUID()}`;
  const degradation = redisDegradation((l) => lines.push(l));

  const client = async () => {
    const c = createClient({
      url: process.env.REDIS_URL,
      disableOfflineQueue: true,
    }) as RedisClientType;
    await c.connect();
    clients.push(c);
    return c;
  };
  afterAll(async () => {
    for (const c of clients) await c.close();
  });

  it('shares one token bucket between instances, refusing with the wait for the next token', async () => {
    const limits = { requestsPerMinute: 60, burst: 4, concurrency: 1 };
    const target = { scope: 'APPLICATION' as const, id: 'bucket-app', limits };
    const a = createRedisRequestRate({ client: await client(), namespace, degradation });
    const b = createRedisRequestRate({ client: await client(), namespace, degradation });
    const taken = [];
    for (let i = 0; i < 4; i++) taken.push((await (i % 2 ? a : b).take(target)).allowed);
    expect(taken).toEqual([true, true, true, true]);
    const refused = await a.take(target);
    expect(refused.allowed).toBe(false);
    // One token a second: the next one is at most a second away.
    expect(refused.waitMs).toBeGreaterThan(0);
    expect(refused.waitMs).toBeLessThanOrEqual(1000);
    expect((await b.take(target)).allowed).toBe(false);
    expect((await a.take({ ...target, id: 'another-app' })).allowed).toBe(true);
    expect(degradation.degraded).toBe(false);
  });

  it('refills the bucket as time passes, one token at the rate', async () => {
    const limits = { requestsPerMinute: 600, burst: 1, concurrency: 1 };
    const target = { scope: 'DEPARTMENT' as const, id: 'refill-dept', limits };
    const rate = createRedisRequestRate({ client: await client(), namespace, degradation });
    expect((await rate.take(target)).allowed).toBe(true);
    const refused = await rate.take(target);
    expect(refused.allowed).toBe(false);
    await new Promise((r) => setTimeout(r, refused.waitMs + 20));
    expect((await rate.take(target)).allowed).toBe(true);
  });

  it('refuses a caller hammering an empty bucket from memory until its next token is due', async () => {
    const c = await client();
    const target = {
      scope: 'APPLICATION' as const,
      id: 'hammer-app',
      limits: { requestsPerMinute: 60, burst: 1, concurrency: 1 },
    };
    const rate = createRedisRequestRate({ client: c, namespace, degradation });
    expect((await rate.take(target)).allowed).toBe(true);
    expect((await rate.take(target)).allowed).toBe(false);
    // Emptied in Redis, the bucket would let the next one through: only the in-memory block refuses it.
    await c.del(limitKey(namespace, 'bucket', target));
    expect((await rate.take(target)).allowed).toBe(false);
  });

  it('expires an idle bucket once it would be full again', async () => {
    const c = await client();
    const target = {
      scope: 'APPLICATION' as const,
      id: 'ttl-app',
      limits: { requestsPerMinute: 60, burst: 10, concurrency: 1 },
    };
    await createRedisRequestRate({ client: c, namespace, degradation }).take(target);
    const ttl = await c.ttl(limitKey(namespace, 'bucket', target));
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(11);
  });

  it('shares concurrency leases between instances and frees a slot on release', async () => {
    const app = {
      scope: 'APPLICATION' as const,
      id: 'lease-app',
      limits: { requestsPerMinute: 60, burst: 1, concurrency: 2 },
    };
    const dept = {
      scope: 'DEPARTMENT' as const,
      id: 'lease-dept',
      limits: { requestsPerMinute: 60, burst: 1, concurrency: 10 },
    };
    const a = createRedisLeases({
      client: await client(),
      namespace,
      leaseMs: 60_000,
      degradation,
    });
    const b = createRedisLeases({
      client: await client(),
      namespace,
      leaseMs: 60_000,
      degradation,
    });
    const first = await a.acquire([app, dept], 'r1');
    const second = await b.acquire([app, dept], 'r2');
    expect(await a.acquire([app, dept], 'r3')).toEqual({ refused: app });
    const c = clients[clients.length - 1];
    // The refused request left nothing in the department's set.
    expect(await c.zCard(limitKey(namespace, 'in-flight', dept))).toBe(2);
    if (!('lease' in first) || !('lease' in second)) throw new Error('expected leases');
    first.lease.release();
    // Ordered behind the release on the same connection.
    expect('lease' in (await a.acquire([app, dept], 'r4'))).toBe(true);
  });

  it("lets a dead instance's leases lapse", async () => {
    const app = {
      scope: 'APPLICATION' as const,
      id: 'lapse-app',
      limits: { requestsPerMinute: 60, burst: 1, concurrency: 1 },
    };
    const leases = createRedisLeases({
      client: await client(),
      namespace,
      leaseMs: 200,
      degradation,
    });
    expect('lease' in (await leases.acquire([app], 'never-released'))).toBe(true);
    expect(await leases.acquire([app], 'r2')).toEqual({ refused: app });
    await new Promise((r) => setTimeout(r, 250));
    expect('lease' in (await leases.acquire([app], 'r3'))).toBe(true);
  });
});

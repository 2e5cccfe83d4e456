import type { ExecutionResult } from 'graphql';
import type { GatewayContext } from '../../stages/request-context';
import { createMemoryLeases } from '../concurrency-leases';
import {
  createMemoryLookupMissBudget,
  lookupMissKey,
  msUntilNextChinaDay,
} from '../lookup-miss-budget';
import { createRateLimitStage } from '../../stages/limit-request-rate';

const app = { scope: 'APPLICATION' as const, id: 'tax-collection' };

describe('the daily budget of lookups that name nobody', () => {
  it('counts per target and per day in China, and starts again the next day', async () => {
    const budget = createMemoryLookupMissBudget();
    const evening = new Date('2026-12-06T15:59:00Z'); // 23:59 in China
    await budget.add(app, 7, evening);
    await budget.add({ scope: 'DEPARTMENT', id: 'tax' }, 3, evening);
    expect(await budget.spent(app, evening)).toBe(7);
    expect(await budget.spent(app, new Date('2026-12-06T16:00:00Z'))).toBe(0);
  });

  it('renews at midnight China time', () => {
    expect(msUntilNextChinaDay(new Date('2026-12-06T15:59:00Z'))).toBe(60_000);
    expect(msUntilNextChinaDay(new Date('2026-12-06T16:00:00Z'))).toBe(86_400_000);
  });

  it('keeps one key per namespace, day and escaped target, so no id reaches into another key', () => {
    expect(lookupMissKey('ns', { scope: 'APPLICATION', id: 'a:b' }, '2026-12-06')).toBe(
      'shujutong:lookup-misses:ns:2026-12-06:application:a%3Ab',
    );
  });
});

describe('the rate-limit stage with a budget of misses', () => {
  const caller = {
    department: 'tax',
    application: 'tax-collection',
    operator: null,
    purpose: null,
    roles: [],
  };
  const context = (requestId: string, result?: ExecutionResult): GatewayContext => ({
    requestId,
    receivedAt: 0,
    http: { method: 'POST', url: '/graphql', headers: {}, remoteAddress: null },
    caller,
    ...(result ? { result } : {}),
  });
  const stageWith = (perDay: number) =>
    createRateLimitStage({
      registry: { limits: async () => null, invalidate: () => {} },
      departmentLimits: { requestsPerMinute: 6000, burst: 500, concurrency: 50 },
      rate: { take: async () => ({ allowed: true, waitMs: 0 }) },
      leases: createMemoryLeases(),
      citizenKeySecret: Buffer.from('secret'),
      degradation: null,
      missBudget: { counter: createMemoryLookupMissBudget(), perDay },
    });
  const guesses = (n: number): ExecutionResult => ({
    data: Object.fromEntries(Array.from({ length: n }, (_, i) => [`g${i}`, null])),
  });

  it('refuses every request of an application once its misses reach the budget, until the next day', async () => {
    const stage = stageWith(25);
    for (const [id, misses] of [
      ['r1', 20],
      ['r2', 5],
    ] as const) {
      const ctx = context(id);
      await stage.onRequest!({ context: ctx, rawBody: Buffer.alloc(0) });
      ctx.result = guesses(misses);
      await stage.onResponse!({
        context: ctx,
        status: 200,
        body: '{}',
        refusal: null,
        rawBody: null,
      });
    }
    const refused = stage.onRequest!({ context: context('r3'), rawBody: Buffer.alloc(0) });
    await expect(refused).rejects.toMatchObject({
      status: 429,
      code: 'RATE_LIMITED',
      extensions: { reason: 'LOOKUP_MISS_BUDGET', budget: 25 },
    });
    await expect(refused).rejects.toMatchObject({
      headers: { 'retry-after': expect.stringMatching(/^\d+$/) },
    });
  });

  it('does not count lookups that found someone, nor requests that never executed', async () => {
    const stage = stageWith(2);
    const found = context('r1');
    await stage.onRequest!({ context: found, rawBody: Buffer.alloc(0) });
    found.result = { data: { a: { name: '张*' }, b: { name: '李*' }, c: { name: '王*' } } };
    await stage.onResponse!({
      context: found,
      status: 200,
      body: '{}',
      refusal: null,
      rawBody: null,
    });
    const invalid = context('r2');
    await stage.onRequest!({ context: invalid, rawBody: Buffer.alloc(0) });
    await stage.onResponse!({
      context: invalid,
      status: 400,
      body: '{}',
      refusal: null,
      rawBody: null,
    });
    await expect(
      stage.onRequest!({ context: context('r3'), rawBody: Buffer.alloc(0) }),
    ).resolves.toBeUndefined();
  });
});

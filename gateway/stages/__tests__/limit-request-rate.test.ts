import { parse } from 'graphql';
import type { GatewayContext } from '../request-context';
import { RegistryUnavailableError } from '../../auth/registry-lookup';
import { createMemoryLeases } from '../../rate-limits/concurrency-leases';
import type { LimitTarget } from '../../rate-limits/limit-targets';
import { createRateLimitStage } from '../limit-request-rate';
import type { RequestRate } from '../../rate-limits/request-rate';

const departmentLimits = { requestsPerMinute: 600, burst: 50, concurrency: 5 };
const appLimits = { requestsPerMinute: 60, burst: 5, concurrency: 1 };

function context(caller: GatewayContext['caller'], requestId = 'r1'): GatewayContext {
  return {
    requestId,
    receivedAt: 0,
    http: { method: 'POST', url: '/graphql', headers: {}, remoteAddress: null },
    caller,
  };
}

function setup(limits: () => Promise<typeof appLimits | null> = async () => appLimits) {
  const taken: LimitTarget[] = [];
  const rate: RequestRate = { take: async (t) => (taken.push(t), { allowed: true, waitMs: 0 }) };
  const leases = createMemoryLeases();
  let invalidated = 0;
  const stage = createRateLimitStage({
    registry: { limits, invalidate: () => void invalidated++ },
    departmentLimits,
    rate,
    leases,
    citizenKeySecret: Buffer.from('secret'),
    degradation: null,
  });
  return { stage, taken, leases, invalidated: () => invalidated };
}

const outcome = (ctx: GatewayContext) => ({
  context: ctx,
  status: 200,
  body: '{}',
  refusal: null,
  rawBody: null,
});
const caller = (department: string, application: string | null) => ({
  department,
  application,
  operator: null,
  purpose: null,
  roles: [],
});

describe('the rate-limit stage', () => {
  it('takes from the application bucket, then the department bucket, and holds a slot until the response', async () => {
    const { stage, taken, leases } = setup();
    const ctx = context(caller('housing', 'housing-subsidy'));
    await stage.onRequest!({ context: ctx, rawBody: Buffer.alloc(0) });
    expect(taken.map((t) => `${t.scope}:${t.id}`)).toEqual([
      'APPLICATION:housing-subsidy',
      'DEPARTMENT:housing',
    ]);
    expect(leases.inFlight(taken[0])).toBe(1);
    await expect(
      stage.onRequest!({
        context: context(caller('housing', 'housing-subsidy'), 'r2'),
        rawBody: Buffer.alloc(0),
      }),
    ).rejects.toMatchObject({ status: 429, extensions: { reason: 'APPLICATION_CONCURRENCY' } });
    await stage.onResponse!(outcome(ctx));
    await stage.onResponse!(outcome(ctx));
    expect(leases.inFlight(taken[0])).toBe(0);
  });

  it('keys a citizen by a keyed hash, never the ID number', async () => {
    const { stage, taken } = setup();
    const idNumber = '320682196109273248';
    await stage.onRequest!({
      context: context({ ...caller('citizen', null), citizenIdNumber: idNumber }),
      rawBody: Buffer.alloc(0),
    });
    expect(taken).toHaveLength(1);
    expect(taken[0].scope).toBe('CITIZEN');
    expect(taken[0].id).toMatch(/^[0-9a-f]{32}$/);
    expect(JSON.stringify(taken)).not.toContain(idNumber);
  });

  it('refuses with 503 REGISTRY_UNAVAILABLE when the limits cannot be read, rather than not limiting', async () => {
    const { stage, taken } = setup(async () => {
      throw new RegistryUnavailableError(new Error('down'));
    });
    await expect(
      stage.onRequest!({
        context: context(caller('tax', 'tax-collection')),
        rawBody: Buffer.alloc(0),
      }),
    ).rejects.toMatchObject({ status: 503, code: 'REGISTRY_UNAVAILABLE' });
    expect(taken).toEqual([]);
  });

  it('limits nothing when no caller was authenticated (authentication has refused already)', async () => {
    const { stage, taken } = setup();
    await stage.onRequest!({ context: context(null), rawBody: Buffer.alloc(0) });
    expect(taken).toEqual([]);
  });

  it('drops the cached registry answers after a change of limits through this gateway', async () => {
    const { stage, invalidated } = setup();
    const ctx = context(caller('big-data-bureau', null));
    ctx.operation = {
      document: parse('mutation { x: setApplicationLimits(id: "a", limits: {}) { id } }'),
      operationName: null,
    };
    await stage.onResponse!(outcome(ctx));
    expect(invalidated()).toBe(1);
  });
});

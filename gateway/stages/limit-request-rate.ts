/**
 * The rate-limit stage (stages/stage-hooks.ts), right after authentication, which settles
 * who is calling, and before the sharing policy, so a refused request costs no policy work, no
 * planning and no subgraph call. For each target (limit-targets.ts), narrowest first: a token
 * from its bucket, then a lease on a concurrency slot for every target at once. The first limit
 * hit refuses the request with 429 RATE_LIMITED (rate-limit-refusal.ts), which the audit
 * records like any refusal.
 *
 * The lease is given back in onResponse, which runs exactly once for every request that got
 * here, whatever happened after: served, refused by a later stage, failed, or the client gone.
 *
 * A batch is one HTTP request and so one token; batching is off in this gateway (Apollo Server's
 * default), so a batch cannot carry more operations than one request does.
 */
import { createHmac } from 'node:crypto';
import type { RequestLimits } from '../../domain/request-limits';
import { isCitizenCaller } from '../auth/citizen-claims';
import { RegistryLookup, RegistryUnavailableError } from '../auth/registry-lookup';
import type { GatewayContext } from './request-context';
import type { GatewayHooks } from './stage-hooks';
import type { ConcurrencyLeases, Lease } from '../rate-limits/concurrency-leases';
import { LimitTarget, limitTargets } from '../rate-limits/limit-targets';
import { lookupMisses } from '../audit-capture/lookup-misses';
import { LookupMissBudget, msUntilNextChinaDay } from '../rate-limits/lookup-miss-budget';
import {
  lookupMissBudgetRefusal,
  rateLimitRefusal,
  registryUnavailableRefusal,
} from '../rate-limits/rate-limit-refusal';
import type { RedisDegradation } from '../rate-limits/redis-degradation';
import type { RequestRate } from '../rate-limits/request-rate';
import { openRateLimitStores, RateLimitStoreSettings } from '../rate-limits/rate-limit-stores';

/** The registry mutation whose answer this gateway must not keep serving from its cache. */
const LIMITS_MUTATION = 'setApplicationLimits';

/** What a concurrency refusal suggests as Retry-After: slots free as requests finish, which is soon. */
const CONCURRENCY_RETRY_MS = 1000;

export interface RateLimitStageOptions {
  readonly registry: Pick<RegistryLookup, 'limits' | 'invalidate'>;
  /** Every department's limits (the gateway's RATE_LIMIT_DEPARTMENT_* settings). */
  readonly departmentLimits: RequestLimits;
  readonly rate: RequestRate;
  readonly leases: ConcurrencyLeases;
  /** Keys a citizen's bucket by an HMAC of the ID number under this secret: no ID number in Redis. */
  readonly citizenKeySecret: Buffer;
  /** Tracks whether Redis answers; null when the limits run in process only (no REDIS_URL). */
  readonly degradation: RedisDegradation | null;
  /** Lookups that may name nobody per application (or department) and day; null: no budget. @default null */
  readonly missBudget?: { readonly counter: LookupMissBudget; readonly perDay: number } | null;
  /** Closes the stage's Redis connection, when it has one. @default nothing to close */
  readonly close?: () => Promise<void>;
}

export type RateLimitMode = 'REDIS' | 'DEGRADED' | 'IN_PROCESS';

export interface RateLimitStage extends GatewayHooks {
  /** Where the limits are counted now. Not in GET /health: degraded still limits, so the gateway serves on; the log says it. */
  mode(): RateLimitMode;
}

function changesLimits(context: GatewayContext): boolean {
  const document = context.operation?.document;
  if (!document) return false;
  return document.definitions.some(
    (d) =>
      d.kind === 'OperationDefinition' &&
      d.operation === 'mutation' &&
      d.selectionSet.selections.some((s) => s.kind === 'Field' && s.name.value === LIMITS_MUTATION),
  );
}

export function createRateLimitStage(options: RateLimitStageOptions): RateLimitStage {
  const held = new WeakMap<GatewayContext, Lease>();
  const missBudget = options.missBudget ?? null;
  const budgetOf = new WeakMap<GatewayContext, LimitTarget>();
  const citizenKey = (idNumber: string) =>
    createHmac('sha256', options.citizenKeySecret)
      .update(`rate-limit:${idNumber}`)
      .digest('hex')
      .slice(0, 32);
  const mode = (): RateLimitMode =>
    options.degradation === null
      ? 'IN_PROCESS'
      : options.degradation.degraded
        ? 'DEGRADED'
        : 'REDIS';

  const applicationLimits = async (application: string): Promise<RequestLimits | null> => {
    try {
      return await options.registry.limits(application);
    } catch (err) {
      if (err instanceof RegistryUnavailableError) throw registryUnavailableRefusal();
      throw err;
    }
  };

  return {
    name: 'rate-limits',
    mode,
    async onRequest({ context }) {
      const caller = context.caller;
      // Nobody authenticated: authentication has refused already, or runs without one (tests).
      if (!caller) return;
      const citizen = isCitizenCaller(caller) ? citizenKey(caller.citizenIdNumber) : null;
      const appLimits =
        caller.application && !citizen ? await applicationLimits(caller.application) : null;
      const targets = limitTargets(
        { department: caller.department, application: caller.application, citizenKey: citizen },
        appLimits,
        options.departmentLimits,
      );
      // A citizen asks about themselves only: nothing to guess. Nor does open data (开放), whose
      // schema holds no personal item; its misses would only let one anonymous caller spend the
      // budget all of them share and close the open endpoint for the day (per-address limits
      // bound it instead: gateway/open-data/).
      const budgeted =
        citizen || context.delivery?.startsWith('OPEN_DATA') ? undefined : targets[0];
      if (missBudget && budgeted) {
        if ((await missBudget.counter.spent(budgeted)) >= missBudget.perDay)
          throw lookupMissBudgetRefusal(budgeted, missBudget.perDay, msUntilNextChinaDay());
        budgetOf.set(context, budgeted);
      }
      // One at a time, narrowest first: an application over its own rate spends nothing of its department's.
      for (const target of targets) {
        const taken = await options.rate.take(target);
        if (!taken.allowed) throw rateLimitRefusal(target, 'RATE', taken.waitMs);
      }
      const acquired = await options.leases.acquire(targets, context.requestId);
      if ('refused' in acquired)
        throw rateLimitRefusal(acquired.refused, 'CONCURRENCY', CONCURRENCY_RETRY_MS);
      held.set(context, acquired.lease);
    },
    async onResponse({ context }) {
      const lease = held.get(context);
      if (lease) {
        held.delete(context);
        lease.release();
      }
      const budgeted = budgetOf.get(context);
      if (missBudget && budgeted && context.result) {
        const { notFound, badInput } = lookupMisses(context.result);
        await missBudget.counter.add(budgeted, notFound + badInput);
      }
      // Limits changed through this gateway apply here at once; elsewhere within the registry cache's TTL.
      if (changesLimits(context)) options.registry.invalidate();
    },
    async stop() {
      await options.close?.();
      await missBudget?.counter.close();
    },
  };
}

export interface RateLimitSetup extends RateLimitStoreSettings {
  readonly registry: Pick<RegistryLookup, 'limits' | 'invalidate'>;
  readonly departmentLimits: RequestLimits;
  readonly citizenKeySecret: Buffer;
}

/** The stage as the platform runs it: over Redis when the gateway has one, else in process. */
export function setUpRateLimits(setup: RateLimitSetup): RateLimitStage {
  const stores = openRateLimitStores(setup);
  return createRateLimitStage({
    registry: setup.registry,
    departmentLimits: setup.departmentLimits,
    citizenKeySecret: setup.citizenKeySecret,
    ...stores,
  });
}

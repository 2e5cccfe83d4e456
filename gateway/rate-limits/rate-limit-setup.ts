/**
 * Builds the rate-limit stage from the gateway's settings: shared through Redis when the gateway
 * has one (its own connection, which never queues commands while disconnected, so a lost Redis
 * falls through to the in-process limits at once), else in process.
 */
import { createClient, RedisClientType } from 'redis';
import type { RequestLimits } from '../../domain/request-limits';
import { redisClientOptions } from '../grants/redis-connection';
import type { RegistryLookup } from '../auth/registry-lookup';
import { createMemoryLeases, createRedisLeases } from './concurrency-leases';
import { createMemoryLookupMissBudget, createRedisLookupMissBudget } from './lookup-miss-budget';
import { createRateLimitStage, RateLimitStage } from './rate-limit-stage';
import { redisDegradation } from './redis-degradation';
import { createMemoryRequestRate, createRedisRequestRate } from './request-rate';

export interface RateLimitSetup {
  readonly registry: Pick<RegistryLookup, 'limits' | 'invalidate'>;
  readonly departmentLimits: RequestLimits;
  /** Null: in process only. */
  readonly redis: { readonly url: string; readonly namespace: string | null } | null;
  readonly leaseMs: number;
  /** Lookups naming nobody per application and day (lookup-miss-budget.ts); null: no budget. */
  readonly lookupMissesPerDay: number | null;
  readonly citizenKeySecret: Buffer;
  readonly log: (line: string) => void;
}

export function setUpRateLimits(setup: RateLimitSetup): RateLimitStage {
  const common = { registry: setup.registry, departmentLimits: setup.departmentLimits, citizenKeySecret: setup.citizenKeySecret };
  if (!setup.redis) {
    const missBudget = setup.lookupMissesPerDay === null ? null : { counter: createMemoryLookupMissBudget(), perDay: setup.lookupMissesPerDay };
    return createRateLimitStage({ ...common, rate: createMemoryRequestRate(), leases: createMemoryLeases(), degradation: null, missBudget });
  }
  const client = createClient(redisClientOptions(setup.redis.url)) as RedisClientType;
  // Errors surface as failed commands, which degrade; the client reconnects by itself.
  client.on('error', () => {});
  const degradation = redisDegradation(setup.log);
  const connecting = client.connect().catch((err: unknown) => degradation.down(err instanceof Error ? err.message : String(err)));
  return createRateLimitStage({
    ...common,
    rate: createRedisRequestRate({ client, namespace: setup.redis.namespace, degradation }),
    leases: createRedisLeases({ client, namespace: setup.redis.namespace, leaseMs: setup.leaseMs, degradation }),
    degradation,
    missBudget:
      setup.lookupMissesPerDay === null ? null : { counter: createRedisLookupMissBudget({ url: setup.redis.url, namespace: setup.redis.namespace, degradation }), perDay: setup.lookupMissesPerDay },
    async close() {
      if (client.isReady) await client.close().catch(() => client.destroy());
      else if (client.isOpen) client.destroy();
      await connecting;
    },
  });
}

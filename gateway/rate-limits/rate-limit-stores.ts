/**
 * The rate limits' stores, from the gateway's settings: shared through Redis when the gateway
 * has one (its own connection, which never queues commands while disconnected, so a lost Redis
 * falls through to the in-process limits at once), else in process.
 */
import { createClient, RedisClientType } from 'redis';
import { redisClientOptions } from '../grants/redis-connection';
import { ConcurrencyLeases, createMemoryLeases, createRedisLeases } from './concurrency-leases';
import {
  createMemoryLookupMissBudget,
  createRedisLookupMissBudget,
  LookupMissBudget,
} from './lookup-miss-budget';
import { RedisDegradation, redisDegradation } from './redis-degradation';
import { createMemoryRequestRate, createRedisRequestRate, RequestRate } from './request-rate';

export interface RateLimitStoreSettings {
  /** Null: in process only. */
  readonly redis: { readonly url: string; readonly namespace: string | null } | null;
  readonly leaseMs: number;
  /** Lookups naming nobody per application and day (lookup-miss-budget.ts); null: no budget. */
  readonly lookupMissesPerDay: number | null;
  readonly log: (line: string) => void;
}

export interface RateLimitStores {
  readonly rate: RequestRate;
  readonly leases: ConcurrencyLeases;
  /** Null in process: there is nothing to lose. */
  readonly degradation: RedisDegradation | null;
  readonly missBudget: { readonly counter: LookupMissBudget; readonly perDay: number } | null;
  close?(): Promise<void>;
}

export function openRateLimitStores(settings: RateLimitStoreSettings): RateLimitStores {
  if (!settings.redis) {
    const missBudget =
      settings.lookupMissesPerDay === null
        ? null
        : { counter: createMemoryLookupMissBudget(), perDay: settings.lookupMissesPerDay };
    return {
      rate: createMemoryRequestRate(),
      leases: createMemoryLeases(),
      degradation: null,
      missBudget,
    };
  }
  const { url, namespace } = settings.redis;
  const client = createClient(redisClientOptions(url)) as RedisClientType;
  // Errors surface as failed commands, which degrade; the client reconnects by itself.
  client.on('error', () => {});
  const degradation = redisDegradation(settings.log);
  const connecting = client
    .connect()
    .catch((err: unknown) => degradation.down(err instanceof Error ? err.message : String(err)));
  return {
    rate: createRedisRequestRate({ client, namespace, degradation }),
    leases: createRedisLeases({ client, namespace, leaseMs: settings.leaseMs, degradation }),
    degradation,
    missBudget:
      settings.lookupMissesPerDay === null
        ? null
        : {
            counter: createRedisLookupMissBudget({ url, namespace, degradation }),
            perDay: settings.lookupMissesPerDay,
          },
    async close() {
      if (client.isReady) await client.close().catch(() => client.destroy());
      else if (client.isOpen) client.destroy();
      await connecting;
    },
  };
}

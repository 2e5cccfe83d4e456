/**
 * Requests in flight per target, as leases. In Redis each target has a sorted set of request ids
 * scored by when their lease runs out; a request takes a lease on every target at once (one Lua
 * script, so two instances cannot both take the last slot) and gives it back when it is
 * answered. A gateway that dies mid-request cannot give its leases back: they lapse after
 * `leaseMs`, so its in-flight count cannot leak for ever. Without Redis, or while it is away,
 * counts are kept in this instance (redis-degradation.ts says so).
 */
import type { AnyRedisClient } from '../grants/redis-connection';
import { withDeadline } from '../grants/redis-connection';
import { limitKey } from './limit-keys';
import type { LimitTarget } from './limit-targets';
import type { RedisDegradation } from './redis-degradation';

export interface Lease {
  /** Idempotent; never throws (a lease Redis could not take back lapses on its own). */
  release(): void;
}

export type Acquired = { readonly lease: Lease } | { readonly refused: LimitTarget };

export interface ConcurrencyLeases {
  /** A lease on every target, or the first target that has no slot left (then none is held). */
  acquire(targets: readonly LimitTarget[], requestId: string): Promise<Acquired>;
}

export function createMemoryLeases(): ConcurrencyLeases & {
  inFlight(target: LimitTarget): number;
} {
  const counts = new Map<string, number>();
  const keyOf = (t: LimitTarget) => limitKey(null, 'in-flight', t);
  return {
    async acquire(targets) {
      const keys = targets.map(keyOf);
      const full = targets.findIndex((t, i) => (counts.get(keys[i]) ?? 0) >= t.limits.concurrency);
      if (full >= 0) return { refused: targets[full] };
      for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
      let held = true;
      return {
        lease: {
          release() {
            if (!held) return;
            held = false;
            for (const k of keys) {
              const n = (counts.get(k) ?? 1) - 1;
              if (n > 0) counts.set(k, n);
              else counts.delete(k);
            }
          },
        },
      };
    },
    inFlight: (target) => counts.get(keyOf(target)) ?? 0,
  };
}

// KEYS: one sorted set per target. ARGV: request id, lease ms, then each target's limit.
// Returns 0 when every lease was taken, else the 1-based index of the first full target.
const ACQUIRE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local lease = tonumber(ARGV[2])
for i = 1, #KEYS do
  redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', now)
  if redis.call('ZCARD', KEYS[i]) >= tonumber(ARGV[i + 2]) then return i end
end
for i = 1, #KEYS do
  redis.call('ZADD', KEYS[i], now + lease, ARGV[1])
  redis.call('PEXPIRE', KEYS[i], lease)
end
return 0`;

export interface RedisLeasesOptions {
  readonly client: AnyRedisClient;
  readonly namespace: string | null;
  /** How long a lease outlives a gateway that never gives it back. */
  readonly leaseMs: number;
  readonly degradation: RedisDegradation;
  /** Deadline for Redis's answer. @default 250 */
  readonly timeoutMs?: number;
  /** Where leases are kept while Redis is away. @default createMemoryLeases() */
  readonly fallback?: ConcurrencyLeases;
}

export function createRedisLeases(options: RedisLeasesOptions): ConcurrencyLeases {
  const { client, degradation } = options;
  const timeoutMs = options.timeoutMs ?? 250;
  const fallback = options.fallback ?? createMemoryLeases();

  const redisLease = (keys: string[], requestId: string): Lease => {
    let held = true;
    return {
      release() {
        if (!held) return;
        held = false;
        if (!client.isReady) return;
        // Not awaited: the response need not wait, and this connection's later commands queue behind it.
        Promise.all(keys.map((k) => client.zRem(k, requestId))).catch(() => {});
      },
    };
  };

  return {
    async acquire(targets, requestId) {
      if (!client.isReady) {
        degradation.down('not connected');
        return fallback.acquire(targets, requestId);
      }
      const keys = targets.map((t) => limitKey(options.namespace, 'in-flight', t));
      let reply: unknown;
      try {
        reply = await withDeadline(
          client.eval(ACQUIRE, {
            keys,
            arguments: [
              requestId,
              String(options.leaseMs),
              ...targets.map((t) => String(t.limits.concurrency)),
            ],
          }),
          timeoutMs,
        );
      } catch (err) {
        degradation.down(err instanceof Error ? err.message : String(err));
        return fallback.acquire(targets, requestId);
      }
      degradation.up();
      const full = Number(reply);
      if (full > 0) return { refused: targets[full - 1] };
      return { lease: redisLease(keys, requestId) };
    },
  };
}

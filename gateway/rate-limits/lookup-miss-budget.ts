/**
 * A daily budget of lookups that find nobody, per application (or department, for a token without
 * one). Guessing is the one way to turn a masked identifier back into the real one: a masked ID
 * number `320685********6438` leaves about 2,850 birth dates whose check character fits, and
 * almost every guess names nobody. A legitimate system looks up the people it is handling and
 * rarely misses; a prober misses nearly every time. So once an application has missed its budget
 * for the day (China time), its further requests are refused with 429 until the next day: the
 * 2,850 guesses take weeks instead of seconds, and the probing flags (subgraphs/audit) name the
 * prober long before. Misses are counted from the responses as the audit sees them
 * (audit-capture/lookup-misses.ts): a root lookup answered null without an error, and each
 * BAD_USER_INPUT.
 *
 * Shared by the gateway instances through Redis (INCRBY on a key per target and day, expiring
 * after two days), in process without it or while it does not answer: degraded, never silent.
 */
import { createClient } from 'redis';
import { chinaToday as chinaDate } from '../../domain/china-date';
import { redisClientOptions, withDeadline } from '../grants/redis-connection';
import type { LimitTarget } from './limit-targets';
import { targetKey } from './limit-keys';
import type { RedisDegradation } from './redis-degradation';

export interface LookupMissBudget {
  /** Misses counted today for the target. */
  spent(target: Pick<LimitTarget, 'scope' | 'id'>, now?: Date): Promise<number>;
  /** Adds the misses of one response. */
  add(target: Pick<LimitTarget, 'scope' | 'id'>, misses: number, now?: Date): Promise<void>;
  close(): Promise<void>;
}

const COUNT_TTL_SECONDS = 2 * 86_400;

export function lookupMissKey(
  namespace: string | null,
  target: Pick<LimitTarget, 'scope' | 'id'>,
  day: string,
): string {
  return `shujutong:lookup-misses${namespace ? `:${namespace}` : ''}:${day}:${targetKey(target)}`;
}

/** Milliseconds until the next day begins in China (UTC+8): when a spent budget is renewed. */
export function msUntilNextChinaDay(now: Date = new Date()): number {
  const dayMs = 86_400_000;
  const shifted = now.getTime() + 8 * 3_600_000;
  return dayMs - (shifted % dayMs);
}

/** Today in China, recomputed only when a day has ended: this runs twice on every request. */
function chinaDayClock(): (now: Date) => string {
  let day = '';
  let endsAt = 0;
  return (now) => {
    const t = now.getTime();
    if (t >= endsAt || t < endsAt - 86_400_000) {
      endsAt = t + msUntilNextChinaDay(now);
      day = chinaDate(now);
    }
    return day;
  };
}

export function createMemoryLookupMissBudget(): LookupMissBudget {
  const chinaToday = chinaDayClock();
  const counts = new Map<string, number>();
  let day = '';
  const keyFor = (target: Pick<LimitTarget, 'scope' | 'id'>, now: Date) => {
    const today = chinaToday(now);
    // Yesterday's counts are dropped when the day turns, so the map holds one day at most.
    if (today !== day) {
      counts.clear();
      day = today;
    }
    return lookupMissKey(null, target, today);
  };
  return {
    async spent(target, now = new Date()) {
      return counts.get(keyFor(target, now)) ?? 0;
    },
    async add(target, misses, now = new Date()) {
      if (misses <= 0) return;
      const key = keyFor(target, now);
      counts.set(key, (counts.get(key) ?? 0) + misses);
    },
    async close() {},
  };
}

export interface RedisLookupMissBudgetOptions {
  readonly url: string;
  readonly namespace: string | null;
  readonly degradation: RedisDegradation;
  /** @default 250 */
  readonly commandTimeoutMs?: number;
}

export function createRedisLookupMissBudget(
  options: RedisLookupMissBudgetOptions,
): LookupMissBudget {
  const chinaToday = chinaDayClock();
  const timeoutMs = options.commandTimeoutMs ?? 250;
  const fallback = createMemoryLookupMissBudget();
  const client = createClient(redisClientOptions(options.url));
  // Errors surface as failed commands, which degrade; the client reconnects by itself.
  client.on('error', () => {});
  const connecting = client
    .connect()
    .catch((err: unknown) =>
      options.degradation.down(err instanceof Error ? err.message : String(err)),
    );

  const shared = async <T>(command: () => Promise<T>, alone: () => Promise<T>): Promise<T> => {
    if (!client.isReady) {
      options.degradation.down('not connected');
      return alone();
    }
    try {
      const value = await withDeadline(command(), timeoutMs);
      options.degradation.up();
      return value;
    } catch (err) {
      options.degradation.down(err instanceof Error ? err.message : String(err));
      return alone();
    }
  };

  return {
    spent(target, now = new Date()) {
      const key = lookupMissKey(options.namespace, target, chinaToday(now));
      return shared(
        async () => Number((await client.get(key)) ?? 0),
        () => fallback.spent(target, now),
      );
    },
    async add(target, misses, now = new Date()) {
      if (misses <= 0) return;
      const key = lookupMissKey(options.namespace, target, chinaToday(now));
      // Counted in process as well: if Redis goes away, this instance still knows what it saw.
      await fallback.add(target, misses, now);
      await shared(
        async () => {
          await client.multi().incrBy(key, misses).expire(key, COUNT_TTL_SECONDS).exec();
        },
        async () => {},
      );
    },
    async close() {
      if (client.isReady) await client.close().catch(() => client.destroy());
      else if (client.isOpen) client.destroy();
      await connecting;
    },
  };
}

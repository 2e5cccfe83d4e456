/**
 * How the gateway's grant tiers talk to Redis: reconnect quickly and for ever (Redis coming back
 * ends the degraded mode by itself), and never queue commands while disconnected, so a request
 * that asks Redis while it is away fails at once and falls through to the next tier.
 */
import type { RedisClientOptions, RedisClientType } from 'redis';

/**
 * A node-redis client of any module, function and script set: the stores that take one send only
 * plain commands and EVAL, whichever way `createClient` typed it.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above: the type parameters are deliberately open
export type AnyRedisClient = RedisClientType<any, any, any, any, any>;

/** Reconnect delays: 50 ms, doubling, at most 1 s apart, so recovery is noticed within a second. */
export function reconnectDelay(retries: number): number {
  return Math.min(50 * 2 ** Math.min(retries, 10), 1000);
}

export function redisClientOptions(url: string): RedisClientOptions {
  return {
    url,
    disableOfflineQueue: true,
    socket: { connectTimeout: 1000, reconnectStrategy: reconnectDelay },
  };
}

/** The promise's outcome, or a rejection after `ms`: a hung Redis must not hang a request. */
export function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

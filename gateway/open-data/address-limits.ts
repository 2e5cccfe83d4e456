/**
 * Open-data requests per client address (rate-limiter-flexible): at most `burst` requests in a
 * window of 60·burst/perMinute seconds, `perMinute` on average, so one address cannot take the
 * open endpoint's whole share of the platform. With Redis every gateway instance counts together, and an in-process limiter takes
 * over while Redis cannot answer, so a Redis outage never lifts the limit; without Redis only the
 * in-process one counts.
 */
import { createClient, RedisClientType } from 'redis';
import {
  RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from 'rate-limiter-flexible';
import { ErrorCode } from '../../domain/error-codes';
import { HttpError } from '../../contracts/http/http-error';
import { redisClientOptions } from '../grants/redis-connection';
import { retryAfterSeconds } from '../rate-limits/rate-limit-refusal';

export interface AddressLimitSettings {
  readonly perMinute: number;
  readonly burst: number;
  /** Null: in process only. */
  readonly redis: { readonly url: string; readonly namespace: string | null } | null;
}

export interface AddressLimits {
  /** Takes one request from the address's bucket. Throws HttpError 429 with Retry-After. */
  consume(address: string): Promise<void>;
  /** Resolves once counting goes through Redis (at once without Redis); rejects if it cannot connect. */
  ready(): Promise<void>;
  close(): Promise<void>;
}

export function createAddressLimits(settings: AddressLimitSettings): AddressLimits {
  // Fixed windows of burst requests, as long as perMinute takes to refill them.
  const points = settings.burst;
  const duration = Math.max(1, Math.ceil((60 * settings.burst) / settings.perMinute));
  const memory = new RateLimiterMemory({ points, duration, keyPrefix: 'open-data' });
  let limiter: RateLimiterAbstract = memory;
  let client: RedisClientType | null = null;
  let connecting: Promise<void> = Promise.resolve();
  if (settings.redis) {
    client = createClient(redisClientOptions(settings.redis.url)) as RedisClientType;
    client.on('error', () => {});
    connecting = client.connect().then(() => undefined);
    connecting.catch(() => {});
    limiter = new RateLimiterRedis({
      storeClient: client,
      useRedisPackage: true,
      rejectIfRedisNotReady: true,
      keyPrefix: `shujutong:open-data${settings.redis.namespace ? `:${settings.redis.namespace}` : ''}`,
      points,
      duration,
      insuranceLimiter: memory,
    });
  }
  return {
    async consume(address) {
      try {
        await limiter.consume(address);
      } catch (err) {
        if (!(err instanceof RateLimiterRes)) throw err;
        const seconds = retryAfterSeconds(err.msBeforeNext);
        throw new HttpError(
          429,
          `this address is over the open-data limit of ${settings.burst} requests per ${duration} s; retry after ${seconds} s`,
          ErrorCode.RATE_LIMITED,
          { reason: 'ADDRESS_RATE' },
          { 'retry-after': String(seconds) },
        );
      }
    },
    ready: () => connecting,
    async close() {
      if (client?.isReady) await client.close().catch(() => client?.destroy());
      else if (client?.isOpen) client.destroy();
    },
  };
}

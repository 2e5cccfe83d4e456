/**
 * Takes one token from a target's bucket. With Redis, rate-limiter-flexible's RateLimiterRedis
 * runs the token bucket (token-bucket.ts) shared by every gateway instance, with a
 * RateLimiterMemory as its insurance limiter: when Redis is disconnected, errs or does not
 * answer within the deadline, the same limits are counted in this instance instead, and
 * redis-degradation.ts logs it. Without Redis only the in-process limiter runs.
 *
 * One limiter per distinct setting (the registry has a handful), each keyed by target.
 */
import type { AnyRedisClient } from '../grants/redis-connection';
import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  RLWrapperTimeouts,
} from 'rate-limiter-flexible';
import type { RequestLimits } from '../../domain/request-limits';
import { limitKeyPrefix, targetKey } from './limit-keys';
import type { LimitTarget } from './limit-targets';
import type { RedisDegradation } from './redis-degradation';
import { bucketTtlSeconds, fixedWindowFor, tokenBucketScript } from './token-bucket';

export interface TakeResult {
  readonly allowed: boolean;
  /** When refused: milliseconds until a token is back. */
  readonly waitMs: number;
}

export interface RequestRate {
  take(target: LimitTarget): Promise<TakeResult>;
}

type Limiter = Pick<RateLimiterMemory, 'consume'>;

/** Distinct settings remembered at most; settings come from the registry, so few, but bounded all the same. */
const MAX_LIMITERS = 1000;

/** The insurance limiter, which reports each time it has to stand in. */
class FallbackLimiter extends RateLimiterMemory {
  constructor(
    opts: ConstructorParameters<typeof RateLimiterMemory>[0],
    private readonly onUse: () => void,
  ) {
    super(opts);
  }
  override consume(
    key: string | number,
    points?: number,
    options?: { [key: string]: unknown },
  ): Promise<RateLimiterRes> {
    this.onUse();
    return super.consume(key, points, options);
  }
}

function limiterCache(
  make: (limits: RequestLimits) => Limiter,
): (limits: RequestLimits) => Limiter {
  const limiters = new Map<string, Limiter>();
  return (limits) => {
    const id = `${limits.requestsPerMinute}/${limits.burst}`;
    let limiter = limiters.get(id);
    if (!limiter) {
      if (limiters.size >= MAX_LIMITERS) limiters.clear();
      limiters.set(id, (limiter = make(limits)));
    }
    return limiter;
  };
}

function rateFrom(limiterFor: (limits: RequestLimits) => Limiter): RequestRate {
  return {
    async take(target) {
      try {
        await limiterFor(target.limits).consume(targetKey(target));
        return { allowed: true, waitMs: 0 };
      } catch (err) {
        if (err instanceof RateLimiterRes) return { allowed: false, waitMs: err.msBeforeNext };
        throw err;
      }
    },
  };
}

export function createMemoryRequestRate(): RequestRate {
  return rateFrom(
    limiterCache(
      (limits) => new RateLimiterMemory({ keyPrefix: 'bucket', ...fixedWindowFor(limits) }),
    ),
  );
}

export interface RedisRequestRateOptions {
  /** A node-redis client that does not queue commands while disconnected (grants/redis-connection.ts). */
  readonly client: AnyRedisClient;
  readonly namespace: string | null;
  readonly degradation: RedisDegradation;
  /** Deadline for Redis's answer before the in-process limiter decides. @default 250 */
  readonly timeoutMs?: number;
}

export function createRedisRequestRate(options: RedisRequestRateOptions): RequestRate {
  const timeoutMs = options.timeoutMs ?? 250;
  const keyPrefix = limitKeyPrefix(options.namespace, 'bucket');
  return rateFrom(
    limiterCache((limits) => {
      const insurance = new FallbackLimiter(
        { keyPrefix: 'bucket', ...fixedWindowFor(limits) },
        () => options.degradation.down('the token bucket could not be read'),
      );
      const redis = new RateLimiterRedis({
        storeClient: options.client,
        useRedisPackage: true,
        // Straight to the insurance while disconnected, rather than waiting on a reconnect.
        rejectIfRedisNotReady: true,
        keyPrefix,
        points: limits.burst,
        duration: bucketTtlSeconds(limits),
        customIncrTtlLuaScript: tokenBucketScript(limits),
        // A refusal reports burst + 1 consumed: the target is then refused from memory until its
        // next token is due, so a caller hammering an empty bucket costs Redis nothing.
        inMemoryBlockOnConsumed: limits.burst + 1,
        insuranceLimiter: insurance,
      });
      // A Redis that is connected but hung would otherwise hold every request.
      return new RLWrapperTimeouts({ limiter: redis, timeoutMs });
    }),
  );
}

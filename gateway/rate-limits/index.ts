/**
 * Rate and concurrency limits per application and department (issue 7 §2), shared by the gateway
 * instances through Redis, in process without it. Pure parts: limit-targets.ts (who counts
 * against what), limit-keys.ts, token-bucket.ts, rate-limit-refusal.ts; I/O: request-rate.ts
 * (rate-limiter-flexible), concurrency-leases.ts; the stage: gateway/stages/limit-request-rate.ts.
 *
 *   const stage = setUpRateLimits({ registry, departmentLimits, redis: { url, namespace }, leaseMs, citizenKeySecret, log });
 */
export { limitTargets } from './limit-targets';
export type { LimitTarget, LimitScope, LimitedCaller } from './limit-targets';
export { limitKey, limitKeyPrefix, targetKey } from './limit-keys';
export { rateLimitRefusal, retryAfterSeconds } from './rate-limit-refusal';
export type { RateLimitReason, LimitKind } from './rate-limit-refusal';
export { createMemoryRequestRate, createRedisRequestRate } from './request-rate';
export type { RequestRate, TakeResult } from './request-rate';
export { createMemoryLeases, createRedisLeases } from './concurrency-leases';
export type { ConcurrencyLeases, Lease, Acquired } from './concurrency-leases';
export { tokenBucketScript, fixedWindowFor, bucketTtlSeconds } from './token-bucket';
export { redisDegradation } from './redis-degradation';
export {
  createMemoryLookupMissBudget,
  createRedisLookupMissBudget,
  lookupMissKey,
  msUntilNextChinaDay,
} from './lookup-miss-budget';
export type { LookupMissBudget } from './lookup-miss-budget';

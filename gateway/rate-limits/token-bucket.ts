/**
 * The token bucket as rate-limiter-flexible runs it: in Redis, as RateLimiterRedis's
 * `customIncrTtlLuaScript` (the library's stock script is a fixed window, which lets twice the
 * limit through across a window's edge); in process, while Redis is away or not configured,
 * as the library's RateLimiterMemory fixed window of the same average rate.
 *
 * The script follows the library's contract: KEYS[1] is the key, ARGV = points to take, the
 * key's TTL in seconds, the limiter's points (here the bucket's size) and duration; it returns
 * {consumed, ms}. The library refuses when consumed > points and reports ms as msBeforeNext.
 * A refused take leaves the bucket as it was, so hammering a full limit costs nothing more.
 * Time is Redis's own clock (TIME), the one clock every gateway instance shares.
 */
import type { RequestLimits } from '../../domain/request-limits';

/** Tokens per millisecond, printed exactly enough for Lua. */
export function refillPerMs(limits: RequestLimits): number {
  return limits.requestsPerMinute / 60_000;
}

/** Seconds after which an untouched bucket is full again, so its key can go (plus a second of slack). */
export function bucketTtlSeconds(limits: RequestLimits): number {
  return Math.ceil(limits.burst / refillPerMs(limits) / 1000) + 1;
}

/** The script for one refill rate; the library sends it with EVAL (Redis caches it by hash). */
export function tokenBucketScript(limits: RequestLimits): string {
  return `
local size = tonumber(ARGV[3])
local want = tonumber(ARGV[1])
local perMs = ${refillPerMs(limits).toPrecision(17)}
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 't', 'v')
local tokens = size
if state[1] then
  tokens = math.min(size, tonumber(state[2]) + math.max(0, now - tonumber(state[1])) * perMs)
end
if tokens < want then
  return {size + want, math.ceil((want - tokens) / perMs)}
end
tokens = tokens - want
redis.call('HSET', KEYS[1], 't', now, 'v', tostring(tokens))
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[2]))
return {size - math.floor(tokens), math.ceil((size - tokens) / perMs)}`;
}

/**
 * The in-process stand-in: `burst` requests per window of burst / rate seconds, the bucket's
 * average rate. Coarser at a window's edge (up to twice the burst), which is the degradation
 * documented for running without Redis.
 */
export function fixedWindowFor(limits: RequestLimits): { points: number; duration: number } {
  return {
    points: limits.burst,
    duration: Math.max(1, Math.round(limits.burst / refillPerMs(limits) / 1000)),
  };
}

/** Request rates and concurrency per application and department, and the budget of lookups that name nobody. */
import {
  integerSetting,
  namespaceSetting,
  SettingsEnv,
  switchSetting,
} from '../../contracts/settings/setting-values';

export interface RateLimitSettings {
  /**
   * Enforce request rates and concurrency per application and department (`GATEWAY_RATE_LIMITS`).
   * Off only to measure what the limits cost (benchmarks); the gateway then warns at every start.
   * @default true
   */
  readonly rateLimits: boolean;
  /**
   * Every department's sustained request rate across all its applications and its tokens without
   * one (`RATE_LIMIT_DEPARTMENT_PER_MINUTE`); applications have their own in the registry.
   * @default 6000
   */
  readonly departmentRequestsPerMinute: number;
  /** A department's bucket: requests accepted at once after a quiet spell (`RATE_LIMIT_DEPARTMENT_BURST`). @default 500 */
  readonly departmentBurst: number;
  /** A department's requests in flight at once (`RATE_LIMIT_DEPARTMENT_CONCURRENCY`). @default 64 */
  readonly departmentConcurrency: number;
  /**
   * Separates the rate-limit counters of deployments (or test runs) sharing one Redis
   * (`RATE_LIMIT_REDIS_NAMESPACE`); every instance of one deployment must use the same.
   * @default null: the grants namespace (`GRANTS_REDIS_NAMESPACE`)
   */
  readonly rateLimitRedisNamespace: string | null;
  /**
   * How long an in-flight request holds its concurrency slot in Redis at most
   * (`RATE_LIMIT_LEASE_MS`): the longest a gateway that died mid-request keeps a slot taken.
   * Keep it above the slowest request. @default 60000
   */
  readonly rateLimitLeaseMs: number;
  /**
   * Lookups that name nobody (a root lookup answered null, or BAD_USER_INPUT) one application, or
   * a department's token without one, may make per day (China time) before its requests are
   * refused until the next day (`LOOKUP_MISS_BUDGET_PER_DAY`; `off` for none): guessing the
   * birth date behind a masked ID number takes up to 2,850 misses. Part of the rate limits
   * (off with GATEWAY_RATE_LIMITS=off). @default 200
   */
  readonly lookupMissesPerDay: number | null;
}

export function readRateLimitSettings(env: SettingsEnv): RateLimitSettings {
  const missBudgetOff = /^off$/i.test(env.LOOKUP_MISS_BUDGET_PER_DAY ?? '');
  return Object.freeze({
    rateLimits: switchSetting(env, 'GATEWAY_RATE_LIMITS', true),
    departmentRequestsPerMinute: integerSetting(
      env,
      'RATE_LIMIT_DEPARTMENT_PER_MINUTE',
      6000,
      1,
      600_000,
    ),
    departmentBurst: integerSetting(env, 'RATE_LIMIT_DEPARTMENT_BURST', 500, 1, 100_000),
    departmentConcurrency: integerSetting(env, 'RATE_LIMIT_DEPARTMENT_CONCURRENCY', 64, 1, 10_000),
    rateLimitRedisNamespace: namespaceSetting(env, 'RATE_LIMIT_REDIS_NAMESPACE'),
    rateLimitLeaseMs: integerSetting(env, 'RATE_LIMIT_LEASE_MS', 60_000, 1000, 3_600_000),
    lookupMissesPerDay: missBudgetOff
      ? null
      : integerSetting(env, 'LOOKUP_MISS_BUDGET_PER_DAY', 200, 1, 1_000_000),
  });
}

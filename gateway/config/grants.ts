/**
 * Redis, shared by the gateway instances and the sharing subgraph, and how long grants are
 * cached with and without it: the promise is that an approval or revocation applies within a
 * second without Redis, and at most 30 s late while Redis is away.
 */
import {
  integerSetting,
  namespaceSetting,
  SettingsEnv,
} from '../../contracts/settings/setting-values';

export interface GrantsSettings {
  /**
   * Redis shared by the gateway instances and the sharing subgraph (`REDIS_URL`): grants cached
   * there and change notices by pub/sub, so an approval or revocation applies on every instance
   * within a second. Registry notices, rate-limit and quota counters use it too. Unset: one
   * gateway, grants cached in process for at most `grantsTtlMs`.
   * @default null
   */
  readonly redisUrl: string | null;
  /**
   * Separates deployments (or test runs) sharing one Redis (`GRANTS_REDIS_NAMESPACE`): channel
   * and keys get this suffix. The sharing subgraph must be given the same one. @default null
   */
  readonly grantsRedisNamespace: string | null;
  /** Without Redis: how long a department's grants are cached in process (`GRANTS_TTL_MS`, at most 1000, the promise that changes apply within a second). @default 1000 */
  readonly grantsTtlMs: number;
  /** With Redis: cache lifetime in process and in Redis while change notices arrive (`GRANTS_REDIS_TTL_MS`), a backstop against a notice that was never published. @default 30000 */
  readonly grantsRedisTtlMs: number;
  /** Redis unreachable: cache lifetime in process until it is back (`GRANTS_DEGRADED_TTL_MS`, at most 30000). @default 10000 */
  readonly grantsDegradedTtlMs: number;
  /** Deadline for loading a department's grants from the sharing subgraph (`GRANTS_LOAD_TIMEOUT_MS`); past it conditional fields are withheld. @default 2000 */
  readonly grantsLoadTimeoutMs: number;
}

function redisUrl(env: SettingsEnv): string | null {
  const value = env.REDIS_URL;
  if (!value) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`REDIS_URL is not a URL: "${value}" (expected e.g. redis://127.0.0.1:6379)`);
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw new Error(`REDIS_URL must be a redis:// or rediss:// URL, got "${url.protocol}..."`);
  }
  return value;
}

export function readGrantsSettings(env: SettingsEnv): GrantsSettings {
  return Object.freeze({
    redisUrl: redisUrl(env),
    grantsRedisNamespace: namespaceSetting(env, 'GRANTS_REDIS_NAMESPACE'),
    grantsTtlMs: integerSetting(env, 'GRANTS_TTL_MS', 1000, 50, 1000),
    grantsRedisTtlMs: integerSetting(env, 'GRANTS_REDIS_TTL_MS', 30_000, 1000, 600_000),
    grantsDegradedTtlMs: integerSetting(env, 'GRANTS_DEGRADED_TTL_MS', 10_000, 100, 30_000),
    grantsLoadTimeoutMs: integerSetting(env, 'GRANTS_LOAD_TIMEOUT_MS', 2000, 50, 60_000),
  });
}

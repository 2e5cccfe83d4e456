/** How long the gateway trusts the application registry's answer about a token's application. */
import { integerSetting, SettingsEnv } from '../../contracts/settings/setting-values';

export interface RegistrySettings {
  /**
   * With Redis, while its change notices arrive: how long the gateway keeps the registry's answer
   * about a token's application (`GATEWAY_REGISTRY_CACHE_MS`). A change (suspension) drops the
   * entry on every instance at once (pub/sub), so this only bounds a notice lost in transit.
   * @default 30000
   */
  readonly registryCacheMs: number;
  /**
   * Without Redis, or while its notices cannot arrive: how long an answer is kept
   * (`GATEWAY_REGISTRY_LOCAL_CACHE_MS`, at most 1000, the promise that a suspension applies
   * everywhere within a second). @default 1000
   */
  readonly registryLocalCacheMs: number;
}

export function readRegistrySettings(env: SettingsEnv): RegistrySettings {
  return Object.freeze({
    registryCacheMs: integerSetting(env, 'GATEWAY_REGISTRY_CACHE_MS', 30_000, 0, 3_600_000),
    registryLocalCacheMs: integerSetting(env, 'GATEWAY_REGISTRY_LOCAL_CACHE_MS', 1000, 0, 1000),
  });
}

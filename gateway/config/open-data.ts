/**
 * The open-data endpoint (gateway/open-data/): whether it is served, how many requests one
 * client address may make, the registered application its requests run as, and which reverse
 * proxies are trusted to name the client. An anonymous caller is known only by its address, so
 * the address is the unit of its rate limit; a proxy's X-Forwarded-For is believed only from a
 * proxy listed here, since any client can send the header.
 */
import { isIP } from 'node:net';
import {
  integerSetting,
  SettingsEnv,
  switchSetting,
} from '../../contracts/settings/setting-values';

export interface OpenDataSettings {
  /** `OPEN_DATA`: serve /open, /open/graphql and the open datasets. @default true */
  readonly enabled: boolean;
  /** `OPEN_DATA_PER_MINUTE`: sustained requests per client address. @default 60 */
  readonly perMinute: number;
  /** `OPEN_DATA_BURST`: requests one address may make at once after a quiet spell. @default 20 */
  readonly burst: number;
  /**
   * `OPEN_DATA_APPLICATION`: the registered application (of the big data bureau) every open-data
   * request runs as, so its registry limits bound the open endpoint as a whole.
   * @default open-data-portal
   */
  readonly application: string;
  /** `OPEN_DATA_TRUSTED_PROXIES`: comma-separated IP addresses. @default none */
  readonly trustedProxies: readonly string[];
}

export const OPEN_DATA_DEPARTMENT = 'big-data-bureau';

function trustedProxies(env: SettingsEnv): string[] {
  const value = env.OPEN_DATA_TRUSTED_PROXIES ?? '';
  const list = value
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  const bad = list.filter((a) => isIP(a) === 0);
  if (bad.length > 0)
    throw new Error(
      `OPEN_DATA_TRUSTED_PROXIES must list IP addresses separated by commas, got "${bad.join(', ')}"`,
    );
  return list;
}

export function readOpenDataSettings(env: SettingsEnv): { openData: OpenDataSettings } {
  const application = env.OPEN_DATA_APPLICATION || 'open-data-portal';
  if (!/^[a-z0-9][a-z0-9-]{1,63}$/.test(application))
    throw new Error(`OPEN_DATA_APPLICATION must be an application id, got "${application}"`);
  return {
    openData: Object.freeze({
      enabled: switchSetting(env, 'OPEN_DATA', true),
      perMinute: integerSetting(env, 'OPEN_DATA_PER_MINUTE', 60, 1, 100_000),
      burst: integerSetting(env, 'OPEN_DATA_BURST', 20, 1, 100_000),
      application,
      trustedProxies: Object.freeze(trustedProxies(env)),
    }),
  };
}

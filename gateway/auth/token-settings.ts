/**
 * Token settings, read and validated once from the environment, as part of the gateway's
 * configuration (gateway/config/) or alone by `npm run token`. The keys themselves are loaded
 * by token-keys.ts; this only says where they come from.
 */
import path from 'node:path';
import { dataDir } from '../../contracts/database/database';
import { isProduction, SettingsEnv } from '../../contracts/settings/setting-values';

export interface TokenSettings {
  /** `JWT_ISSUER`: who signs. @default shujutong */
  readonly issuer: string;
  /** `JWT_AUDIENCE`: who accepts. @default shujutong-gateway */
  readonly audience: string;
  /** `JWT_PRIVATE_KEY`: PKCS#8 PEM text, or the path of a PEM file (Ed25519 or P-256). Only the issuer needs it. @default null */
  readonly privateKey: string | null;
  /** `JWT_PUBLIC_KEY`: SPKI PEM text or path. Derived from the private key when only that is set. @default null: development keys */
  readonly publicKey: string | null;
  /** Where dev keys are made when no key is configured. @default <DATA_DIR>/keys */
  readonly devKeyDir: string;
  /**
   * Dev keys are refused when NODE_ENV=production: a production gateway that silently made up
   * its own key would accept tokens nobody else could verify or revoke.
   */
  readonly devKeysAllowed: boolean;
}

function name(env: SettingsEnv, variable: string, fallback: string): string {
  const value = env[variable];
  if (value === undefined || value === '') return fallback;
  if (!/^[\w:./-]{1,200}$/.test(value))
    throw new Error(`${variable} must be a plain identifier or URI, got "${value}"`);
  return value;
}

export function readTokenSettings(env: SettingsEnv = process.env): TokenSettings {
  return Object.freeze({
    issuer: name(env, 'JWT_ISSUER', 'shujutong'),
    audience: name(env, 'JWT_AUDIENCE', 'shujutong-gateway'),
    privateKey: env.JWT_PRIVATE_KEY || null,
    publicKey: env.JWT_PUBLIC_KEY || null,
    devKeyDir: path.join(dataDir(env), 'keys'),
    devKeysAllowed: !isProduction(env),
  });
}

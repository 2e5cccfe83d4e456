/**
 * The secret the gateway signs subgraph requests with and every subgraph verifies them with
 * (request-signature.ts): `SUBGRAPH_SIGNING_SECRET`, or, for development only, a random one
 * made on first start under `<DATA_DIR>/keys`, which the gateway and the subgraph processes of
 * one machine then share. Also the one switch that turns verification off, for benchmarks.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { dataDir } from '../database/database';
import { insecureSwitch, isProduction, SettingsEnv } from '../settings/setting-values';

export const SIGNING_SECRET_VARIABLE = 'SUBGRAPH_SIGNING_SECRET';
/**
 * Lets subgraphs answer unsigned requests, e.g. from another gateway in a benchmark. Named so
 * that nobody sets it by accident or leaves it unnoticed in a deployment file; refused when
 * NODE_ENV=production, and warned about at every start otherwise.
 */
export const INSECURE_SKIP_VARIABLE = 'SHUJUTONG_INSECURE_SKIP_SUBGRAPH_SIGNATURES';
export const DEV_SECRET_FILE = 'subgraph-signing.secret';
/** 256 bits, the size of the HMAC-SHA256 key; shorter secrets are guessable offline from one captured request. */
export const MIN_SECRET_LENGTH = 32;

export interface SigningSecret {
  readonly secret: Buffer;
  readonly source: 'configured' | 'dev';
  /** The dev secret's file; null when configured. */
  readonly file: string | null;
}

/** Where the secret comes from, read and checked at start; loading it may write the dev secret. */
export interface SigningSettings {
  /**
   * `SUBGRAPH_SIGNING_SECRET`, at least MIN_SECRET_LENGTH characters. Required with
   * NODE_ENV=production. @default null: the development secret in `devSecretDir`
   */
  readonly configured: string | null;
  /** Where the development secret is made and found. @default <DATA_DIR>/keys */
  readonly devSecretDir: string;
}

/**
 * Reads (or, the first time, makes) the dev secret. Written under a temporary name and linked
 * into place, so the gateway and eight subgraphs starting together all end up with the same one.
 */
export function devSigningSecret(dir: string): { secret: Buffer; file: string; created: boolean } {
  const file = path.join(dir, DEV_SECRET_FILE);
  let created = false;
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600 });
    try {
      fs.linkSync(tmp, file);
      created = true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    } finally {
      fs.rmSync(tmp, { force: true });
    }
  }
  return { secret: Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'utf8'), file, created };
}

export function readSigningSettings(env: SettingsEnv = process.env): SigningSettings {
  const configured = env[SIGNING_SECRET_VARIABLE];
  if (configured) {
    if (configured.length < MIN_SECRET_LENGTH) {
      throw new Error(
        `${SIGNING_SECRET_VARIABLE} must be at least ${MIN_SECRET_LENGTH} characters (e.g. \`openssl rand -base64 32\`), got ${configured.length}`,
      );
    }
  } else if (isProduction(env)) {
    // A production service that made up its own secret would refuse every request from a
    // gateway on another machine, or worse, share a secret nobody manages.
    throw new Error(
      `${SIGNING_SECRET_VARIABLE} is not set; a development secret is not made when NODE_ENV=production`,
    );
  }
  return Object.freeze({
    configured: configured || null,
    devSecretDir: path.join(dataDir(env), 'keys'),
  });
}

/** The secret itself: the configured one, or the development secret (made on first use). */
export function loadSigningSecretFrom(settings: SigningSettings): SigningSecret {
  if (settings.configured)
    return { secret: Buffer.from(settings.configured, 'utf8'), source: 'configured', file: null };
  const { secret, file } = devSigningSecret(settings.devSecretDir);
  return { secret, source: 'dev', file };
}

/** readSigningSettings and loadSigningSecretFrom in one step (scripts, tools). */
export function loadSigningSecret(env: SettingsEnv = process.env): SigningSecret {
  return loadSigningSecretFrom(readSigningSettings(env));
}

/**
 * Whether subgraphs accept unsigned requests: false unless INSECURE_SKIP_VARIABLE is set.
 * Throws (the service must not start) when it is set together with NODE_ENV=production.
 */
export function insecureSkipRequested(env: SettingsEnv = process.env): boolean {
  return insecureSwitch(
    env,
    INSECURE_SKIP_VARIABLE,
    'to serve departmental data to unsigned requests',
  );
}

export const INSECURE_SKIP_WARNING = [
  '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
  `!! ${INSECURE_SKIP_VARIABLE} is set: this subgraph answers UNSIGNED requests.`,
  '!! Anyone who can reach its port reads its data without token, policy or audit.',
  '!! Meant only for benchmarks against other gateways. Never in production.',
  '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
].join('\n');

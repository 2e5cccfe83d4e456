/**
 * The audit settings both sides read: where the audit keys come from (the gateway hashes and
 * signs with them, the audit subgraph hashes the ID number it is asked about with the same HMAC
 * key, so both must read the same variables), and how the audit database is named in logs and
 * cursor files. The gateway's journal settings are its own (gateway/config/audit.ts).
 */
import path from 'node:path';
import { DatabaseTarget, dataDir } from '../database/database';
import type { SettingsEnv } from '../settings/setting-values';
import type { AuditKeySources } from './audit-keys';

/**
 * `AUDIT_HMAC_KEY` (base64) or `AUDIT_HMAC_KEY_FILE`, and `AUDIT_SIGNING_KEY_FILE` (Ed25519
 * PKCS#8 PEM). Unset outside production: dev keys generated into <DATA_DIR>/keys.
 */
export function readAuditKeySources(env: SettingsEnv = process.env): AuditKeySources {
  return Object.freeze({
    hmacKey: env.AUDIT_HMAC_KEY || undefined,
    hmacKeyFile: env.AUDIT_HMAC_KEY_FILE ? path.resolve(env.AUDIT_HMAC_KEY_FILE) : undefined,
    signingKeyFile: env.AUDIT_SIGNING_KEY_FILE
      ? path.resolve(env.AUDIT_SIGNING_KEY_FILE)
      : undefined,
    keysDir: path.join(dataDir(env), 'keys'),
    allowDevKeys: env.NODE_ENV !== 'production',
  });
}

/** How the cursor file names the audit database: a cursor is only valid for the database it was written for. */
export function databaseLabel(target: DatabaseTarget): string {
  if (target.client === 'sqlite') return `sqlite:${target.file}`;
  const url = new URL(target.url);
  return `mysql://${url.hostname}:${url.port || 3306}/${target.database}`;
}

/**
 * The audit trail's settings, read once from the environment. Invalid values stop start-up
 * with a message naming the variable.
 */
import os from 'node:os';
import path from 'node:path';
import { DatabaseTarget, databaseTarget, dataDir } from '../database/database';
import type { AuditKeySources } from './audit-keys';

export interface AuditConfig {
  /**
   * This gateway instance (`GATEWAY_INSTANCE`): named in every record, and the owner of one
   * chain and one journal directory. Must differ between instances. @default the host name
   */
  readonly instance: string;
  /** `AUDIT_JOURNAL_DIR`. @default <DATA_DIR>/audit/<instance> */
  readonly journalDir: string;
  /** The audit database: `databaseTarget('audit')` (MariaDB with MYSQL_URL, else SQLite in DATA_DIR). */
  readonly database: DatabaseTarget;
  /** `AUDIT_GROUP_WINDOW_MS`: longest a record waits for its group's fsync. @default 2 */
  readonly groupWindowMs: number;
  /** `AUDIT_GROUP_MAX_RECORDS`: a group is synced once it has this many. @default 256 */
  readonly groupMaxRecords: number;
  /** `AUDIT_SEGMENT_BYTES`: journal files rotate at this size. @default 67108864 (64 MiB) */
  readonly segmentBytes: number;
  /** `AUDIT_KEEP_SHIPPED`: keep journal segments after shipping them. @default false */
  readonly keepShipped: boolean;
  /** `AUDIT_SHIP_BATCH`: records per database transaction. @default 500 */
  readonly shipBatchRecords: number;
  /** `AUDIT_SHIP_RETRY_MAX_MS`: longest wait between attempts while the database is down. @default 30000 */
  readonly shipRetryMaxMs: number;
  /** `AUDIT_SHIP_INTERVAL_MS`: least time between shipping rounds, so batches grow under load. @default 250 */
  readonly shipIntervalMs: number;
  /** `AUDIT_CHECKPOINT_EVERY`: sign the chain head after this many records … @default 1000 */
  readonly checkpointEveryRecords: number;
  /** `AUDIT_CHECKPOINT_INTERVAL_MS`: … or this long after the last checkpoint. @default 60000 */
  readonly checkpointIntervalMs: number;
  /**
   * `AUDIT_HMAC_KEY` (base64) or `AUDIT_HMAC_KEY_FILE`, and `AUDIT_SIGNING_KEY_FILE` (Ed25519
   * PKCS#8 PEM). Unset outside production: dev keys generated into <DATA_DIR>/keys.
   */
  readonly keys: AuditKeySources;
}

type Env = Readonly<Record<string, string | undefined>>;

function integer(env: Env, variable: string, fallback: number, min: number, max: number): number {
  const value = env[variable];
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${variable} must be an integer from ${min} to ${max}, got "${value}"`);
  return n;
}

function flag(env: Env, variable: string, fallback: boolean): boolean {
  const value = env[variable];
  if (value === undefined || value === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(value)) return true;
  if (/^(0|false|no|off)$/i.test(value)) return false;
  throw new Error(`${variable} must be true or false, got "${value}"`);
}

const INSTANCE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export function defaultInstance(): string {
  const host = os.hostname().replace(/[^A-Za-z0-9._-]/g, '-').replace(/^[^A-Za-z0-9]+/, '');
  return (host || 'gateway').slice(0, 64);
}

export function readAuditConfig(env: Env = process.env): AuditConfig {
  const instance = env.GATEWAY_INSTANCE || defaultInstance();
  if (!INSTANCE.test(instance)) throw new Error(`GATEWAY_INSTANCE must be 1 to 64 letters, digits, '.', '_' or '-', got "${instance}"`);
  const data = dataDir(env);
  return Object.freeze({
    instance,
    journalDir: env.AUDIT_JOURNAL_DIR ? path.resolve(env.AUDIT_JOURNAL_DIR) : path.join(data, 'audit', instance),
    database: databaseTarget('audit', env),
    groupWindowMs: integer(env, 'AUDIT_GROUP_WINDOW_MS', 2, 0, 1000),
    groupMaxRecords: integer(env, 'AUDIT_GROUP_MAX_RECORDS', 256, 1, 100_000),
    segmentBytes: integer(env, 'AUDIT_SEGMENT_BYTES', 64 * 1024 * 1024, 4096, 2 ** 40),
    keepShipped: flag(env, 'AUDIT_KEEP_SHIPPED', false),
    shipBatchRecords: integer(env, 'AUDIT_SHIP_BATCH', 500, 1, 10_000),
    shipRetryMaxMs: integer(env, 'AUDIT_SHIP_RETRY_MAX_MS', 30_000, 100, 3_600_000),
    shipIntervalMs: integer(env, 'AUDIT_SHIP_INTERVAL_MS', 250, 0, 60_000),
    checkpointEveryRecords: integer(env, 'AUDIT_CHECKPOINT_EVERY', 1000, 1, 10_000_000),
    checkpointIntervalMs: integer(env, 'AUDIT_CHECKPOINT_INTERVAL_MS', 60_000, 10, 86_400_000),
    keys: Object.freeze({
      hmacKey: env.AUDIT_HMAC_KEY || undefined,
      hmacKeyFile: env.AUDIT_HMAC_KEY_FILE ? path.resolve(env.AUDIT_HMAC_KEY_FILE) : undefined,
      signingKeyFile: env.AUDIT_SIGNING_KEY_FILE ? path.resolve(env.AUDIT_SIGNING_KEY_FILE) : undefined,
      keysDir: path.join(data, 'keys'),
      allowDevKeys: env.NODE_ENV !== 'production',
    }),
  });
}

/** How the cursor file names the audit database: a cursor is only valid for the database it was written for. */
export function databaseLabel(target: DatabaseTarget): string {
  if (target.client === 'sqlite') return `sqlite:${target.file}`;
  const url = new URL(target.url);
  return `mysql://${url.hostname}:${url.port || 3306}/${target.database}`;
}

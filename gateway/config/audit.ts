/**
 * The gateway's audit trail: the switch that runs without it, and the trail's own settings
 * (instance, journal, group commit, shipping, checkpoints) with the key sources it shares with
 * the audit subgraph (contracts/audit/audit-config.ts).
 */
import os from 'node:os';
import path from 'node:path';
import { readAuditKeySources } from '../../contracts/audit/audit-config';
import type { AuditKeySources } from '../../contracts/audit/audit-keys';
import { DatabaseTarget, databaseTarget, dataDir } from '../../contracts/database/database';
import {
  integerSetting,
  SettingsEnv,
  switchSetting,
} from '../../contracts/settings/setting-values';
import { auditDisabledRequested } from './audit-switch';

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

export interface AuditSettings {
  /**
   * Run without the audit trail (`SHUJUTONG_INSECURE_DISABLE_AUDIT=1`): refused when
   * NODE_ENV=production, warned about loudly at every start. @default false
   */
  readonly auditDisabled: boolean;
  /** The trail's settings, read and checked even when it is off. */
  readonly audit: AuditConfig;
}

const INSTANCE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export function defaultInstance(): string {
  const host = os
    .hostname()
    .replace(/[^A-Za-z0-9._-]/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '');
  return (host || 'gateway').slice(0, 64);
}

export function readAuditConfig(env: SettingsEnv = process.env): AuditConfig {
  const instance = env.GATEWAY_INSTANCE || defaultInstance();
  if (!INSTANCE.test(instance)) {
    throw new Error(
      `GATEWAY_INSTANCE must be 1 to 64 letters, digits, '.', '_' or '-', got "${instance}"`,
    );
  }
  return Object.freeze({
    instance,
    journalDir: env.AUDIT_JOURNAL_DIR
      ? path.resolve(env.AUDIT_JOURNAL_DIR)
      : path.join(dataDir(env), 'audit', instance),
    database: databaseTarget('audit', env),
    groupWindowMs: integerSetting(env, 'AUDIT_GROUP_WINDOW_MS', 2, 0, 1000),
    groupMaxRecords: integerSetting(env, 'AUDIT_GROUP_MAX_RECORDS', 256, 1, 100_000),
    segmentBytes: integerSetting(env, 'AUDIT_SEGMENT_BYTES', 64 * 1024 * 1024, 4096, 2 ** 40),
    keepShipped: switchSetting(env, 'AUDIT_KEEP_SHIPPED', false),
    shipBatchRecords: integerSetting(env, 'AUDIT_SHIP_BATCH', 500, 1, 10_000),
    shipRetryMaxMs: integerSetting(env, 'AUDIT_SHIP_RETRY_MAX_MS', 30_000, 100, 3_600_000),
    shipIntervalMs: integerSetting(env, 'AUDIT_SHIP_INTERVAL_MS', 250, 0, 60_000),
    checkpointEveryRecords: integerSetting(env, 'AUDIT_CHECKPOINT_EVERY', 1000, 1, 10_000_000),
    checkpointIntervalMs: integerSetting(
      env,
      'AUDIT_CHECKPOINT_INTERVAL_MS',
      60_000,
      10,
      86_400_000,
    ),
    keys: readAuditKeySources(env),
  });
}

export function readAuditSettings(env: SettingsEnv): AuditSettings {
  return Object.freeze({ auditDisabled: auditDisabledRequested(env), audit: readAuditConfig(env) });
}

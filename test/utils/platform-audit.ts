/**
 * The test platform's audit trail: each gateway of a platform journals into its own folder under
 * one temp directory (its own instance and chain), and all of them ship to one throw-away audit
 * database, SQLite in that directory or a uniquely named MariaDB database, dropped afterwards.
 * Development keys are made in the same directory, so `npm run audit:verify` with
 * DATA_DIR=<dir> (plus the database variables) verifies what the platform wrote.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Knex } from 'knex';
import {
  AuditConfig,
  AuditTrailOptions,
  openAuditDatabase,
  readAuditConfig,
} from '../../gateway/audit';
import type { AuditStage } from '../../gateway/stages/record-audit';
import { DatabaseTarget, dropDatabase } from '../../contracts/database/database';
import { requireMysqlUrl, uniqueSuffix } from './temp-database';

export interface PlatformAuditOptions {
  /**
   * Settings over the test defaults, as the environment would give them (`AUDIT_*`; MYSQL_URL and
   * SHUJUTONG_DB_PREFIX for another audit database). @default none
   */
  env?: Record<string, string>;
  /** For AuditTrail.open, e.g. a journal file system that fails like a full disk. @default none */
  trail?: AuditTrailOptions;
}

/** Where a platform's gateways journal and ship to. */
export interface AuditSetup {
  /** DATA_DIR of the trail: journals under journal/, development keys under keys/. */
  readonly dir: string;
  /** The audit database every gateway of the platform ships to. */
  readonly target: DatabaseTarget;
  /** The environment that reaches this audit database (for audit:verify, or a gateway process). */
  readonly env: Readonly<Record<string, string>>;
  /** Settings for the next gateway: instance test-gw-1, test-gw-2 … */
  nextConfig(): AuditConfig;
  /** A connection to the audit database (migrated), closed with the platform. */
  connect(): Promise<Knex>;
  cleanup(): Promise<void>;
}

export interface PlatformAudit extends AuditSetup {
  /** The platform's first gateway's audit stage (`stage.trail` while it runs). */
  readonly stage: AuditStage;
  /** Ships what the first gateway has journalled now; resolves with the number of records shipped. */
  ship(): Promise<number>;
}

export function createAuditSetup(
  backend: 'sqlite' | 'mysql',
  options: PlatformAuditOptions,
): AuditSetup {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shujutong-audit-'));
  const env: Record<string, string> = {
    DATA_DIR: dir,
    ...(backend === 'mysql'
      ? { MYSQL_URL: requireMysqlUrl(), SHUJUTONG_DB_PREFIX: `sjt_test_${uniqueSuffix()}` }
      : {}),
    ...options.env,
  };
  const target = readAuditConfig(env).database;
  const opened: Knex[] = [];
  let instances = 0;
  return {
    dir,
    target,
    env,
    nextConfig() {
      const instance = `test-gw-${++instances}`;
      return readAuditConfig({
        GATEWAY_INSTANCE: instance,
        AUDIT_JOURNAL_DIR: path.join(dir, 'journal', instance),
        ...env,
      });
    },
    async connect() {
      const db = await openAuditDatabase(target);
      opened.push(db);
      return db;
    },
    async cleanup() {
      await Promise.allSettled(opened.map((db) => db.destroy()));
      await dropDatabase(target).catch(() => undefined);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

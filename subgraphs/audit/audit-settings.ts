/**
 * The audit subgraph's own settings, read and validated once from the environment (with the
 * settings every subgraph has, by readSubgraphConfig('audit', env, readAuditReadSettings)). An
 * invalid value stops start-up with a message naming the variable. The audit database is the
 * gateway's (`databaseTarget('audit')`: MariaDB with MYSQL_URL, else SQLite in DATA_DIR), and the
 * HMAC key that hashes ID numbers comes from the same variables as the gateway's (subject-key.ts).
 */
import path from 'node:path';
import { readAuditKeySources } from '../../contracts/audit/audit-config';
import type { AuditKeySources } from '../../contracts/audit/audit-keys';
import { SCHEMA_DIR } from '../../contracts/schema-files';
import { integerSetting, SettingsEnv } from '../../contracts/settings/setting-values';
import type { InventoryRules } from './inventory-flags';
import { ProbingSettings, readProbingSettings } from './probing-settings';

export interface AuditReadSettings {
  /**
   * The supergraph whose classification says who owns each field (`SUPERGRAPH_PATH`, the same
   * variable the gateway reads). @default schema/supergraph.graphql
   */
  readonly supergraphPath: string;
  /**
   * `AUDIT_USAGE_INTERVAL_MS`: how often the running service summarises newly shipped records
   * into the usage tables; 0 only on demand (before a usage or statistics query). @default 30000
   */
  readonly usageIntervalMs: number;
  /**
   * `AUDIT_USAGE_REQUEST_BUDGET_MS`: the longest a usage or statistics query spends catching up
   * before answering with what is summarised (and `upToDate: false`). @default 2000
   */
  readonly usageRequestBudgetMs: number;
  /** When an application is flagged as probing (probing-settings.ts). */
  readonly probing: ProbingSettings;
  /**
   * When a system is a zombie candidate (inventory-flags.ts): `AUDIT_ZOMBIE_IDLE_MONTHS` months
   * without a request (@default 3, also the months its use is judged over), or
   * `AUDIT_ZOMBIE_FREQUENCY_STEPS` steps below its declared frequency (@default 2).
   */
  readonly inventory: InventoryRules;
  /**
   * Where the HMAC key comes from (`AUDIT_HMAC_KEY`, `AUDIT_HMAC_KEY_FILE`), the gateway's, for
   * subjectKeyFrom (subject-key.ts). @default the development key in <DATA_DIR>/keys
   */
  readonly hmacKeys: AuditKeySources;
}

const MILLISECONDS = 'a whole number of milliseconds';

export function readAuditReadSettings(env: SettingsEnv = process.env): AuditReadSettings {
  return Object.freeze({
    supergraphPath: env.SUPERGRAPH_PATH
      ? path.resolve(env.SUPERGRAPH_PATH)
      : path.join(SCHEMA_DIR, 'supergraph.graphql'),
    usageIntervalMs: integerSetting(
      env,
      'AUDIT_USAGE_INTERVAL_MS',
      30_000,
      0,
      86_400_000,
      MILLISECONDS,
    ),
    usageRequestBudgetMs: integerSetting(
      env,
      'AUDIT_USAGE_REQUEST_BUDGET_MS',
      2000,
      10,
      600_000,
      MILLISECONDS,
    ),
    probing: readProbingSettings(env),
    inventory: Object.freeze({
      idleMonths: integerSetting(env, 'AUDIT_ZOMBIE_IDLE_MONTHS', 3, 1, 36, 'a number of months'),
      frequencySteps: integerSetting(
        env,
        'AUDIT_ZOMBIE_FREQUENCY_STEPS',
        2,
        1,
        5,
        'a number of frequency steps',
      ),
    }),
    hmacKeys: readAuditKeySources(env),
  });
}

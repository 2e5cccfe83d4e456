/**
 * The audit subgraph's own settings, read and validated once from the environment. An invalid
 * value stops start-up with a message naming the variable. The audit database is the gateway's
 * (`databaseTarget('audit')`: MariaDB with MYSQL_URL, else SQLite in DATA_DIR), and the HMAC key
 * that hashes ID numbers comes from the same variables as the gateway's (subject-key.ts).
 */
import path from 'node:path';
import { SCHEMA_DIR } from '../../contracts/schema-files';
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
}

type Env = Readonly<Record<string, string | undefined>>;

function integer(env: Env, variable: string, fallback: number, min: number, max: number): number {
  const value = env[variable];
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${variable} must be a whole number of milliseconds from ${min} to ${max}, got "${value}"`);
  return n;
}

export function readAuditReadSettings(env: Env = process.env): AuditReadSettings {
  return Object.freeze({
    supergraphPath: env.SUPERGRAPH_PATH ? path.resolve(env.SUPERGRAPH_PATH) : path.join(SCHEMA_DIR, 'supergraph.graphql'),
    usageIntervalMs: integer(env, 'AUDIT_USAGE_INTERVAL_MS', 30_000, 0, 86_400_000),
    usageRequestBudgetMs: integer(env, 'AUDIT_USAGE_REQUEST_BUDGET_MS', 2000, 10, 600_000),
    probing: readProbingSettings(env),
  });
}

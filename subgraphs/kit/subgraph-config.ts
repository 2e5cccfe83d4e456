/**
 * A subgraph process's settings, read and validated once at start: what every subgraph reads
 * (where it listens, its database, the signing secret and the insecure switch) and, given its
 * reader, what only this subgraph reads (sharing: workflow and Redis; audit: usage, probing and
 * the HMAC key sources). A variable under one of our prefixes that no Shujutong process reads
 * (contracts/settings/platform-variables.ts) or an invalid value stops start-up with a message
 * naming the variable, all problems at once.
 */
import { databaseTarget, DatabaseTarget } from '../../contracts/database/database';
import { envName, parsePort } from '../../contracts/env-values';
import { rejectUnknownSettings } from '../../contracts/settings/platform-variables';
import { composeSettings, SettingsEnv } from '../../contracts/settings/setting-values';
import {
  insecureSkipRequested,
  readSigningSettings,
  SigningSettings,
} from '../../contracts/signing/signing-secret';
import { subgraphByName } from '../../contracts/subgraph-directory';
import { readTracingSettings, TracingSettings } from '../../contracts/tracing/trace-context';

export interface SubgraphConfig<Own = null> {
  readonly name: string;
  /** Interface to listen on (`SUBGRAPH_HOST`). @default 127.0.0.1 */
  readonly host: string;
  /** `<NAME>_PORT` (e.g. `LEGAL_ENTITY_PORT`). @default the port in contracts/subgraph-directory.ts */
  readonly port: number;
  /** Its own database: MariaDB with `MYSQL_URL` (`SHUJUTONG_DB_PREFIX`), else SQLite in `DATA_DIR`. */
  readonly database: DatabaseTarget;
  /**
   * Where the secret that verifies the gateway's signatures (and keys cursors) comes from
   * (`SUBGRAPH_SIGNING_SECRET`). @default the development secret in <DATA_DIR>/keys
   */
  readonly signing: SigningSettings;
  /**
   * Answer unsigned requests (`SHUJUTONG_INSECURE_SKIP_SUBGRAPH_SIGNATURES`): benchmarks only,
   * refused with NODE_ENV=production. @default false
   */
  readonly acceptUnsigned: boolean;
  /** Where its spans go (`OTEL_EXPORTER_OTLP_ENDPOINT`); absent when unset: tracing off. */
  readonly tracing?: TracingSettings;
  /** What only this subgraph reads; null for those that read nothing more. */
  readonly own: Own;
}

/** Reads what only one subgraph reads (e.g. readSharingSubgraphSettings). */
export type OwnSettingsReader<Own> = (env: SettingsEnv) => Own;

export function readSubgraphConfig(name: string, env?: SettingsEnv): SubgraphConfig;
export function readSubgraphConfig<Own>(
  name: string,
  env: SettingsEnv,
  readOwn: OwnSettingsReader<Own>,
): SubgraphConfig<Own>;
export function readSubgraphConfig<Own>(
  name: string,
  env: SettingsEnv = process.env,
  readOwn?: OwnSettingsReader<Own>,
): SubgraphConfig<Own | null> {
  const service = subgraphByName(name);
  const portVar = envName(name, 'PORT');
  return composeSettings((part) => {
    part(() => rejectUnknownSettings(env));
    return Object.freeze({
      name,
      host: env.SUBGRAPH_HOST || '127.0.0.1',
      port: part(() => parsePort(portVar, env[portVar], service.port)),
      database: part(() => databaseTarget(name, env)),
      signing: part(() => readSigningSettings(env)),
      acceptUnsigned: part(() => insecureSkipRequested(env)),
      ...part(() => tracingIfConfigured(env)),
      own: readOwn ? part(() => readOwn(env)) : null,
    });
  });
}

function tracingIfConfigured(env: SettingsEnv): { tracing?: TracingSettings } {
  const tracing = readTracingSettings(env);
  return tracing.otlpEndpoint ? { tracing } : {};
}

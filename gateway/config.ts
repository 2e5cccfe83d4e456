/**
 * The gateway's settings, read and validated once from the environment into a frozen object.
 * An invalid value stops start-up with a message naming the variable, rather than surfacing
 * later as a confusing runtime failure.
 */
import path from 'node:path';
import { envName, parsePort } from '../contracts/env-values';
import { SUPERGRAPH_PATH } from '../contracts/schema-files';
import { SUBGRAPHS, SubgraphName } from '../contracts/subgraph-directory';
import type { PolicyMode } from './policy/policy-plan';
import { auditDisabledRequested } from './audit-hook/audit-switch';
import { DEFAULT_MAX_BODY_BYTES, DEFAULT_OPERATION_LIMITS, OperationLimits } from './limits/limit-settings';

export interface GatewayConfig {
  /** Interface to listen on (`GATEWAY_HOST`). @default 127.0.0.1: loopback until deliberately exposed. */
  readonly host: string;
  /** `GATEWAY_PORT`; 0 picks a free port (tests). @default 4000 */
  readonly port: number;
  /** The composed supergraph the gateway serves (`SUPERGRAPH_PATH`). @default schema/supergraph.graphql */
  readonly supergraphPath: string;
  /**
   * Where each subgraph really is, overriding the URL composed into the supergraph:
   * `<NAME>_URL` (e.g. `LEGAL_ENTITY_URL=http://10.0.0.5:4002/graphql`), or `<NAME>_PORT` for
   * a subgraph on loopback at another port (the same variable the subgraph itself reads).
   */
  readonly subgraphUrls: Readonly<Partial<Record<SubgraphName, string>>>;
  /**
   * Deadline for one subgraph fetch, connection included (`SUBGRAPH_TIMEOUT_MS`). A subgraph
   * that misses it yields SUBGRAPH_UNAVAILABLE and partial data, never a hung request.
   * @default 5000
   */
  readonly subgraphTimeoutMs: number;
  /** Deadline for opening a TCP connection to a subgraph (`SUBGRAPH_CONNECT_TIMEOUT_MS`). @default 2000 */
  readonly subgraphConnectTimeoutMs: number;
  /** Keep-alive connections per subgraph (`SUBGRAPH_CONNECTIONS`); fetches beyond it queue. @default 64 */
  readonly subgraphConnections: number;
  /** Serve the self-hosted GraphiQL page on GET with Accept: text/html (`GATEWAY_GRAPHIQL`). @default true */
  readonly graphiql: boolean;
  /** Answer introspection queries (`GATEWAY_INTROSPECTION`); GraphiQL needs it. @default true */
  readonly introspection: boolean;
  /**
   * With Redis, while its change notices arrive: how long the gateway keeps the registry's answer
   * about a token's application (`GATEWAY_REGISTRY_CACHE_MS`). A change (suspension) drops the
   * entry on every instance at once (pub/sub), so this only bounds a notice lost in transit.
   * @default 30000
   */
  readonly registryCacheMs: number;
  /**
   * Without Redis, or while its notices cannot arrive: how long an answer is kept
   * (`GATEWAY_REGISTRY_LOCAL_CACHE_MS`, at most 1000, the promise that a suspension applies
   * everywhere within a second). @default 1000
   */
  readonly registryLocalCacheMs: number;
  /**
   * How the sharing policy enforces (`SHARING_POLICY_MODE`): `filter` withholds fields with a
   * null and a FORBIDDEN_FIELD error each; `reject` refuses the whole operation (HTTP 403) if it
   * asks for any withheld field; `dry-run` serves everything and only reports what it would
   * withhold (rolling out the policy; it serves conditional and personal data as if granted,
   * and the gateway warns loudly at start). @default 'filter'
   */
  readonly sharingPolicyMode: PolicyMode;
  /**
   * Redis shared by the gateway instances and the sharing subgraph (`REDIS_URL`): grants cached
   * there and change notices by pub/sub, so an approval or revocation applies on every instance
   * within a second. Unset: one gateway, grants cached in process for at most `grantsTtlMs`.
   * @default null
   */
  readonly redisUrl: string | null;
  /**
   * Separates deployments (or test runs) sharing one Redis (`GRANTS_REDIS_NAMESPACE`): channel
   * and keys get this suffix. The sharing subgraph must be given the same one. @default null
   */
  readonly grantsRedisNamespace: string | null;
  /** Without Redis: how long a department's grants are cached in process (`GRANTS_TTL_MS`, at most 1000, the promise that changes apply within a second). @default 1000 */
  readonly grantsTtlMs: number;
  /** With Redis: cache lifetime in process and in Redis while change notices arrive (`GRANTS_REDIS_TTL_MS`), a backstop against a notice that was never published. @default 30000 */
  readonly grantsRedisTtlMs: number;
  /** Redis unreachable: cache lifetime in process until it is back (`GRANTS_DEGRADED_TTL_MS`, at most 30000). @default 10000 */
  readonly grantsDegradedTtlMs: number;
  /** Deadline for loading a department's grants from the sharing subgraph (`GRANTS_LOAD_TIMEOUT_MS`); past it conditional fields are withheld. @default 2000 */
  readonly grantsLoadTimeoutMs: number;
  /**
   * Run without the audit trail (`SHUJUTONG_INSECURE_DISABLE_AUDIT=1`): refused when
   * NODE_ENV=production, warned about loudly at every start. The trail's own settings
   * (`GATEWAY_INSTANCE`, `AUDIT_*`) are read by contracts/audit/audit-config.ts. @default false
   */
  readonly auditDisabled: boolean;
  /**
   * Enforce request rates and concurrency per application and department (`GATEWAY_RATE_LIMITS`).
   * Off only to measure what the limits cost (benchmarks); the gateway then warns at every start.
   * @default true
   */
  readonly rateLimits: boolean;
  /**
   * Enforce the grants' daily subject quotas (`GATEWAY_SUBJECT_QUOTAS`). Off only to measure what
   * they cost (benchmarks); the gateway then warns at every start. @default true
   */
  readonly subjectQuotas: boolean;
  /**
   * Every department's sustained request rate across all its applications and its tokens without
   * one (`RATE_LIMIT_DEPARTMENT_PER_MINUTE`); applications have their own in the registry.
   * @default 6000
   */
  readonly departmentRequestsPerMinute: number;
  /** A department's bucket: requests accepted at once after a quiet spell (`RATE_LIMIT_DEPARTMENT_BURST`). @default 500 */
  readonly departmentBurst: number;
  /** A department's requests in flight at once (`RATE_LIMIT_DEPARTMENT_CONCURRENCY`). @default 64 */
  readonly departmentConcurrency: number;
  /**
   * Separates the rate-limit counters of deployments (or test runs) sharing one Redis
   * (`RATE_LIMIT_REDIS_NAMESPACE`); every instance of one deployment must use the same.
   * @default null: the grants namespace (`GRANTS_REDIS_NAMESPACE`)
   */
  readonly rateLimitRedisNamespace: string | null;
  /**
   * How long an in-flight request holds its concurrency slot in Redis at most
   * (`RATE_LIMIT_LEASE_MS`): the longest a gateway that died mid-request keeps a slot taken.
   * Keep it above the slowest request. @default 60000
   */
  readonly rateLimitLeaseMs: number;
  /**
   * Lookups that name nobody (a root lookup answered null, or BAD_USER_INPUT) one application, or
   * a department's token without one, may make per day (China time) before its requests are
   * refused until the next day (`LOOKUP_MISS_BUDGET_PER_DAY`; `off` for none): guessing the
   * birth date behind a masked ID number takes up to 2,850 misses. Part of the rate limits
   * (off with GATEWAY_RATE_LIMITS=off). @default 200
   */
  readonly lookupMissesPerDay: number | null;
  /**
   * Request bodies above this many bytes are refused with HTTP 413 PAYLOAD_TOO_LARGE
   * (`GATEWAY_MAX_BODY_BYTES`, 1 KiB to 16 MiB), before anything is parsed. @default 262144
   */
  readonly maxBodyBytes: number;
  /**
   * Bounds on tokens, depth, aliases, root fields, selections and estimated cost, checked before
   * validation (gateway/limits/; each refusal HTTP 400 with its own code). Null with
   * `GATEWAY_OPERATION_LIMITS=off`, only to measure what the limits cost (benchmarks): the
   * gateway then warns at every start. Each bound: `OPERATION_MAX_TOKENS` (@default 10000),
   * `OPERATION_MAX_DEPTH` (@default 20), `OPERATION_MAX_ALIASES` (@default 30),
   * `OPERATION_MAX_ROOT_FIELDS` (@default 20), `OPERATION_MAX_SELECTIONS` (@default 1500),
   * `OPERATION_MAX_COST` (@default 50000), `OPERATION_COST_LIST_SIZE` (@default 10),
   * `OPERATION_COST_MAX_LIST_SIZE` (@default 100).
   */
  readonly operationLimits: OperationLimits | null;
}

type Env = Readonly<Record<string, string | undefined>>;

export const DEFAULT_GATEWAY_PORT = 4000;

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

function httpUrl(variable: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${variable} is not a URL: "${value}" (expected e.g. http://127.0.0.1:4001/graphql)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`${variable} must be an http:// or https:// URL, got "${value}"`);
  return url.toString();
}

function subgraphUrls(env: Env): Partial<Record<SubgraphName, string>> {
  const urls: Partial<Record<SubgraphName, string>> = {};
  for (const { name } of SUBGRAPHS) {
    const urlVar = envName(name, 'URL');
    const portVar = envName(name, 'PORT');
    const url = env[urlVar];
    if (url) urls[name] = httpUrl(urlVar, url);
    else if (env[portVar]) urls[name] = `http://127.0.0.1:${parsePort(portVar, env[portVar], 0)}/graphql`;
  }
  return urls;
}

const POLICY_MODES: readonly PolicyMode[] = ['filter', 'reject', 'dry-run'];

function policyMode(env: Env): PolicyMode {
  const value = env.SHARING_POLICY_MODE;
  if (value === undefined || value === '') return 'filter';
  if (!(POLICY_MODES as readonly string[]).includes(value)) throw new Error(`SHARING_POLICY_MODE must be one of ${POLICY_MODES.join(', ')}, got "${value}"`);
  return value as PolicyMode;
}

function redisUrl(env: Env): string | null {
  const value = env.REDIS_URL;
  if (!value) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`REDIS_URL is not a URL: "${value}" (expected e.g. redis://127.0.0.1:6379)`);
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') throw new Error(`REDIS_URL must be a redis:// or rediss:// URL, got "${url.protocol}..."`);
  return value;
}

function namespace(env: Env, variable: string): string | null {
  const value = env[variable];
  if (!value) return null;
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(value)) throw new Error(`${variable} must be 1 to 64 letters, digits, '_', '.' or '-', got "${value}"`);
  return value;
}

function operationLimits(env: Env): OperationLimits | null {
  if (!flag(env, 'GATEWAY_OPERATION_LIMITS', true)) return null;
  const d = DEFAULT_OPERATION_LIMITS;
  return Object.freeze({
    maxTokens: integer(env, 'OPERATION_MAX_TOKENS', d.maxTokens, 10, 1_000_000),
    maxDepth: integer(env, 'OPERATION_MAX_DEPTH', d.maxDepth, 1, 1000),
    maxAliases: integer(env, 'OPERATION_MAX_ALIASES', d.maxAliases, 0, 100_000),
    maxRootFields: integer(env, 'OPERATION_MAX_ROOT_FIELDS', d.maxRootFields, 1, 100_000),
    maxSelections: integer(env, 'OPERATION_MAX_SELECTIONS', d.maxSelections, 1, 10_000_000),
    maxCost: integer(env, 'OPERATION_MAX_COST', d.maxCost, 1, 1_000_000_000),
    defaultListSize: integer(env, 'OPERATION_COST_LIST_SIZE', d.defaultListSize, 1, 100_000),
    maxListSize: integer(env, 'OPERATION_COST_MAX_LIST_SIZE', d.maxListSize, 1, 100_000),
  });
}

export function readGatewayConfig(env: Env = process.env): GatewayConfig {
  return Object.freeze({
    host: env.GATEWAY_HOST || '127.0.0.1',
    port: parsePort('GATEWAY_PORT', env.GATEWAY_PORT, DEFAULT_GATEWAY_PORT),
    supergraphPath: env.SUPERGRAPH_PATH ? path.resolve(env.SUPERGRAPH_PATH) : SUPERGRAPH_PATH,
    subgraphUrls: Object.freeze(subgraphUrls(env)),
    subgraphTimeoutMs: integer(env, 'SUBGRAPH_TIMEOUT_MS', 5000, 50, 600_000),
    subgraphConnectTimeoutMs: integer(env, 'SUBGRAPH_CONNECT_TIMEOUT_MS', 2000, 50, 600_000),
    subgraphConnections: integer(env, 'SUBGRAPH_CONNECTIONS', 64, 1, 10_000),
    graphiql: flag(env, 'GATEWAY_GRAPHIQL', true),
    introspection: flag(env, 'GATEWAY_INTROSPECTION', true),
    registryCacheMs: integer(env, 'GATEWAY_REGISTRY_CACHE_MS', 30_000, 0, 3_600_000),
    registryLocalCacheMs: integer(env, 'GATEWAY_REGISTRY_LOCAL_CACHE_MS', 1000, 0, 1000),
    sharingPolicyMode: policyMode(env),
    redisUrl: redisUrl(env),
    grantsRedisNamespace: namespace(env, 'GRANTS_REDIS_NAMESPACE'),
    grantsTtlMs: integer(env, 'GRANTS_TTL_MS', 1000, 50, 1000),
    grantsRedisTtlMs: integer(env, 'GRANTS_REDIS_TTL_MS', 30_000, 1000, 600_000),
    grantsDegradedTtlMs: integer(env, 'GRANTS_DEGRADED_TTL_MS', 10_000, 100, 30_000),
    grantsLoadTimeoutMs: integer(env, 'GRANTS_LOAD_TIMEOUT_MS', 2000, 50, 60_000),
    auditDisabled: auditDisabledRequested(env),
    rateLimits: flag(env, 'GATEWAY_RATE_LIMITS', true),
    subjectQuotas: flag(env, 'GATEWAY_SUBJECT_QUOTAS', true),
    departmentRequestsPerMinute: integer(env, 'RATE_LIMIT_DEPARTMENT_PER_MINUTE', 6000, 1, 600_000),
    departmentBurst: integer(env, 'RATE_LIMIT_DEPARTMENT_BURST', 500, 1, 100_000),
    departmentConcurrency: integer(env, 'RATE_LIMIT_DEPARTMENT_CONCURRENCY', 64, 1, 10_000),
    rateLimitRedisNamespace: namespace(env, 'RATE_LIMIT_REDIS_NAMESPACE'),
    rateLimitLeaseMs: integer(env, 'RATE_LIMIT_LEASE_MS', 60_000, 1000, 3_600_000),
    lookupMissesPerDay: /^off$/i.test(env.LOOKUP_MISS_BUDGET_PER_DAY ?? '') ? null : integer(env, 'LOOKUP_MISS_BUDGET_PER_DAY', 200, 1, 1_000_000),
    maxBodyBytes: integer(env, 'GATEWAY_MAX_BODY_BYTES', DEFAULT_MAX_BODY_BYTES, 1024, 16 * 1_048_576),
    operationLimits: operationLimits(env),
  });
}

/** The URL a browser or client uses: a wildcard listen address is reached as localhost. */
export function publicBaseUrl(host: string, port: number): string {
  const shown = host === '0.0.0.0' || host === '::' || host === '127.0.0.1' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return `http://${shown}:${port}`;
}

/**
 * Every environment variable a Shujutong process reads, grouped by concern, one line each: the
 * one list an operator needs, and the list start-up checks names against. It is the union over
 * all processes, because `npm start` gives one environment to the gateway and every subgraph: the
 * gateway must accept POPULATION_PORT, a subgraph GATEWAY_PORT. A variable under one of our
 * prefixes that is not listed here stops start-up, naming the closest listed one
 * (unknown-variables.ts). __tests__/platform-variables.test.ts keeps the list and the code agreed.
 */
import { envName } from '../env-values';
import { SUBGRAPHS } from '../subgraph-directory';
import { rejectUnknownVariables } from './unknown-variables';

export interface VariableGroup {
  /** The processes that read the group. */
  readonly readBy: string;
  /** Variable name to what it does, and its default. */
  readonly variables: Readonly<Record<string, string>>;
}

const perSubgraph = (suffix: string, describe: (title: string, port: number) => string) =>
  Object.fromEntries(SUBGRAPHS.map((s) => [envName(s.name, suffix), describe(s.title, s.port)]));

export const PLATFORM_VARIABLES = {
  shared: {
    readBy: 'gateway, subgraphs and scripts, as each line says',
    variables: {
      NODE_ENV:
        'All: `production` refuses development keys and secrets and every SHUJUTONG_INSECURE_* switch',
      DATA_DIR: 'All: SQLite files, development keys and audit journals. Default ./data',
      MYSQL_URL:
        'All: MariaDB/MySQL server (mysql://user:password@host:port). Default: SQLite files in DATA_DIR',
      SHUJUTONG_DB_PREFIX:
        'All: prefix of the database names, to keep deployments or test runs apart. Default shujutong',
      SUPERGRAPH_PATH:
        'Gateway, sharing, audit: the supergraph served and classified against. Default schema/supergraph.graphql',
      REDIS_URL:
        'Gateway, sharing: the Redis they share (grants, notices, counters). Default: none, in process',
      SEED_PERSONS:
        'People in a freshly seeded demo city (npm start, seed, subgraph). Default 20000',
    },
  },
  subgraphProcesses: {
    readBy:
      'subgraphs; <NAME>_PORT also the gateway, which then reaches the subgraph on loopback there',
    variables: {
      SUBGRAPH_HOST: 'Interface every subgraph listens on. Default 127.0.0.1',
      ...perSubgraph('PORT', (title, port) => `${title}: its port. Default ${port}`),
    },
  },
  signing: {
    readBy: 'gateway and subgraphs',
    variables: {
      SUBGRAPH_SIGNING_SECRET:
        'HMAC secret of subgraph requests, 32+ characters. Default: a development secret in DATA_DIR/keys',
      SHUJUTONG_INSECURE_SKIP_SUBGRAPH_SIGNATURES:
        'Subgraphs answer unsigned requests (benchmarks only; refused in production). Default off',
    },
  },
  gatewayServer: {
    readBy: 'gateway',
    variables: {
      GATEWAY_HOST: 'Interface the gateway listens on. Default 127.0.0.1',
      GATEWAY_PORT: 'Its port; 0 picks a free one. Default 4000',
      GATEWAY_GRAPHIQL: 'Serve GraphiQL on GET with Accept: text/html. Default on',
      GATEWAY_INTROSPECTION: 'Answer introspection queries. Default on',
      GATEWAY_DRAIN_DELAY_MS:
        'On SIGTERM: readiness 503 this long before the listener closes (the load balancer notices). Default 2000',
      GATEWAY_DRAIN_TIMEOUT_MS:
        'On SIGTERM: longest the whole drain may take (in flight, audit flush); past it exit 1. Default 30000',
    },
  },
  observability: {
    readBy: 'gateway',
    variables: {
      METRICS_TOKEN:
        'Bearer token (16+ characters) that lets a non-loopback scraper read GET /metrics. Default: loopback only',
      LOG_LEVEL:
        'Least level of the JSON log lines: fatal, error, warn, info, debug, trace or silent. Default info',
    },
  },
  tracing: {
    readBy: 'gateway and subgraphs',
    variables: {
      OTEL_EXPORTER_OTLP_ENDPOINT:
        'OpenTelemetry collector (OTLP over HTTP, e.g. http://127.0.0.1:4318): traces across gateway and subgraphs. Default: off',
    },
  },
  subgraphFetches: {
    readBy: 'gateway',
    variables: {
      ...perSubgraph(
        'URL',
        (title) => `${title}: where the gateway reaches it, over the supergraph's URL`,
      ),
      SUBGRAPH_TIMEOUT_MS: 'Deadline of one subgraph fetch, connection included. Default 5000',
      SUBGRAPH_CONNECT_TIMEOUT_MS: 'Deadline for opening a connection to a subgraph. Default 2000',
      SUBGRAPH_CONNECTIONS: 'Keep-alive connections per subgraph. Default 64',
      GATEWAY_EXECUTOR:
        "Who runs query plans: lean (the gateway's own executor, which leaves what it does not run to Apollo's) or apollo (ApolloGateway's for everything). Default lean",
    },
  },
  tokens: {
    readBy: 'gateway, npm run token',
    variables: {
      JWT_ISSUER: 'Who signs tokens. Default shujutong',
      JWT_AUDIENCE: 'Who accepts them. Default shujutong-gateway',
      JWT_PRIVATE_KEY: 'PKCS#8 PEM (text or file) that signs tokens; only the issuer needs it',
      JWT_PUBLIC_KEY:
        'SPKI PEM (text or file) that verifies them. Default: development keys in DATA_DIR/keys',
      GATEWAY_REGISTRY_CACHE_MS:
        "How long an application's registry entry is cached while Redis notices arrive. Default 30000",
      GATEWAY_REGISTRY_LOCAL_CACHE_MS: 'The same without Redis notices, at most 1000. Default 1000',
    },
  },
  grants: {
    readBy: 'gateway; GRANTS_REDIS_NAMESPACE also the sharing subgraph',
    variables: {
      GRANTS_REDIS_NAMESPACE: 'Separates deployments sharing one Redis. Default none',
      GRANTS_TTL_MS: 'Without Redis: grants cached in process, at most 1000. Default 1000',
      GRANTS_REDIS_TTL_MS: 'With Redis: cache lifetime while change notices arrive. Default 30000',
      GRANTS_DEGRADED_TTL_MS: 'Redis unreachable: cache lifetime, at most 30000. Default 10000',
      GRANTS_LOAD_TIMEOUT_MS: "Deadline for loading a department's grants. Default 2000",
    },
  },
  policy: {
    readBy: 'gateway',
    variables: {
      SHARING_POLICY_MODE:
        'filter (withhold fields), reject (refuse the operation) or dry-run. Default filter',
    },
  },
  auditTrail: {
    readBy: 'gateway; the keys also the audit subgraph (HMAC) and npm run audit:verify',
    variables: {
      SHUJUTONG_INSECURE_DISABLE_AUDIT:
        'Run without the audit trail (benchmarks only; refused in production). Default off',
      GATEWAY_INSTANCE: 'This gateway instance: its chain and journal. Default the host name',
      AUDIT_JOURNAL_DIR: 'The journal folder. Default DATA_DIR/audit/<instance>',
      AUDIT_GROUP_WINDOW_MS: "Longest a record waits for its group's fsync. Default 2",
      AUDIT_GROUP_MAX_RECORDS: 'A group is synced at this many records. Default 256',
      AUDIT_SEGMENT_BYTES: 'Journal files rotate at this size. Default 67108864',
      AUDIT_KEEP_SHIPPED: 'Keep journal segments after shipping them. Default off',
      AUDIT_SHIP_BATCH: 'Records per database transaction. Default 500',
      AUDIT_SHIP_RETRY_MAX_MS:
        'Longest wait between attempts while the database is down. Default 30000',
      AUDIT_SHIP_INTERVAL_MS: 'Least time between shipping rounds. Default 250',
      AUDIT_CHECKPOINT_EVERY: 'Sign the chain head after this many records... Default 1000',
      AUDIT_CHECKPOINT_INTERVAL_MS: '...or this long after the last checkpoint. Default 60000',
      AUDIT_HMAC_KEY:
        'Key (base64) that hashes subjects and variables. Default: a development key in DATA_DIR/keys',
      AUDIT_HMAC_KEY_FILE: 'A file holding that key instead',
      AUDIT_SIGNING_KEY_FILE:
        'Ed25519 PKCS#8 PEM that signs checkpoints. Default: a development key',
      AUDIT_PUBLIC_KEY_FILE:
        'audit:verify only: comma-separated public keys checkpoints are checked against',
    },
  },
  auditRetention: {
    readBy: 'npm run audit:archive',
    variables: {
      AUDIT_RETENTION_MONTHS:
        'Whole months kept in the audit database before the current one; older months are archived and dropped (at least 1). Default 84 (seven years)',
      AUDIT_ARCHIVE_DIR: 'Where monthly audit archives are written. Default DATA_DIR/audit-archive',
    },
  },
  workbenchSignIn: {
    readBy: 'gateway; OIDC_LOCAL_PORT only npm run oidc:local',
    variables: {
      WORKBENCH_SESSION_TTL:
        "Life of the analyst's session token, renewed while they work (1m to 1h). Default 15m",
      WORKBENCH_SESSION_MAX_AGE: 'After this long the analyst signs in again. Default 8h',
      WORKBENCH_SECURE_COOKIES:
        'Session cookies only over https. Default on in production or with an https public URL',
      WORKBENCH_DEV_SIGN_IN:
        'Development sign-in (any demo identity); refused in production. Default on when the gateway listens on loopback only',
      WORKBENCH_PUBLIC_URL:
        'Origin browsers use (OIDC redirect URI, same-origin checks); required with OIDC in production',
      WORKBENCH_OIDC_ISSUER:
        'OpenID Connect provider (https; http on loopback only). Default none: no OIDC sign-in',
      WORKBENCH_OIDC_CLIENT_ID: "The gateway's client id at the provider",
      WORKBENCH_OIDC_CLIENT_SECRET: 'Its client secret. Default none: a public client with PKCE',
      WORKBENCH_OIDC_SCOPES: 'Scopes asked for, space-separated. Default openid profile',
      WORKBENCH_OIDC_NAME: 'Label of the sign-in button. Default 统一身份认证 Single sign-on',
      WORKBENCH_OIDC_CLAIM_DEPARTMENT: 'Claim holding the department code. Default department',
      WORKBENCH_OIDC_CLAIM_APPLICATION:
        'Claim holding the application id (absent: the whole department). Default application',
      WORKBENCH_OIDC_CLAIM_OPERATOR: 'Claim holding the staff number. Default preferred_username',
      WORKBENCH_OIDC_CLAIM_ROLES:
        'Claim holding the roles (list, or separated by spaces or commas). Default roles',
      OIDC_LOCAL_PORT: 'Port of the local OpenID provider for development. Default 4400',
    },
  },
  operationLimits: {
    readBy: 'gateway',
    variables: {
      GATEWAY_MAX_BODY_BYTES: 'Larger request bodies are refused (413). Default 262144',
      GATEWAY_OPERATION_LIMITS:
        'Check the bounds below (off only to measure their cost). Default on',
      OPERATION_MAX_TOKENS: 'Lexical tokens in the document. Default 10000',
      OPERATION_MAX_DEPTH: 'Nesting of fields. Default 20',
      OPERATION_MAX_ALIASES: 'Aliased fields after fragment expansion. Default 30',
      OPERATION_MAX_ROOT_FIELDS: 'Root fields after fragment expansion. Default 20',
      OPERATION_MAX_SELECTIONS: 'Fields after fragment expansion. Default 1500',
      OPERATION_MAX_COST: 'Estimated cost. Default 50000',
      OPERATION_COST_LIST_SIZE: 'Size assumed for a list without first/last. Default 10',
      OPERATION_COST_MAX_LIST_SIZE: 'Size assumed for first: $variable. Default 100',
    },
  },
  rateLimits: {
    readBy: 'gateway',
    variables: {
      GATEWAY_RATE_LIMITS:
        'Enforce rates and concurrency (off only to measure their cost). Default on',
      RATE_LIMIT_DEPARTMENT_PER_MINUTE: "A department's sustained request rate. Default 6000",
      RATE_LIMIT_DEPARTMENT_BURST: "A department's burst. Default 500",
      RATE_LIMIT_DEPARTMENT_CONCURRENCY: "A department's requests in flight. Default 64",
      RATE_LIMIT_REDIS_NAMESPACE:
        'Separates rate-limit counters in one Redis. Default GRANTS_REDIS_NAMESPACE',
      RATE_LIMIT_LEASE_MS: 'Longest a request holds its concurrency slot in Redis. Default 60000',
      LOOKUP_MISS_BUDGET_PER_DAY:
        'Lookups naming nobody per application and day; off for none. Default 200',
    },
  },
  openData: {
    readBy: 'gateway',
    variables: {
      OPEN_DATA: 'Serve open data to anonymous callers at /open and /open/graphql. Default on',
      OPEN_DATA_PER_MINUTE: 'Open-data requests one client address may make per minute. Default 60',
      OPEN_DATA_BURST: 'Open-data requests one client address may make at once. Default 20',
      OPEN_DATA_APPLICATION:
        'The registered application open-data requests run as (an ACTIVE one). Default open-data-portal',
      OPEN_DATA_TRUSTED_PROXIES:
        'Addresses of reverse proxies whose X-Forwarded-For names the client. Default none: the socket address',
    },
  },
  subjectQuotas: {
    readBy: 'gateway',
    variables: {
      GATEWAY_SUBJECT_QUOTAS:
        "Enforce the grants' daily subject quotas (off only to measure their cost). Default on",
    },
  },
  sharingSubgraph: {
    readBy: 'sharing subgraph',
    variables: {
      SHARING_REPLY_WORKING_DAYS: 'Working days an owner has to answer an application. Default 10',
      SHARING_HOLIDAYS: 'Public holidays, comma-separated YYYY-MM-DD. Default none',
      SHARING_MAKEUP_WORKDAYS: 'Make-up working days, comma-separated YYYY-MM-DD. Default none',
      SHARING_DEFAULT_SUBJECT_QUOTA:
        'Daily subject quota an approval sets unless the owner chooses. Default 1000',
      SHARING_CORRECTION_WORKING_DAYS:
        'Working days an owner has to answer a data error report. Default 5',
      SHARING_ERROR_REPORTS_PER_DAY:
        'Data error reports one department may file per day. Default 100',
    },
  },
  auditSubgraph: {
    readBy: 'audit subgraph',
    variables: {
      AUDIT_USAGE_INTERVAL_MS:
        'How often shipped records are summarised into usage; 0 on demand. Default 30000',
      AUDIT_USAGE_REQUEST_BUDGET_MS: 'Longest a usage query spends catching up. Default 2000',
      AUDIT_PROBING_WINDOW_MINUTES: 'The probing window. Default 10',
      AUDIT_PROBING_LOOKUP_MISSES:
        'Lookups naming nobody in a window that flag an application. Default 100',
      AUDIT_PROBING_DISTINCT_SUBJECTS:
        'Distinct subjects in a window that flag an application. Default 300',
      AUDIT_ZOMBIE_IDLE_MONTHS:
        'Months without a request that make a system a zombie candidate. Default 3',
      AUDIT_ZOMBIE_FREQUENCY_STEPS:
        'Frequency steps below the declared one that count as far below. Default 2',
    },
  },
} as const satisfies Readonly<Record<string, VariableGroup>>;

export const PLATFORM_VARIABLE_NAMES: ReadonlySet<string> = new Set(
  Object.values(PLATFORM_VARIABLES).flatMap((group) => Object.keys(group.variables)),
);

/**
 * Ours: a variable starting with one of these is a Shujutong setting or a mistake. Generic names
 * (NODE_ENV, MYSQL_URL, REDIS_URL, DATA_DIR, SUPERGRAPH_PATH, SEED_PERSONS) are known exactly,
 * but their prefixes are not claimed: other software reads NODE_*, MYSQL_*, REDIS_*, DATA_*.
 */
export const SETTING_PREFIXES: readonly string[] = [
  ...new Set([
    'SHUJUTONG_',
    'GATEWAY_',
    'SUBGRAPH_',
    'JWT_',
    'GRANTS_',
    'SHARING_',
    'AUDIT_',
    'OPERATION_',
    'RATE_LIMIT_',
    'LOOKUP_MISS_',
    'WORKBENCH_',
    ...SUBGRAPHS.map((s) => envName(s.name, '')),
  ]),
];

/**
 * Read by tests and benchmark helpers only, never by a process we ship: not settings, so not
 * accepted by the processes (the tests give them only to their own children).
 */
export const NOT_SETTINGS: Readonly<Record<string, string>> = {
  AUDIT_TEST_DIR: 'journal folder of the journal-sigkill test child',
  AUDIT_TEST_SIGNING_KEY: 'checkpoint key of the journal-sigkill test child',
  BENCH_GATEWAY_PORT: "port of the benchmark's plain Apollo gateway (not ours)",
  REQUIRE_SERVICES: 'tests fail instead of skipping when MariaDB or Redis is missing',
  CHROMIUM_PATH: 'browser for the GraphiQL tests',
  FUZZ_SEED: 'seed of the security fuzz test',
  REDIS_SERVER_PATH: 'redis-server binary the Redis outage tests start',
  LOADED_MODULES_FILE: 'where the gateway-entry test records the modules the gateway loaded',
  APOLLO_TELEMETRY_DISABLED: "written, not read, by the gateway: Apollo's libraries read it",
  NGINX_BIN:
    'nginx of `npm run fleet` and the fleet tests (else the first on PATH, else /usr/sbin/nginx)',
  PATH: "the system's search path, where `npm run fleet` looks for nginx",
};

/** Stops start-up when the environment holds a variable under our prefixes that no process reads. */
export function rejectUnknownSettings(env: Readonly<Record<string, string | undefined>>): void {
  rejectUnknownVariables(env, PLATFORM_VARIABLE_NAMES, SETTING_PREFIXES);
}

/**
 * What the benchmark sends requests to. A target is data: a name for tables and `--targets`,
 * how to start it (gateways run each in their own process, over the same supergraph file and
 * the same subgraph processes) and the headers its requests carry. Adding a target is one more
 * entry in BENCH_TARGETS, e.g. the platform gateway with its request stages and a caller that
 * holds grants (a sketch; `callerToken` would mint a token from the dev keys under DATA_DIR):
 *
 *   {
 *     name: 'ours-enforced',
 *     kind: 'gateway',
 *     description: 'gateway/index.ts with authentication, sharing policy and signing',
 *     launch: ({ port, supergraphPath, env }) => ({
 *       args: ['gateway/index.ts'],
 *       env: { ...env, GATEWAY_HOST: '127.0.0.1', GATEWAY_PORT: String(port), SUPERGRAPH_PATH: supergraphPath },
 *     }),
 *     headers: async ({ env }) => ({ authorization: `Bearer ${await callerToken(env)}`, 'x-purpose': 'SOCIAL_ASSISTANCE' }),
 *   },
 *
 * and, if it should be compared, a pair in RATIOS.
 */
import path from 'node:path';

/** What a gateway target is started with. */
export interface LaunchContext {
  /** The repository root (the child's working directory). */
  root: string;
  /** Loopback port the gateway must listen on. */
  port: number;
  /** The bench supergraph: the committed one with the bench subgraph ports in its URLs. */
  supergraphPath: string;
  /** The environment every bench process gets (see BenchPlatformOptions.extraEnv). */
  env: NodeJS.ProcessEnv;
}

/** How to run a gateway: Node arguments (an entry file and its arguments) and its environment. */
export interface LaunchCommand {
  args: string[];
  env: NodeJS.ProcessEnv;
  /** Load the entry through tsx (a TypeScript entry). @default true */
  tsx?: boolean;
}

/** What a target's request headers are made from, once its process is up. */
export interface HeaderContext {
  /** The environment of the bench processes (DATA_DIR included: dev keys live under it). */
  env: NodeJS.ProcessEnv;
}

interface TargetBase {
  /** Short name, for `--targets` and the tables. */
  readonly name: string;
  /** What it is, for BENCHMARKS.md. */
  readonly description: string;
  /**
   * Headers on every request to this target, beside content-type: e.g. a caller's bearer
   * token, minted here from the dev keys. @default none
   */
  headers?(ctx: HeaderContext): Record<string, string> | Promise<Record<string, string>>;
}

/** A gateway in its own process, serving POST /graphql. */
export interface GatewayTarget extends TargetBase {
  readonly kind: 'gateway';
  launch(ctx: LaunchContext): LaunchCommand;
}

/**
 * The subgraph that owns the operation's root field, asked directly with the part of the
 * operation it answers alone (see BenchOperation.direct): what the data costs without federation.
 */
export interface SubgraphDirectTarget extends TargetBase {
  readonly kind: 'subgraph';
}

export type BenchTarget = GatewayTarget | SubgraphDirectTarget;

const HIVE_BIN = 'node_modules/@graphql-hive/gateway/dist/bin.js';

export const BENCH_TARGETS: readonly BenchTarget[] = [
  {
    name: 'direct',
    kind: 'subgraph',
    description: "the root field's own subgraph, asked for the part of the operation it answers alone (no gateway)",
  },
  {
    name: 'ours',
    kind: 'gateway',
    description:
      'Shujutong gateway: `startGateway()` of gateway/server.ts with default settings and no request stages (no authentication, sharing policy, audit or subgraph signing), in its own process under tsx with source-mapped stack traces off, as compiled JavaScript runs (scripts/bench/our-gateway.ts)',
    launch: ({ port, supergraphPath, env }) => ({
      args: ['scripts/bench/our-gateway.ts'],
      env: { ...env, GATEWAY_HOST: '127.0.0.1', GATEWAY_PORT: String(port), SUPERGRAPH_PATH: supergraphPath },
    }),
  },
  {
    name: 'apollo',
    kind: 'gateway',
    description:
      'plain `new ApolloGateway({ supergraphSdl })` in `new ApolloServer({ gateway })` with `startStandaloneServer`, all defaults but `APOLLO_TELEMETRY_DISABLED=true`, under tsx with source-mapped stack traces off like ours (with them on, agent-base\'s per-fetch `new Error().stack` costs it several percent) (scripts/bench/plain-apollo-gateway.ts)',
    launch: ({ port, supergraphPath, env }) => ({
      args: ['scripts/bench/plain-apollo-gateway.ts'],
      // Apollo otherwise exports usage telemetry to its cloud and probes cloud metadata hosts.
      env: { ...env, APOLLO_TELEMETRY_DISABLED: 'true', BENCH_GATEWAY_PORT: String(port), SUPERGRAPH_PATH: supergraphPath },
    }),
  },
  {
    name: 'hive',
    kind: 'gateway',
    description:
      '`@graphql-hive/gateway` CLI, `hive-gateway supergraph <file>` with default settings, one process (`--fork 1`), no Hive or OpenTelemetry reporting configured. By default it merges identical subgraph fetches in flight (`deduplicateInflightRequests` of @graphql-tools/executor-http): with one request repeated by every connection it answered most requests from one fetch, and about twice the rate of ours, in trials; that is why requests rotate over argument sets',
    launch: ({ root, port, supergraphPath, env }) => ({
      args: [path.join(root, HIVE_BIN), 'supergraph', supergraphPath, '--host', '127.0.0.1', '--port', String(port), '--fork', '1'],
      env,
      tsx: false,
    }),
  },
];

/** The comparisons BENCHMARKS.md reports: requests per second of the first over the second. */
export const RATIOS: readonly (readonly [string, string])[] = [
  ['ours', 'apollo'],
  ['ours', 'hive'],
];

export function selectTargets(names: string[] | null): BenchTarget[] {
  if (!names) return [...BENCH_TARGETS];
  const unknown = names.filter((n) => !BENCH_TARGETS.some((t) => t.name === n));
  if (unknown.length > 0) throw new Error(`--targets: unknown ${unknown.join(', ')}; known: ${BENCH_TARGETS.map((t) => t.name).join(', ')}`);
  return BENCH_TARGETS.filter((t) => names.includes(t.name));
}

/**
 * Wires the gateway together: supergraph → Apollo gateway with our subgraph clients → the
 * staged gateway (operation hooks) → Apollo Server → HTTP routes. Nothing else lives here;
 * each piece is in its own folder.
 */
import http from 'node:http';
import net from 'node:net';
import type { GraphQLSchema } from 'graphql';
import { closeServer, listen } from '../contracts/http/http-adapter';
import { GatewayConfig } from './config';
import { readSupergraphFile } from './supergraph/read-supergraph';
import { createFederatedGateway } from './execution/federated-gateway';
import { createGatewayApolloServer } from './execution/gateway-apollo-server';
import { exampleQuery } from './graphiql/example-query';
import { AssetStore } from './graphiql/graphiql-assets';
import { DEFAULT_HEADERS_TEXT, graphiqlPage } from './graphiql/graphiql-page';
import { graphqlEndpoint } from './http/graphql-endpoint';
import { createOperationLimiter } from './limits';
import { GRAPHQL_PATH, requestRouter } from './http/request-router';
import { stageHealth } from './http/stage-health';
import { inFlightRequests } from './http/in-flight';
import { readiness, ReadinessCheck, stageReadinessChecks } from './http/readiness';
import { StagedGateway } from './execution/staged-gateway';
import { GatewayHooks, hookPipeline } from './stages/stage-hooks';
import type { Workbench } from './workbench';
import type { OpenData } from './open-data';
import type { GraphQLEndpoint } from './http/graphql-endpoint';
import { metricsRoutes } from './stages/observe-metrics';

/** What a running gateway offers the workbench beside the platform's stages. */
export interface GatewayRuntime {
  apiSchema(): GraphQLSchema;
  supergraphSdl(): string;
  readonly graphql: GraphQLEndpoint;
}

/**
 * How long a draining gateway waits for clients to close their idle connections before closing
 * them itself: twice nginx's upstream keepalive_timeout (1 s, deploy/nginx/). Clients that keep
 * idle connections longer (undici honours the server's `Keep-Alive: timeout=65`) have them closed.
 */
const CONNECTION_GRACE_MS = 2000;

export interface StartGatewayOptions {
  config: GatewayConfig;
  /** The supergraph to serve. @default the file at config.supergraphPath */
  supergraphSdl?: string;
  /** Request stages (authentication, sharing policy, audit ...), in order; see stages/stage-hooks.ts. */
  hooks?: readonly GatewayHooks[];
  /** @default console.error */
  log?: (line: string) => void;
  /**
   * The analysts' workbench (gateway/workbench/), served when GraphiQL is on
   * (GATEWAY_GRAPHIQL). @default none: GraphQL only
   */
  workbench?: (runtime: GatewayRuntime) => Workbench;
  /** Open data for anonymous callers (gateway/open-data/, /open). @default none */
  openData?: (runtime: GatewayRuntime) => OpenData;
  /** More checks for GET /health/ready beside the supergraph, the stages and draining (the grants). @default none */
  readiness?: readonly ReadinessCheck[];
}

export interface RunningGateway {
  /** The GraphQL endpoint as bound, e.g. http://127.0.0.1:4000/graphql. */
  url: string;
  port: number;
  /** A query valid against the served schema (GraphiQL's default, printed by `npm start`). */
  exampleQuery: string;
  /**
   * Requests whose plans the gateway's own executor ran, and those it left to Apollo's; null
   * with GATEWAY_EXECUTOR=apollo (plan-execution/lean-executor.ts).
   */
  executions(): { readonly lean: number; readonly apollo: number } | null;
  /** Readiness 503 from now on; still serving as before (gateway/index.ts, SIGTERM). */
  startDraining(): void;
  /** Stops accepting connections, waits for the requests in flight and for clients to close theirs, then stops. */
  drain(): Promise<void>;
  /** Stops at once: requests in flight are cut. */
  stop(): Promise<void>;
}

export async function startGateway(options: StartGatewayOptions): Promise<RunningGateway> {
  const { config } = options;
  const log = options.log ?? ((line: string) => console.error(line));
  const hooks = hookPipeline(options.hooks);
  const supergraphSdl = options.supergraphSdl ?? readSupergraphFile(config.supergraphPath);

  const federated = createFederatedGateway(supergraphSdl, config, hooks);
  const execution = federated.execution;
  const gateway = new StagedGateway(federated.gateway, hooks, (apollo) =>
    execution ? execution.executor(apollo) : apollo,
  );
  const loaded: { apiSchema?: GraphQLSchema; supergraphSdl: string } = { supergraphSdl };
  gateway.onSchemaLoadOrUpdate(({ apiSchema, coreSupergraphSdl }) => {
    loaded.apiSchema = apiSchema;
    loaded.supergraphSdl = coreSupergraphSdl;
  });
  const apollo = createGatewayApolloServer({ gateway, introspection: config.introspection, log });
  await apollo.start();
  if (!loaded.apiSchema) throw new Error('the gateway started without a schema');
  const example = exampleQuery(loaded.apiSchema);

  const graphiql = config.graphiql
    ? {
        page: graphiqlPage({
          endpoint: GRAPHQL_PATH,
          defaultQuery: example,
          defaultHeaders: DEFAULT_HEADERS_TEXT,
        }),
        assets: new AssetStore(),
      }
    : null;
  const limiter = config.operationLimits
    ? createOperationLimiter(config.operationLimits, () => loaded.apiSchema ?? null)
    : null;
  if (!limiter)
    log(
      '[limits] WARNING: GATEWAY_OPERATION_LIMITS is off: no bound on tokens, depth, aliases, selections or cost (for measuring their cost only)',
    );
  const endpoint = graphqlEndpoint({
    apollo,
    hooks,
    log,
    maxBodyBytes: config.maxBodyBytes,
    limiter,
  });
  const runtime: GatewayRuntime = {
    apiSchema: () => loaded.apiSchema!,
    supergraphSdl: () => loaded.supergraphSdl,
    graphql: endpoint,
  };
  const workbench = config.graphiql && options.workbench ? options.workbench(runtime) : null;
  const openData = options.openData ? options.openData(runtime) : null;
  const inFlight = inFlightRequests();
  const ready = readiness([
    { name: 'supergraph', check: () => ({ ok: !!loaded.apiSchema, detail: {} }) },
    ...stageReadinessChecks(hooks),
    ...(options.readiness ?? []),
    { name: 'draining', check: () => ({ ok: !inFlight.draining, detail: {} }) },
  ]);
  const server = http.createServer(
    inFlight.track(
      requestRouter({
        graphql: endpoint,
        graphiql,
        health: stageHealth(hooks),
        ready,
        log,
        routes: [
          ...metricsRoutes(options.hooks),
          ...(openData?.routes ?? []),
          ...(workbench?.routes ?? []),
        ],
        credentials: workbench ? (req) => workbench.credentials(req) : undefined,
      }),
    ),
  );
  // Clients (and load balancers) keep connections open; a longer timeout than theirs avoids races on reuse.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  let port: number;
  try {
    port = await listen(server, config.port, config.host);
  } catch (err) {
    await apollo.stop();
    await workbench?.close();
    await openData?.close();
    await Promise.all(federated.clients.map((c) => c.close()));
    throw err;
  }
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const stop = async () => {
    await closeServer(server);
    await workbench?.close();
    await openData?.close();
    await apollo.stop();
    await Promise.all(federated.clients.map((c) => c.close()));
  };
  return {
    url: `http://${host}:${port}${GRAPHQL_PATH}`,
    port,
    exampleQuery: example,
    executions: () => (execution ? { ...execution.counts } : null),
    startDraining: () => inFlight.startDraining(),
    async drain() {
      inFlight.closeConnections();
      // Stops accepting (new connections are refused, which nginx retries elsewhere) but, unlike
      // server.close() (Node ≥ 19), leaves idle kept-alive connections to their client: closing
      // one here could cut a request the client is sending on it that moment. The client closes
      // them when idle (nginx after 1 s, deploy/nginx/), or after their next answer (Connection: close).
      const closed = new Promise<void>((resolve) =>
        net.Server.prototype.close.call(server, () => resolve()),
      );
      await inFlight.idle();
      await Promise.race([
        closed,
        new Promise((resolve) => setTimeout(resolve, CONNECTION_GRACE_MS).unref()),
      ]);
      // A request that came on a kept-alive connection meanwhile is answered before the close.
      await inFlight.idle();
      await stop();
    },
    stop,
  };
}

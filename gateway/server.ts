/**
 * Wires the gateway together: supergraph → Apollo gateway with our subgraph clients → the
 * staged gateway (operation hooks) → Apollo Server → HTTP routes. Nothing else lives here;
 * each piece is in its own folder.
 */
import http from 'node:http';
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
import { StagedGateway } from './execution/staged-gateway';
import { GatewayHooks, hookPipeline } from './stages/stage-hooks';
import type { Workbench } from './workbench';
import type { OpenData } from './open-data';
import type { GraphQLEndpoint } from './http/graphql-endpoint';

/** What a running gateway offers the workbench beside the platform's stages. */
export interface GatewayRuntime {
  apiSchema(): GraphQLSchema;
  supergraphSdl(): string;
  readonly graphql: GraphQLEndpoint;
}

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
}

export interface RunningGateway {
  /** The GraphQL endpoint as bound, e.g. http://127.0.0.1:4000/graphql. */
  url: string;
  port: number;
  /** A query valid against the served schema (GraphiQL's default, printed by `npm start`). */
  exampleQuery: string;
  stop(): Promise<void>;
}

export async function startGateway(options: StartGatewayOptions): Promise<RunningGateway> {
  const { config } = options;
  const log = options.log ?? ((line: string) => console.error(line));
  const hooks = hookPipeline(options.hooks);
  const supergraphSdl = options.supergraphSdl ?? readSupergraphFile(config.supergraphPath);

  const federated = createFederatedGateway(supergraphSdl, config, hooks);
  const gateway = new StagedGateway(federated.gateway, hooks);
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
  const server = http.createServer(
    requestRouter({
      graphql: endpoint,
      graphiql,
      health: stageHealth(hooks),
      log,
      routes: [...(openData?.routes ?? []), ...(workbench?.routes ?? [])],
      credentials: workbench ? (req) => workbench.credentials(req) : undefined,
    }),
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
  return {
    url: `http://${host}:${port}${GRAPHQL_PATH}`,
    port,
    exampleQuery: example,
    async stop() {
      await closeServer(server);
      await workbench?.close();
      await openData?.close();
      await apollo.stop();
      await Promise.all(federated.clients.map((c) => c.close()));
    },
  };
}

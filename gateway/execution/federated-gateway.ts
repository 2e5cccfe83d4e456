/**
 * The Apollo gateway over a static supergraph, with our subgraph clients and the settings that
 * keep it quiet on a closed network.
 */
import { ApolloGateway, ServiceEndpointDefinition } from '@apollo/gateway';
import type { GatewayConfig } from '../config';
import type { HookPipeline } from '../stages/stage-hooks';
import { SubgraphDataSource } from './subgraph-data-source';
import { LeanExecution } from './plan-execution/lean-executor';
import type { SubgraphName } from '../../contracts/subgraph-directory';

export interface FederatedGateway {
  gateway: ApolloGateway;
  /** The clients the gateway built, one per subgraph, once it has loaded. */
  clients: SubgraphDataSource[];
  /** Our executor in front of Apollo's (GATEWAY_EXECUTOR=lean); null when Apollo's runs everything. */
  execution: LeanExecution | null;
}

/**
 * ApolloGateway otherwise starts an OpenTelemetry exporter that sends usage metrics to
 * usage-reporting.api.apollographql.com and probes cloud metadata endpoints (AWS, GCP, Azure,
 * Alibaba) at start-up. A government network has no such peers, and data about who queries
 * what must not leave it: this is deliberately not configurable.
 */
export function disableApolloTelemetry(): void {
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';
}

export function createFederatedGateway(
  supergraphSdl: string,
  config: GatewayConfig,
  hooks: HookPipeline,
): FederatedGateway {
  disableApolloTelemetry();
  const clients: SubgraphDataSource[] = [];
  const gateway = new ApolloGateway({
    supergraphSdl,
    // Query plans reveal the graph's internals; never hand them to callers on request.
    __exposeQueryPlanExperimental: false,
    buildService: ({ name, url }: ServiceEndpointDefinition) => {
      const target = config.subgraphUrls[name as SubgraphName] ?? url;
      if (!target) throw new Error(`the supergraph has no URL for subgraph "${name}"`);
      const client = new SubgraphDataSource({
        name,
        url: target,
        timeoutMs: config.subgraphTimeoutMs,
        connectTimeoutMs: config.subgraphConnectTimeoutMs,
        connections: config.subgraphConnections,
        hooks,
      });
      clients.push(client);
      return client;
    },
  });
  // The clients appear as the gateway loads; after that the map stays as it is.
  let services: Record<string, SubgraphDataSource> = {};
  let mapped = 0;
  const servicesByName = () => {
    if (mapped !== clients.length) {
      services = Object.fromEntries(clients.map((c) => [c.name, c]));
      mapped = clients.length;
    }
    return services;
  };
  const execution =
    config.executor === 'lean'
      ? new LeanExecution({ supergraphSdl, services: servicesByName })
      : null;
  return { gateway, clients, execution };
}

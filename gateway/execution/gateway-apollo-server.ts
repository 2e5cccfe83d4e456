/**
 * Apollo Server in front of the gateway, with everything off that a closed government network
 * cannot use or a lean hot path does not need: usage and schema reporting (to Apollo's cloud),
 * inline traces, cache-control bookkeeping, and the default landing page (loaded from a CDN;
 * the gateway serves its own GraphiQL instead).
 */
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import type { GatewayInterface } from '@apollo/server-gateway-interface';
import type { ApolloContextValue } from '../stages/request-context';
import { gatewayErrorFormatter } from './format-error';
import { operationResolutionPlugin } from './operation-resolution';

export interface GatewayApolloOptions {
  gateway: GatewayInterface;
  introspection: boolean;
  log: (line: string) => void;
}

export function createGatewayApolloServer({
  gateway,
  introspection,
  log,
}: GatewayApolloOptions): ApolloServer<ApolloContextValue> {
  return new ApolloServer<ApolloContextValue>({
    gateway,
    introspection,
    includeStacktraceInErrorResponses: false,
    // Apollo's automatic persisted queries would let any caller store any text under its hash;
    // documents are registered, per application, in the sharing registry instead
    // (gateway/stages/resolve-persisted-documents.ts).
    persistedQueries: false,
    // "Did you mean …?" in validation errors names fields and types: a schema leak wherever
    // introspection is off, so suggestions go with it.
    hideSchemaDetailsFromClientErrors: !introspection,
    // Apollo would otherwise stop and re-raise on SIGINT/SIGTERM, killing the process before
    // its owner (gateway/index.ts, scripts/start.ts) has stopped what else it runs.
    stopOnTerminationSignals: false,
    formatError: gatewayErrorFormatter(log),
    plugins: [
      operationResolutionPlugin<ApolloContextValue>(),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginCacheControlDisabled(),
    ],
  });
}

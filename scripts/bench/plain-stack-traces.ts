/**
 * Stack traces as compiled JavaScript has them. tsx turns on source-mapped stack traces, which
 * make every `new Error().stack` cost a source-map lookup; the default ApolloGateway computes
 * one per subgraph fetch (agent-base's isSecureEndpoint), so leaving them on would handicap the
 * baseline. Both TypeScript gateways of the bench call this first, alike; Hive Gateway runs as
 * JavaScript without tsx.
 */
export function usePlainStackTraces(): void {
  process.setSourceMapsEnabled(false);
}

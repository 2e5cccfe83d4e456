/**
 * The benchmark's baseline: the gateway every Apollo Federation tutorial starts with, in its
 * own process, over the bench supergraph. Defaults everywhere on purpose (RemoteGraphQLDataSource,
 * Apollo Server plugins, standalone HTTP server): this is what "our gateway" is compared with.
 * The one exception is APOLLO_TELEMETRY_DISABLED=true, set by bench-targets.ts, because the
 * gateway would otherwise try to reach Apollo's cloud from a machine that has no route to it.
 *
 *   SUPERGRAPH_PATH=... BENCH_GATEWAY_PORT=4100 tsx scripts/bench/plain-apollo-gateway.ts
 */
import fs from 'node:fs';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { usePlainStackTraces } from './plain-stack-traces';

usePlainStackTraces();

async function main(): Promise<void> {
  const supergraphPath = process.env.SUPERGRAPH_PATH;
  const port = Number(process.env.BENCH_GATEWAY_PORT);
  if (!supergraphPath) throw new Error('SUPERGRAPH_PATH is not set');
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new Error(
      `BENCH_GATEWAY_PORT must be a port number, got "${process.env.BENCH_GATEWAY_PORT}"`,
    );

  const gateway = new ApolloGateway({ supergraphSdl: fs.readFileSync(supergraphPath, 'utf8') });
  const server = new ApolloServer({ gateway });
  const { url } = await startStandaloneServer(server, { listen: { port, host: '127.0.0.1' } });
  console.log(`[plain-apollo-gateway] serving ${url}`);
}

main().catch((err: unknown) => {
  console.error(
    `[plain-apollo-gateway] failed to start: ${err instanceof Error ? err.message : String(err)}`,
  );
  process.exit(1);
});

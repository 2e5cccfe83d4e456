/**
 * Our gateway for the benchmark's `ours` target: the server of gateway/server.ts (our subgraph
 * clients, staged gateway, HTTP layer) with its configuration from the environment and no
 * request stages, in its own process. It is what `npm start` served before authentication,
 * the sharing policy and subgraph signing were added as stages: the federation engine alone,
 * so it can be compared with the other gateways on the same answer. The platform's stages are
 * for targets of their own (see bench-targets.ts).
 *
 *   SUPERGRAPH_PATH=... GATEWAY_PORT=4100 tsx scripts/bench/our-gateway.ts
 */
import { readGatewayConfig } from '../../gateway/config';
import { startGateway } from '../../gateway/server';
import { usePlainStackTraces } from './plain-stack-traces';

usePlainStackTraces();

async function main(): Promise<void> {
  const gateway = await startGateway({ config: readGatewayConfig() });
  console.log(`[our-gateway] serving ${gateway.url} (no request stages)`);
  const stop = async () => {
    await gateway.stop();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}

main().catch((err: unknown) => {
  console.error(
    `[our-gateway] failed to start: ${err instanceof Error ? err.message : String(err)}`,
  );
  process.exit(1);
});

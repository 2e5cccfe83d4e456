/** The gateway process (`npm run gateway`): configuration, server with the platform's request stages, clean shutdown. */
// First: before anything loads @apollo/gateway (composition-fence.ts says why).
import './composition-fence';
import { publicBaseUrl, readGatewayConfig } from './config';
import { startPlatformGateway } from './platform-gateway';

async function main(): Promise<void> {
  const config = readGatewayConfig();
  const running = await startPlatformGateway(config);
  console.log(
    `[gateway] serving ${publicBaseUrl(config.host, running.gateway.port)}/graphql (GraphiQL ${config.graphiql ? 'on' : 'off'})`,
  );
  const stop = async (signal: string) => {
    console.log(`[gateway] ${signal}: stopping`);
    await running.stop();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

main().catch((err: unknown) => {
  console.error(`[gateway] failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});

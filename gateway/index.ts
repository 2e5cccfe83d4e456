/** The gateway process (`npm run gateway`): configuration, server, clean shutdown. */
import { publicBaseUrl, readGatewayConfig } from './config';
import { startGateway } from './server';

async function main(): Promise<void> {
  const config = readGatewayConfig();
  const gateway = await startGateway({ config });
  console.log(`[gateway] serving ${publicBaseUrl(config.host, gateway.port)}/graphql (GraphiQL ${config.graphiql ? 'on' : 'off'})`);
  const stop = async (signal: string) => {
    console.log(`[gateway] ${signal}: stopping`);
    await gateway.stop();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

main().catch((err: unknown) => {
  console.error(`[gateway] failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});

/** The gateway process (`npm run gateway`): configuration, server with the platform's request stages, clean shutdown. */
// First: before anything loads @apollo/gateway (composition-fence.ts says why).
import './composition-fence';
import { publicBaseUrl, readGatewayConfig } from './config';
import { startPlatformGateway } from './platform-gateway';
import { drainOnSignal } from './drain-on-signal';
import { createGatewayLogger, lineLog } from './logging';

async function main(): Promise<void> {
  const config = readGatewayConfig();
  // JSON lines on stderr, each at the level its words say (logging/line-log.ts), plus one
  // access line per request.
  const log = lineLog(createGatewayLogger({ level: config.logLevel }));
  const running = await startPlatformGateway(config, log);
  log(
    `[gateway] serving ${publicBaseUrl(config.host, running.gateway.port)}/graphql (GraphiQL ${config.graphiql ? 'on' : 'off'})`,
  );
  drainOnSignal(running, config, log);
}

main().catch((err: unknown) => {
  console.error(`[gateway] failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});

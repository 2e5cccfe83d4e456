/**
 * The gateway as the platform runs it: configuration, the committed supergraph, and the
 * standard request stages (platform-hooks.ts). Used by `npm run gateway` and `npm start`.
 */
import type { GatewayConfig } from './config';
import { readSupergraphFile } from './supergraph/read-supergraph';
import { createPlatformHooks, PlatformHooks } from './platform-hooks';
import { RunningGateway, startGateway } from './server';
import { platformWorkbench } from './workbench/platform-workbench';
import { platformOpenData } from './open-data/platform-open-data';
import { grantsReadiness } from './grants';

export interface PlatformGateway {
  readonly gateway: RunningGateway;
  readonly platform: PlatformHooks;
  /** Stops serving, then closes the platform's own subgraph connections. */
  stop(): Promise<void>;
  /**
   * Like stop(), but lets the requests in flight finish first (gateway.drain()); the audit trail
   * is flushed and shipped as it stops. Call gateway.startDraining() a while before.
   */
  drain(): Promise<void>;
}

export async function startPlatformGateway(
  config: GatewayConfig,
  log: (line: string) => void = (line) => console.error(line),
): Promise<PlatformGateway> {
  const supergraphSdl = readSupergraphFile(config.supergraphPath);
  const platform = await createPlatformHooks({ config, supergraphSdl, log });
  let gateway: RunningGateway;
  try {
    gateway = await startGateway({
      config,
      supergraphSdl,
      hooks: platform.hooks,
      log,
      workbench: platformWorkbench(platform, config, log),
      openData: platformOpenData(platform, config, log),
      readiness: [grantsReadiness(platform.grants)],
    });
  } catch (err) {
    await platform.close();
    throw err;
  }
  return {
    gateway,
    platform,
    async stop() {
      await gateway.stop();
      await platform.close();
    },
    async drain() {
      await gateway.drain();
      await platform.close();
    },
  };
}

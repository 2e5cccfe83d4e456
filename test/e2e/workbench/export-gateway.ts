/**
 * One more gateway over a test platform's subgraphs, with the platform's keys and stages and an
 * audit trail of its own (shipping to the platform's audit database), whose workbench APIs are
 * built with options the platform's own gateway does not take (a small export row bound).
 */
import { readGatewayConfig } from '../../../gateway/config';
import { createPlatformHooks, PlatformHooks } from '../../../gateway/platform-hooks';
import { startGateway } from '../../../gateway/server';
import { workbenchApiRoutes, WorkbenchApiOptions } from '../../../gateway/workbench/api';
import { platformWorkbenchDeps } from '../../../gateway/workbench/platform-workbench';
import type { Platform } from '../../utils/platform';

export interface ExportGateway {
  readonly origin: string;
  readonly hooks: PlatformHooks;
  stop(): Promise<void>;
}

export async function startExportGateway(
  platform: Platform,
  options: WorkbenchApiOptions,
): Promise<ExportGateway> {
  const security = platform.security!;
  const config = { ...readGatewayConfig({}), host: '127.0.0.1', port: 0 };
  const log = () => {};
  const hooks = await createPlatformHooks({
    config,
    supergraphSdl: platform.supergraphSdl,
    secret: security.secret,
    tokenSettings: security.tokenSettings,
    tokenKeys: security.tokenKeys,
    audit: platform.audit!.nextConfig(),
    log,
  });
  const gateway = await startGateway({
    config,
    supergraphSdl: platform.supergraphSdl,
    hooks: hooks.hooks,
    log,
    workbench: (runtime) => ({
      routes: workbenchApiRoutes(platformWorkbenchDeps(hooks, config, runtime, log), options),
      credentials: async () => {},
      close: async () => {},
    }),
  });
  return {
    origin: new URL(gateway.url).origin,
    hooks,
    async stop() {
      await gateway.stop();
      await hooks.close();
    },
  };
}

/** The workbench of a platform gateway: its dependencies taken from the platform's stages. */
import type { GatewayConfig } from '../config';
import type { PlatformHooks } from '../platform-hooks';
import type { GatewayRuntime } from '../server';
import { createWorkbench, Workbench } from '.';

export function platformWorkbench(
  platform: PlatformHooks,
  config: GatewayConfig,
  log: (line: string) => void,
): (runtime: GatewayRuntime) => Workbench {
  return (runtime) =>
    createWorkbench({
      config,
      tokens: {
        signing: platform.tokenKeys.signing,
        verification: platform.tokenKeys.verification,
        issuer: platform.tokenSettings.issuer,
        audience: platform.tokenSettings.audience,
      },
      secret: platform.secret,
      callerOf: (req) =>
        platform.authentication.callerOf({
          method: req.method ?? 'GET',
          url: req.url ?? '/',
          headers: req.headers,
        }),
      policy: () => platform.policy.engine,
      grantsFor: async (department) => platform.grants.snapshotFor(department),
      apiSchema: runtime.apiSchema,
      supergraphSdl: runtime.supergraphSdl,
      registry: platform.registry,
      client: platform.client,
      graphql: runtime.graphql,
      log,
    });
}

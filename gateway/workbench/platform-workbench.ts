/** The workbench of a platform gateway: its dependencies taken from the platform's stages. */
import type { GatewayConfig } from '../config';
import type { PlatformHooks } from '../platform-hooks';
import type { GatewayRuntime } from '../server';
import { createWorkbench, Workbench, WorkbenchDeps } from '.';
import { createGatewayContext } from '../stages/request-context';
import type http from 'node:http';

const NO_BODY = Buffer.alloc(0);

/**
 * One workbench call under the rate-limit stage, as if it were a GraphQL request of the same
 * caller: a token from each bucket and a concurrency slot, given back when the call ends.
 */
async function rateLimited<T>(
  platform: PlatformHooks,
  req: http.IncomingMessage,
  work: () => Promise<T>,
): Promise<T> {
  const stage = platform.rateLimits;
  if (!stage?.onRequest) return work();
  const context = createGatewayContext(req);
  context.caller = await platform.authentication.callerOf({
    method: req.method ?? 'GET',
    url: req.url ?? '/',
    headers: req.headers,
  });
  await stage.onRequest({ context, rawBody: NO_BODY });
  try {
    return await work();
  } finally {
    await stage.onResponse?.({ context, status: 200, body: '', refusal: null, rawBody: NO_BODY });
  }
}

/** The workbench's dependencies, taken from a platform gateway's stages and its runtime. */
export function platformWorkbenchDeps(
  platform: PlatformHooks,
  config: GatewayConfig,
  runtime: GatewayRuntime,
  log: (line: string) => void,
): WorkbenchDeps {
  return {
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
    rateLimited: (req, work) => rateLimited(platform, req, work),
    policy: () => platform.policy.engine,
    grantsFor: async (department) => platform.grants.snapshotFor(department),
    apiSchema: runtime.apiSchema,
    supergraphSdl: runtime.supergraphSdl,
    registry: platform.registry,
    client: platform.client,
    graphql: runtime.graphql,
    log,
  };
}

export function platformWorkbench(
  platform: PlatformHooks,
  config: GatewayConfig,
  log: (line: string) => void,
): (runtime: GatewayRuntime) => Workbench {
  return (runtime) => createWorkbench(platformWorkbenchDeps(platform, config, runtime, log));
}

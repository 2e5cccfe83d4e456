/** Open data on a platform gateway: its dependencies taken from the platform's stages and its runtime. */
import type { GatewayConfig } from '../config';
import { OPEN_DATA_DEPARTMENT } from '../config/open-data';
import type { PlatformHooks } from '../platform-hooks';
import type { GatewayRuntime } from '../server';
import { createOpenData, OpenData } from '.';
import { openCaller } from './open-caller';

/** Undefined when OPEN_DATA is off: nothing under /open is served. */
export function platformOpenData(
  platform: PlatformHooks,
  config: GatewayConfig,
  log: (line: string) => void,
): ((runtime: GatewayRuntime) => OpenData) | undefined {
  if (!config.openData?.enabled) return undefined;
  const signing = platform.tokenKeys.signing;
  return (runtime) =>
    createOpenData({
      settings: config.openData,
      redis: config.redisUrl
        ? {
            url: config.redisUrl,
            namespace: config.rateLimitRedisNamespace ?? config.grantsRedisNamespace,
          }
        : null,
      maxBodyBytes: config.maxBodyBytes,
      operationLimits: config.operationLimits,
      apiSchema: runtime.apiSchema,
      supergraphSdl: runtime.supergraphSdl,
      caller: signing
        ? openCaller(
            signing,
            {
              issuer: platform.tokenSettings.issuer,
              audience: platform.tokenSettings.audience,
            },
            { department: OPEN_DATA_DEPARTMENT, application: config.openData.application },
          )
        : null,
      graphql: runtime.graphql,
      log,
    });
}

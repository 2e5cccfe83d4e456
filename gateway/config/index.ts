/**
 * The gateway's settings, read and validated once at start into one frozen, typed object,
 * composed of its concerns' parts (one file each here; tokens and the signing secret beside
 * their concerns). A variable under one of our prefixes that no process reads
 * (contracts/settings/platform-variables.ts) or an invalid value stops start-up with a message
 * naming the variable, all problems at once, rather than being ignored or surfacing later as a
 * confusing failure. Nothing else in the gateway reads the environment.
 */
import { rejectUnknownSettings } from '../../contracts/settings/platform-variables';
import { composeSettings, SettingsEnv } from '../../contracts/settings/setting-values';
import { readSigningSettings, SigningSettings } from '../../contracts/signing/signing-secret';
import { readTokenSettings, TokenSettings } from '../auth/token-settings';
import { AuditSettings, readAuditSettings } from './audit';
import { DrainSettings, readDrainSettings } from './drain';
import { GrantsSettings, readGrantsSettings } from './grants';
import { LimitSettings, readLimitSettings } from './limits';
import { LoggingSettings, readLoggingSettings } from './logging';
import { MetricsSettings, readMetricsSettings } from './metrics';
import { OpenDataSettings, readOpenDataSettings } from './open-data';
import { PolicySettings, readPolicySettings } from './policy';
import { QuotaSettings, readQuotaSettings } from './quotas';
import { RateLimitSettings, readRateLimitSettings } from './rate-limits';
import { readRegistrySettings, RegistrySettings } from './registry';
import { readServerSettings, ServerSettings } from './server';
import { readSubgraphFetchSettings, SubgraphFetchSettings } from './subgraph-fetches';
import { GatewayTracingSettings, readTracingSettings } from './tracing';
import { readWorkbenchSettings, WorkbenchSettings } from './workbench';

export interface GatewayConfig
  extends
    ServerSettings,
    DrainSettings,
    SubgraphFetchSettings,
    RegistrySettings,
    GrantsSettings,
    PolicySettings,
    AuditSettings,
    LimitSettings,
    RateLimitSettings,
    QuotaSettings,
    MetricsSettings,
    LoggingSettings,
    GatewayTracingSettings {
  /** Who signs and accepts tokens, and where their keys come from (`JWT_*`, gateway/auth/token-settings.ts). */
  readonly tokens: TokenSettings;
  /** Where the secret that signs subgraph fetches comes from (`SUBGRAPH_SIGNING_SECRET`). */
  readonly signing: SigningSettings;
  /** How analysts sign in to the workbench (`WORKBENCH_*`, ./workbench.ts). */
  readonly workbench: WorkbenchSettings;
  /** The open-data endpoint for anonymous callers (`OPEN_DATA_*`, ./open-data.ts). */
  readonly openData: OpenDataSettings;
}

export function readGatewayConfig(env: SettingsEnv = process.env): GatewayConfig {
  return composeSettings((part) => {
    part(() => rejectUnknownSettings(env));
    return Object.freeze({
      ...part(() => readServerSettings(env)),
      ...part(() => readDrainSettings(env)),
      ...part(() => readSubgraphFetchSettings(env)),
      ...part(() => readRegistrySettings(env)),
      ...part(() => readGrantsSettings(env)),
      ...part(() => readPolicySettings(env)),
      ...part(() => readAuditSettings(env)),
      ...part(() => readLimitSettings(env)),
      ...part(() => readRateLimitSettings(env)),
      ...part(() => readQuotaSettings(env)),
      ...part(() => readMetricsSettings(env)),
      ...part(() => readLoggingSettings(env)),
      ...part(() => readTracingSettings(env)),
      tokens: part(() => readTokenSettings(env)),
      signing: part(() => readSigningSettings(env)),
      workbench: part(() => readWorkbenchSettings(env)),
      ...part(() => readOpenDataSettings(env)),
    });
  });
}

export { DEFAULT_GATEWAY_PORT, publicBaseUrl } from './server';
export { readAuditConfig } from './audit';
export type { AuditConfig } from './audit';
export type { OidcSettings, WorkbenchSettings } from './workbench';
export type { OpenDataSettings } from './open-data';

/** How the gateway leaves a fleet on SIGTERM (gateway/index.ts): out of rotation first, then stop. */
import { integerSetting, SettingsEnv } from '../../contracts/settings/setting-values';

export interface DrainSettings {
  /**
   * From SIGTERM (readiness turns 503) to closing the listener (`GATEWAY_DRAIN_DELAY_MS`); the
   * gateway serves as before meanwhile. Long enough for a load balancer that probes GET
   * /health/ready (every second, say) to notice and stop sending here, so that hardly any
   * connection is still arriving when the listener closes. nginx open source does not probe: for
   * it, a connection refused after the close is retried on another gateway (deploy/nginx/).
   * @default 2000
   */
  readonly drainDelayMs: number;
  /**
   * Bound on the whole drain: delay, requests in flight, flushing and shipping the audit journal
   * (`GATEWAY_DRAIN_TIMEOUT_MS`). Past it the process exits 1, saying so; whatever the journal
   * holds unshipped is shipped by the next start on the same journal. @default 30000
   */
  readonly drainTimeoutMs: number;
}

export const DEFAULT_DRAIN_DELAY_MS = 2000;
export const DEFAULT_DRAIN_TIMEOUT_MS = 30_000;

export function readDrainSettings(env: SettingsEnv): DrainSettings {
  const drainDelayMs = integerSetting(
    env,
    'GATEWAY_DRAIN_DELAY_MS',
    DEFAULT_DRAIN_DELAY_MS,
    0,
    600_000,
    'milliseconds',
  );
  const drainTimeoutMs = integerSetting(
    env,
    'GATEWAY_DRAIN_TIMEOUT_MS',
    DEFAULT_DRAIN_TIMEOUT_MS,
    1000,
    3_600_000,
    'milliseconds',
  );
  if (drainTimeoutMs <= drainDelayMs)
    throw new Error(
      `GATEWAY_DRAIN_TIMEOUT_MS (${drainTimeoutMs}) must be longer than GATEWAY_DRAIN_DELAY_MS (${drainDelayMs})`,
    );
  return Object.freeze({ drainDelayMs, drainTimeoutMs });
}

/** Who may read GET /metrics beside loopback callers (gateway/metrics/metrics-access.ts). */
import type { SettingsEnv } from '../../contracts/settings/setting-values';

export interface MetricsSettings {
  /**
   * A bearer token that lets a non-loopback scraper read GET /metrics (`METRICS_TOKEN`), at
   * least 16 characters so it cannot be guessed. @default null: loopback callers only
   */
  readonly metricsToken: string | null;
}

const MIN_TOKEN_LENGTH = 16;

export function readMetricsSettings(env: SettingsEnv): MetricsSettings {
  const value = env.METRICS_TOKEN;
  if (value === undefined || value === '') return Object.freeze({ metricsToken: null });
  if (value.length < MIN_TOKEN_LENGTH || /\s/.test(value))
    throw new Error(
      `METRICS_TOKEN must be at least ${MIN_TOKEN_LENGTH} characters without spaces, got ${value.length} characters`,
    );
  return Object.freeze({ metricsToken: value });
}

/**
 * Traces (OpenTelemetry, gateway/tracing/): exported as OTLP over HTTP to
 * `OTEL_EXPORTER_OTLP_ENDPOINT` when it is set; off otherwise, with no provider and no span.
 * The same variable the subgraphs read (contracts/tracing/trace-context.ts).
 */
import {
  readTracingSettings as readShared,
  TracingSettings,
} from '../../contracts/tracing/trace-context';
import type { SettingsEnv } from '../../contracts/settings/setting-values';

export interface GatewayTracingSettings {
  /** Where the gateway's spans go (`OTEL_EXPORTER_OTLP_ENDPOINT`). @default { otlpEndpoint: null }: off */
  readonly tracing: TracingSettings;
}

export function readTracingSettings(env: SettingsEnv): GatewayTracingSettings {
  return { tracing: readShared(env) };
}

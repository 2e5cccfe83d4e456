/**
 * What the gateway and the subgraphs agree on to join one trace: the W3C Trace Context header
 * (https://www.w3.org/TR/trace-context/), `traceparent`, on every subgraph fetch of a traced
 * request, and where spans are exported (`OTEL_EXPORTER_OTLP_ENDPOINT`, the OpenTelemetry name).
 *
 * `traceparent` is not covered by the gateway's HMAC signature (contracts/signing/): it decides
 * nothing but which trace a subgraph's span joins, so a forged one misfiles a span, never data.
 */
import {
  Context,
  defaultTextMapGetter,
  defaultTextMapSetter,
  ROOT_CONTEXT,
} from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import type { SettingsEnv } from '../settings/setting-values';

export const TRACEPARENT_HEADER = 'traceparent';

const propagator = new W3CTraceContextPropagator();

/** Writes `traceparent` (and `tracestate`, if any) for the span active in `context` into `headers`. */
export function injectTraceContext(context: Context, headers: Record<string, string>): void {
  propagator.inject(context, headers, defaultTextMapSetter);
}

/** The remote parent an incoming request names; ROOT_CONTEXT when it names none or a malformed one. */
export function extractTraceContext(
  headers: Readonly<Record<string, string | string[] | undefined>>,
): Context {
  return propagator.extract(ROOT_CONTEXT, headers, defaultTextMapGetter);
}

export interface TracingSettings {
  /**
   * Where spans go, as OTLP over HTTP (`OTEL_EXPORTER_OTLP_ENDPOINT`, e.g. http://collector:4318;
   * spans are posted to its /v1/traces). Unset: tracing is off, no provider, no cost.
   * @default null
   */
  readonly otlpEndpoint: string | null;
}

export const OTLP_ENDPOINT_VARIABLE = 'OTEL_EXPORTER_OTLP_ENDPOINT';

export function readTracingSettings(env: SettingsEnv): TracingSettings {
  const value = env[OTLP_ENDPOINT_VARIABLE];
  if (!value) return { otlpEndpoint: null };
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(
      `${OTLP_ENDPOINT_VARIABLE} is not a URL: "${value}" (expected e.g. http://127.0.0.1:4318)`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new Error(`${OTLP_ENDPOINT_VARIABLE} must be an http:// or https:// URL, got "${value}"`);
  return { otlpEndpoint: value.replace(/\/+$/, '') };
}

/**
 * The gateway's traces (issue 12): its tracer (contracts/tracing/service-tracing.ts) and the
 * request stage that makes its spans (stages/trace-request.ts).
 */
import {
  createServiceTracing,
  ServiceTracing,
  TracingOptions,
} from '../../contracts/tracing/service-tracing';

export type { ServiceTracing, TracingOptions } from '../../contracts/tracing/service-tracing';

export const GATEWAY_SERVICE_NAME = 'shujutong-gateway';

/** The gateway's tracer; null (no span, no cost) without an endpoint or exporter. */
export function createGatewayTracing(
  options: TracingOptions | null | undefined,
): ServiceTracing | null {
  return createServiceTracing(GATEWAY_SERVICE_NAME, options);
}

/**
 * One service's tracer (the gateway's, or one subgraph's): an OpenTelemetry BasicTracerProvider
 * with its own AsyncLocalStorage context manager, exporting OTLP over HTTP when an endpoint is
 * set, or to the exporter a test gives. Neither: null, and the service makes no span at all.
 *
 * Nothing is registered globally (no `trace.setGlobalTracerProvider`): the tests run the gateway
 * and several subgraphs in one process, and each must keep its own service name and exporter.
 * Spans are parented explicitly through the contexts the service keeps.
 */
import { Context, ROOT_CONTEXT, Span, trace, Tracer } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { Resource } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  SimpleSpanProcessor,
  SpanExporter,
} from '@opentelemetry/sdk-trace-base';
import type { TracingSettings } from './trace-context';

export interface TracingOptions extends Partial<TracingSettings> {
  /**
   * Spans go here, one by one as they end (tests: InMemorySpanExporter); wins over
   * `otlpEndpoint`. @default none
   */
  readonly exporter?: SpanExporter;
}

export interface ServiceTracing {
  readonly tracer: Tracer;
  /** The context manager the service's handlers run in, so code below them sees their span. */
  readonly contexts: AsyncLocalStorageContextManager;
  /** Exports what is left and stops; the service calls it when it stops. */
  shutdown(): Promise<void>;
}

export function createServiceTracing(
  serviceName: string,
  options: TracingOptions | null | undefined,
): ServiceTracing | null {
  if (!options) return null;
  const processor = options.exporter
    ? new SimpleSpanProcessor(options.exporter)
    : options.otlpEndpoint
      ? // Batched: a request never waits on the collector.
        new BatchSpanProcessor(new OTLPTraceExporter({ url: `${options.otlpEndpoint}/v1/traces` }))
      : null;
  if (!processor) return null;
  const provider = new BasicTracerProvider({
    resource: new Resource({ 'service.name': serviceName }),
    spanProcessors: [processor],
  });
  const contexts = new AsyncLocalStorageContextManager().enable();
  return {
    tracer: provider.getTracer('shujutong'),
    contexts,
    async shutdown() {
      contexts.disable();
      await provider.shutdown();
    },
  };
}

/** The context whose active span is `span`, for parenting a child or injecting `traceparent`. */
export function contextOf(span: Span, parent: Context = ROOT_CONTEXT): Context {
  return trace.setSpan(parent, span);
}

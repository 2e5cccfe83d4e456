/**
 * A subgraph's server span joins the trace its `traceparent` names, as the child of the
 * gateway's fetch span; without tracing the handler just runs. The setting is read from
 * OTEL_EXPORTER_OTLP_ENDPOINT, and is absent (off) when unset.
 */
import type http from 'node:http';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { trace } from '@opentelemetry/api';
import { createServiceTracing } from '../../../contracts/tracing/service-tracing';
import { inServerSpan } from '../subgraph-tracing';
import { readSubgraphConfig } from '../subgraph-config';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT = '00f067aa0ba902b7';

function exchange(headers: http.IncomingHttpHeaders, statusCode = 200) {
  return {
    req: { method: 'POST', headers } as http.IncomingMessage,
    res: { statusCode } as http.ServerResponse,
  };
}

describe('the subgraph server span', () => {
  it('is the child of the span the traceparent names, and active while the request is handled', async () => {
    const exporter = new InMemorySpanExporter();
    const tracing = createServiceTracing('shujutong-population', { exporter })!;
    const { req, res } = exchange({ traceparent: `00-${TRACE}-${PARENT}-01` });
    const active = await inServerSpan(tracing, 'population', req, res, async () =>
      trace.getSpan(tracing.contexts.active())?.spanContext(),
    );
    const [span] = exporter.getFinishedSpans();
    expect(span.spanContext().traceId).toBe(TRACE);
    expect(span.parentSpanId).toBe(PARENT);
    expect(active?.spanId).toBe(span.spanContext().spanId);
    expect(span.attributes).toEqual({
      'shujutong.subgraph': 'population',
      'http.request.method': 'POST',
      'http.response.status_code': 200,
    });
    await tracing.shutdown();
  });

  it('starts its own trace without a traceparent, marks a refusal, and is skipped without tracing', async () => {
    const exporter = new InMemorySpanExporter();
    const tracing = createServiceTracing('shujutong-credit', { exporter })!;
    const { req, res } = exchange({});
    await expect(
      inServerSpan(tracing, 'credit', req, res, async () => {
        throw new Error('bad signature');
      }),
    ).rejects.toThrow('bad signature');
    const [span] = exporter.getFinishedSpans();
    expect(span.parentSpanId).toBeUndefined();
    expect(span.status.code).toBe(2);
    expect(await inServerSpan(null, 'credit', req, res, async () => 'ran')).toBe('ran');
    await tracing.shutdown();
  });

  it('reads OTEL_EXPORTER_OTLP_ENDPOINT, and leaves tracing out when it is unset', () => {
    expect(readSubgraphConfig('credit', {}).tracing).toBeUndefined();
    expect(
      readSubgraphConfig('credit', { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })
        .tracing,
    ).toEqual({ otlpEndpoint: 'http://collector:4318' });
    expect(() => readSubgraphConfig('credit', { OTEL_EXPORTER_OTLP_ENDPOINT: 'nope' })).toThrow(
      /OTEL_EXPORTER_OTLP_ENDPOINT/,
    );
  });
});

/**
 * A service's tracer exports OTLP over HTTP to the configured endpoint's /v1/traces, and there is
 * none at all without an endpoint or exporter (tracing off costs nothing).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServiceTracing } from '../service-tracing';
import { extractTraceContext, injectTraceContext } from '../trace-context';
import { contextOf } from '../service-tracing';
import { trace } from '@opentelemetry/api';

describe('a service tracer', () => {
  it('is null without an endpoint or exporter', () => {
    expect(createServiceTracing('svc', null)).toBeNull();
    expect(createServiceTracing('svc', { otlpEndpoint: null })).toBeNull();
  });

  it('posts its spans as OTLP/HTTP to <endpoint>/v1/traces, under its service name', async () => {
    const received: { path: string; body: string }[] = [];
    const collector = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        received.push({ path: req.url ?? '', body });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
    const { port } = collector.address() as AddressInfo;
    try {
      const tracing = createServiceTracing('shujutong-test', {
        otlpEndpoint: `http://127.0.0.1:${port}`,
      })!;
      tracing.tracer.startSpan('work').end();
      await tracing.shutdown();
      expect(received.map((r) => r.path)).toEqual(['/v1/traces']);
      expect(received[0].body).toContain('shujutong-test');
      expect(received[0].body).toContain('work');
    } finally {
      await new Promise((resolve) => collector.close(resolve));
    }
  });
});

describe('the W3C trace context header', () => {
  it('carries a span to the other side, and a malformed header names no parent', () => {
    const tracing = createServiceTracing('svc', {
      exporter: { export: (_s, done) => done({ code: 0 }), shutdown: async () => undefined },
    })!;
    const span = tracing.tracer.startSpan('fetch');
    const headers: Record<string, string> = {};
    injectTraceContext(contextOf(span), headers);
    expect(headers.traceparent).toBe(
      `00-${span.spanContext().traceId}-${span.spanContext().spanId}-01`,
    );
    const remote = trace.getSpanContext(extractTraceContext(headers));
    expect(remote).toMatchObject({
      traceId: span.spanContext().traceId,
      spanId: span.spanContext().spanId,
      isRemote: true,
    });
    for (const bad of ['00-zz-yy-01', `00-${'0'.repeat(32)}-${'1'.repeat(16)}-01`])
      expect(trace.getSpanContext(extractTraceContext({ traceparent: bad }))).toBeUndefined();
    span.end();
  });
});

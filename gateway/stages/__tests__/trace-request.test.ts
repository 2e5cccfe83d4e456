/**
 * The request's spans, driven hook by hook without a server: their nesting, the `traceparent`
 * each subgraph fetch carries, the trace id the audit record takes, and attributes that count
 * rather than name (no variable, identifier or token reaches a span).
 */
import { parse, buildSchema } from 'graphql';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import type { GatewayContext } from '../request-context';
import type { GatewayHooks, OperationStage } from '../stage-hooks';
import { createTraceRequestStage, inAuditSpan, traceIdOf } from '../trace-request';
import { createGatewayTracing } from '../../tracing';
import { readTracingSettings } from '../../config/tracing';

const ID = '320602199001011234';

function context(): GatewayContext {
  return {
    requestId: 'r1',
    receivedAt: 0,
    http: {
      method: 'GET',
      url: `/graphql?query=x&variables={"id":"${ID}"}`,
      headers: {
        authorization: 'Bearer secret-token',
        traceparent: `00-${'a'.repeat(32)}-${'b'.repeat(16)}-01`,
      },
      remoteAddress: '10.0.0.9',
    },
    caller: null,
  };
}

async function run(hooks: GatewayHooks[], point: keyof GatewayHooks, input: unknown) {
  for (const h of hooks) await (h[point] as ((i: unknown) => unknown) | undefined)?.(input);
}

describe('the trace-request stage', () => {
  it('nests policy, execution, fetches and audit under the request, and the record takes its trace id', async () => {
    const exporter = new InMemorySpanExporter();
    const tracing = createGatewayTracing({ exporter })!;
    const { open, close } = createTraceRequestStage(tracing);
    const hooks = [open, close];
    const ctx = context();
    await run(hooks, 'onRequest', { context: ctx, rawBody: Buffer.alloc(0) });
    const traceId = traceIdOf(ctx);
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);
    // The gateway chooses the trace id, whatever the caller sent.
    expect(traceId).not.toBe('a'.repeat(32));

    const operation: OperationStage = {
      context: ctx,
      schema: buildSchema('type Query { a: Int }'),
      document: parse('{ a }'),
      operationName: 'Look',
      variables: { id: ID },
      errors: [],
    };
    await run(hooks, 'onOperation', operation);
    const headers: Record<string, string> = {};
    await run(hooks, 'onSubgraphRequest', {
      subgraph: 'population',
      url: 'http://127.0.0.1:1/graphql',
      body: JSON.stringify({ variables: { id: ID } }),
      headers,
      context: ctx,
    });
    expect(headers.traceparent).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));
    await run(hooks, 'onSubgraphResponse', {
      subgraph: 'population',
      context: ctx,
      headers,
      durationMs: 3,
      status: 200,
      failure: null,
    });
    await run(hooks, 'onResult', {
      context: ctx,
      result: { data: {} },
      operationName: 'Look',
      variables: {},
    });
    await inAuditSpan(
      ctx,
      {
        requestId: 'r1',
        time: 0,
        caller: {},
        outcome: 'ok',
        httpStatus: 200,
        latencyMs: 1,
        responseBytes: 2,
        purpose: 'TAX_ADMINISTRATION',
        fields: { served: ['Person.name', 'Query.person'], masked: ['Person.name'] },
        subjects: [{ kind: 'person', id: ID }],
      },
      async () => undefined,
    );
    await run(hooks, 'onResponse', {
      context: ctx,
      status: 200,
      body: '{}',
      refusal: null,
      rawBody: null,
    });

    const spans = exporter.getFinishedSpans();
    const named = (name: string) => spans.find((s) => s.name === name)!;
    const request = named('graphql request');
    expect(request.spanContext().traceId).toBe(traceId);
    expect(request.parentSpanId).toBeUndefined();
    for (const name of [
      'sharing policy',
      'plan and execute',
      'sharing policy (result)',
      'audit append',
    ])
      expect(named(name).parentSpanId).toBe(request.spanContext().spanId);
    const fetch = named('subgraph population');
    expect(fetch.parentSpanId).toBe(named('plan and execute').spanContext().spanId);
    expect(headers.traceparent).toContain(fetch.spanContext().spanId);
    expect(request.attributes).toMatchObject({
      'url.path': '/graphql',
      'graphql.operation.name': 'Look',
      'shujutong.purpose': 'TAX_ADMINISTRATION',
      'shujutong.fields.served': 2,
      'shujutong.fields.masked': 1,
      'shujutong.subjects': 1,
      'shujutong.outcome': 'ok',
      'http.response.status_code': 200,
    });
    const serialised = JSON.stringify(spans.map((s) => [s.name, s.attributes, s.events, s.status]));
    for (const secret of [ID, 'secret-token', '10.0.0.9']) expect(serialised).not.toContain(secret);
    await close.stop!();
  });

  it('marks a failed fetch and leaves untraced requests alone', async () => {
    const exporter = new InMemorySpanExporter();
    const { open, close } = createTraceRequestStage(createGatewayTracing({ exporter })!);
    const ctx = context();
    await open.onRequest!({ context: ctx, rawBody: Buffer.alloc(0) });
    const headers: Record<string, string> = {};
    const fetch = { subgraph: 'credit', url: 'u', body: '{}', headers, context: ctx };
    await open.onSubgraphRequest!(fetch);
    await open.onSubgraphResponse!({
      ...fetch,
      durationMs: 5000,
      status: null,
      failure: 'TIMEOUT',
    });
    const span = exporter.getFinishedSpans().find((s) => s.name === 'subgraph credit')!;
    expect(span.status).toEqual({ code: 2, message: 'TIMEOUT' });
    expect(span.attributes['shujutong.failure']).toBe('TIMEOUT');

    // A fetch of the gateway's own (no request) and a request the stage never saw: no span, no header.
    const own: Record<string, string> = {};
    await open.onSubgraphRequest!({ ...fetch, headers: own, context: null });
    expect(own).toEqual({});
    expect(traceIdOf(context())).toBeNull();
    await close.stop!();
  });
});

describe('tracing settings', () => {
  it('is off without OTEL_EXPORTER_OTLP_ENDPOINT, and then makes no tracer', () => {
    expect(readTracingSettings({})).toEqual({ tracing: { otlpEndpoint: null } });
    expect(createGatewayTracing(readTracingSettings({}).tracing)).toBeNull();
    expect(createGatewayTracing(null)).toBeNull();
  });

  it('takes an http(s) endpoint and refuses anything else, naming the variable', () => {
    expect(
      readTracingSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318/' }).tracing,
    ).toEqual({ otlpEndpoint: 'http://127.0.0.1:4318' });
    for (const bad of ['collector:4318', 'ftp://collector'])
      expect(() => readTracingSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: bad })).toThrow(
        /OTEL_EXPORTER_OTLP_ENDPOINT/,
      );
  });
});

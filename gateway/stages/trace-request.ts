/**
 * Traces each GraphQL request (OpenTelemetry, gateway/tracing/): a span for the request, with
 * children for the sharing policy's operation work, for planning and execution, for each
 * subgraph fetch (whose `traceparent` makes the subgraph's span its child) and for the audit
 * append (record-audit.ts asks `inAuditSpan`). The request's trace id goes into its audit
 * record (`traceIdOf`), so evidence leads to its trace.
 *
 * Two hooks, because a span must open before the stages it measures and close after them:
 * `open` runs first of all stages, `close` last (stage-order.ts). Attributes say how much and
 * how it ended (purpose, counts, outcome, subgraph), never whose data: no identifier, variable,
 * token or caller address goes into a span, which leaves the platform for the collector.
 *
 * The trace starts at the gateway whatever `traceparent` a caller sends: the id a record
 * carries is one the gateway chose.
 */
import { Context, Span, SpanKind, SpanStatusCode, Tracer } from '@opentelemetry/api';
import { contextOf, ServiceTracing } from '../../contracts/tracing/service-tracing';
import { injectTraceContext } from '../../contracts/tracing/trace-context';
import type { AuditEntry } from '../../contracts/audit/audit-record';
import type { GatewayHooks } from './stage-hooks';
import { GatewayContext, stageState } from './request-context';

interface RequestSpans {
  readonly tracer: Tracer;
  readonly request: Span;
  readonly context: Context;
  policy?: Span;
  execution?: Span;
  resultPolicy?: Span;
}

const spans = stageState<RequestSpans>();
/** A fetch's span, found again by the headers object both of its hooks see. */
const fetches = new WeakMap<object, Span>();

export interface TraceRequestStage {
  /** First of all stages: opens the request's span and those of its steps. */
  readonly open: GatewayHooks;
  /** Last of all stages: closes what `open` opened. */
  readonly close: GatewayHooks;
}

export function createTraceRequestStage(tracing: ServiceTracing): TraceRequestStage {
  const { tracer } = tracing;
  const child = (s: RequestSpans, name: string, kind = SpanKind.INTERNAL): Span =>
    tracer.startSpan(name, { kind }, s.context);
  const end = (span: Span | undefined): void => {
    if (span?.isRecording()) span.end();
  };

  const open: GatewayHooks = {
    name: 'trace-request',
    onRequest({ context }) {
      const request = tracer.startSpan('graphql request', {
        kind: SpanKind.SERVER,
        attributes: {
          'http.request.method': context.http.method,
          // The path only: a GET request's query string may hold variables.
          'url.path': context.http.url.split('?')[0],
          ...(context.delivery ? { 'shujutong.delivery': context.delivery } : {}),
        },
      });
      spans.set(context, { tracer, request, context: contextOf(request) });
    },
    onOperation({ context, operationName }) {
      const s = spans.get(context);
      if (!s) return;
      if (operationName) s.request.setAttribute('graphql.operation.name', operationName);
      s.policy = child(s, 'sharing policy');
    },
    onSubgraphRequest({ subgraph, headers, context }) {
      const s = context ? spans.get(context) : undefined;
      if (!s) return;
      const parent = s.execution ? contextOf(s.execution) : s.context;
      const span = tracer.startSpan(
        `subgraph ${subgraph}`,
        { kind: SpanKind.CLIENT, attributes: { 'shujutong.subgraph': subgraph } },
        parent,
      );
      fetches.set(headers, span);
      injectTraceContext(contextOf(span), headers);
    },
    onSubgraphResponse({ headers, status, failure }) {
      const span = fetches.get(headers);
      if (!span) return;
      fetches.delete(headers);
      if (status !== null) span.setAttribute('http.response.status_code', status);
      if (failure) {
        span.setAttribute('shujutong.failure', failure);
        span.setStatus({ code: SpanStatusCode.ERROR, message: failure });
      }
      span.end();
    },
    onResult({ context }) {
      const s = spans.get(context);
      if (!s) return;
      end(s.execution);
      s.resultPolicy = child(s, 'sharing policy (result)');
    },
  };

  const close: GatewayHooks = {
    name: 'trace-request-close',
    onOperation({ context, errors }) {
      const s = spans.get(context);
      if (!s) return;
      s.policy?.setAttribute('shujutong.fields.withheld', errors.length);
      end(s.policy);
      s.execution = child(s, 'plan and execute');
    },
    onResult({ context }) {
      const s = spans.get(context);
      if (s) end(s.resultPolicy);
    },
    onResponse({ context, status }) {
      const s = spans.get(context);
      if (!s) return;
      end(s.policy);
      end(s.execution);
      end(s.resultPolicy);
      s.request.setAttribute('http.response.status_code', status);
      if (status >= 500) s.request.setStatus({ code: SpanStatusCode.ERROR });
      end(s.request);
    },
    async stop() {
      await tracing.shutdown();
    },
  };
  return { open, close };
}

/** The W3C trace id of the request's trace; null when the request is not traced. */
export function traceIdOf(context: GatewayContext): string | null {
  return spans.get(context)?.request.spanContext().traceId ?? null;
}

/** What an audit record says of its request, as span attributes: counts and outcome, no subject. */
function entryAttributes(entry: AuditEntry): Record<string, string | number> {
  return {
    'shujutong.outcome': entry.outcome,
    ...(entry.purpose ? { 'shujutong.purpose': entry.purpose } : {}),
    'shujutong.fields.served': entry.fields?.served?.length ?? 0,
    'shujutong.fields.masked': entry.fields?.masked?.length ?? 0,
    'shujutong.fields.denied': entry.fields?.denied?.length ?? 0,
    'shujutong.subjects': entry.subjects?.length ?? 0,
  };
}

/**
 * Runs the audit append in a span under the request's, and gives the request's span the
 * record's counts and outcome. Untraced requests just append.
 */
export async function inAuditSpan<T>(
  context: GatewayContext,
  entry: AuditEntry,
  append: () => Promise<T>,
): Promise<T> {
  const s = spans.get(context);
  if (!s) return append();
  const attributes = entryAttributes(entry);
  s.request.setAttributes(attributes);
  const span = s.tracer.startSpan('audit append', { attributes }, s.context);
  try {
    return await append();
  } catch (err) {
    span.setStatus({ code: SpanStatusCode.ERROR, message: 'audit append failed' });
    // The 503 that follows ends the pipeline before the close stage: end the request here.
    s.request.setStatus({ code: SpanStatusCode.ERROR, message: 'AUDIT_UNAVAILABLE' });
    s.request.end();
    throw err;
  } finally {
    span.end();
  }
}

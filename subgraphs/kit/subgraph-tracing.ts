/**
 * A subgraph's part of a trace (issue 12): every GraphQL request gets a server span, the child
 * of the gateway's fetch span its `traceparent` names (contracts/tracing/trace-context.ts), so
 * one request reads as one trace across the gateway and the subgraphs it reached. The handler
 * runs with the span active (the tracer's AsyncLocalStorage context manager), so spans made
 * below it nest. Attributes name the subgraph and the HTTP status, never what was asked.
 */
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import type http from 'node:http';
import { contextOf, ServiceTracing } from '../../contracts/tracing/service-tracing';
import { extractTraceContext } from '../../contracts/tracing/trace-context';

export async function inServerSpan<T>(
  tracing: ServiceTracing | null,
  subgraph: string,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  handle: () => Promise<T>,
): Promise<T> {
  if (!tracing) return handle();
  const parent = extractTraceContext(req.headers);
  const span = tracing.tracer.startSpan(
    `${subgraph} graphql`,
    {
      kind: SpanKind.SERVER,
      attributes: { 'shujutong.subgraph': subgraph, 'http.request.method': req.method ?? '' },
    },
    parent,
  );
  try {
    return await tracing.contexts.with(contextOf(span, parent), handle);
  } catch (err) {
    // Refused (a bad signature) or failed before an answer was written: the caller writes it.
    span.setStatus({
      code: SpanStatusCode.ERROR,
      message: err instanceof Error ? err.name : 'error',
    });
    throw err;
  } finally {
    span.setAttribute('http.response.status_code', res.statusCode);
    if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  }
}

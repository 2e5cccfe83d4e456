/**
 * A request the gateway makes to its own GraphQL pipeline (graphql-endpoint.ts `run`) on behalf
 * of a caller it has already identified: the open-data endpoint's, the yearly report's. Only the
 * headers given are carried, so nothing else a client sent reaches the stages.
 */
import type http from 'node:http';
import { Readable } from 'node:stream';
import { Kind, parse } from 'graphql';

export function pipelineRequest(
  path: string,
  body: string,
  headers: http.IncomingHttpHeaders,
  clientAddress: string | null,
): http.IncomingMessage {
  const stream = Readable.from([Buffer.from(body, 'utf8')]) as unknown as http.IncomingMessage;
  return Object.assign(stream, {
    method: 'POST',
    url: path,
    headers: { 'content-type': 'application/json', ...headers },
    socket: { remoteAddress: clientAddress ?? undefined },
  });
}

/**
 * Whether a document holds queries only: what the gateway runs on a caller's behalf (open data,
 * the yearly report) reads and never writes. Anything unparsable is not.
 */
export function onlyQueries(query: unknown): boolean {
  if (typeof query !== 'string') return false;
  try {
    return parse(query).definitions.every(
      (d) => d.kind !== Kind.OPERATION_DEFINITION || d.operation === 'query',
    );
  } catch {
    return false;
  }
}

/**
 * Bridges Node's http server to Apollo Server's transport-neutral request API. Both the
 * gateway and the subgraphs use it, so neither needs a web framework and both see the raw
 * body (the gateway signs it; subgraphs verify the signature over it).
 */
import http from 'node:http';
import {
  ApolloServer,
  BaseContext,
  HeaderMap,
  HTTPGraphQLRequest,
  HTTPGraphQLResponse,
} from '@apollo/server';
import { ErrorCode } from '../../domain/error-codes';
import { HttpError } from './http-error';

/** Bodies above this are refused with 413 before parsing: a bound on memory per request. */
export const MAX_BODY_BYTES = 1_048_576;

/**
 * What readBody does with a body over its limit. `destroy` (the default, for subgraphs, whose
 * only caller is the gateway): reject and drop the connection at once. `drain`: keep reading
 * and discarding it, then reject with 413 PAYLOAD_TOO_LARGE, so the caller reads a GraphQL
 * error instead of a reset connection; past `drainLimit` bytes the connection is dropped after
 * all, so a caller cannot hold one open forever.
 */
export interface ReadBodyOptions {
  readonly overflow?: 'destroy' | 'drain';
  /** @default 64 MiB */
  readonly drainLimit?: number;
}

export function readBody(
  req: http.IncomingMessage,
  limit = MAX_BODY_BYTES,
  options: ReadBodyOptions = {},
): Promise<Buffer> {
  const drain = options.overflow === 'drain';
  const drainLimit = options.drainLimit ?? 64 * 1_048_576;
  return new Promise((resolve, reject) => {
    let chunks: Buffer[] = [];
    let size = 0;
    const tooLarge = () =>
      drain
        ? new HttpError(
            413,
            `The request body exceeds the gateway's limit of ${limit} bytes.`,
            ErrorCode.PAYLOAD_TOO_LARGE,
            { limit: { name: 'bodyBytes', max: limit, measured: size } },
          )
        : new HttpError(413, `request body exceeds ${limit} bytes`);
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
        return;
      }
      chunks = [];
      if (drain && size <= drainLimit) return;
      reject(tooLarge());
      req.destroy();
    });
    req.on('end', () => {
      if (size > limit) reject(tooLarge());
      else resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}

export function headerMap(req: http.IncomingMessage): HeaderMap {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  return headers;
}

/** Parses a JSON body the way Apollo expects it; an unparsable body is the caller's 400. */
export function parseJsonBody(raw: Buffer, contentType: string | undefined): unknown {
  if (raw.length === 0) return undefined;
  if (!contentType || !/json/i.test(contentType)) return raw.toString('utf8');
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    throw new HttpError(400, 'request body is not valid JSON');
  }
}

export function toApolloRequest(req: http.IncomingMessage, body: unknown): HTTPGraphQLRequest {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  return {
    method: (req.method ?? 'GET').toUpperCase(),
    headers: headerMap(req),
    search: q >= 0 ? url.slice(q) : '',
    body,
  };
}

export async function writeApolloResponse(
  res: http.ServerResponse,
  response: HTTPGraphQLResponse,
): Promise<void> {
  for (const [key, value] of response.headers) res.setHeader(key, value);
  res.statusCode = response.status ?? 200;
  if (response.body.kind === 'complete') {
    res.end(response.body.string);
    return;
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

export function writeJson(
  res: http.ServerResponse,
  status: number,
  payload: unknown,
  /** A list value repeats the header (Set-Cookie). */
  headers: Readonly<Record<string, string | string[]>> = {},
): void {
  const body = JSON.stringify(payload);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    ...headers,
  });
  res.end(body);
}

/** A GraphQL-over-HTTP error body for failures before execution (401, 403, 413, 503...). */
export function writeGraphQLError(
  res: http.ServerResponse,
  status: number,
  message: string,
  code: string,
  extra: Readonly<Record<string, unknown>> = {},
  headers: Readonly<Record<string, string>> = {},
): void {
  writeJson(res, status, { errors: [{ message, extensions: { code, ...extra } }] }, headers);
}

export async function executeWithApollo<TContext extends BaseContext>(
  server: ApolloServer<TContext>,
  req: http.IncomingMessage,
  body: unknown,
  context: () => Promise<TContext>,
): Promise<HTTPGraphQLResponse> {
  return server.executeHTTPGraphQLRequest({
    httpGraphQLRequest: toApolloRequest(req, body),
    context,
  });
}

export function listen(server: http.Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

export function closeServer(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections?.();
  });
}

/**
 * POST (or GET) /graphql: runs one GraphQL request through the hook pipeline and Apollo Server
 * (request-hooks.ts describes the stages). The response is held until the onResponse stage
 * has run, so the audit record is written before the caller sees anything, and a failure to
 * write it can still replace the response.
 */
import type http from 'node:http';
import type { ApolloServer } from '@apollo/server';
import { ErrorCode } from '../../domain/error-codes';
import { executeWithApollo, HttpError, parseJsonBody, readBody } from '../../subgraphs/kit/http-adapter';
import { ApolloContextValue, createGatewayContext } from '../pipeline/gateway-context';
import { HookPipeline, runStage } from '../pipeline/request-hooks';

interface HeldResponse {
  status: number;
  headers: Iterable<[string, string]>;
  body: string;
}

const JSON_HEADERS: readonly [string, string][] = [['content-type', 'application/json; charset=utf-8']];

function errorResponse(status: number, message: string, code: string): HeldResponse {
  return { status, headers: JSON_HEADERS, body: JSON.stringify({ errors: [{ message, extensions: { code } }] }) };
}

/** A refusal as a GraphQL-over-HTTP error body, with its extensions (reason ...) and headers (WWW-Authenticate ...). */
function refusalResponse(err: HttpError): HeldResponse {
  return {
    status: err.status,
    headers: [...JSON_HEADERS, ...Object.entries(err.headers)],
    body: JSON.stringify({ errors: [{ message: err.message, extensions: { code: err.code, ...err.extensions } }] }),
  };
}

async function collect(chunks: AsyncIterable<string>): Promise<string> {
  let text = '';
  for await (const chunk of chunks) text += chunk;
  return text;
}

/** The request id goes back on every response, so a caller can quote it and find the audit record. */
export const REQUEST_ID_HEADER = 'x-request-id';

function send(res: http.ServerResponse, held: HeldResponse, requestId: string): void {
  if (res.destroyed) return;
  for (const [name, value] of held.headers) res.setHeader(name, value);
  res.setHeader(REQUEST_ID_HEADER, requestId);
  res.setHeader('content-length', Buffer.byteLength(held.body));
  res.statusCode = held.status;
  res.end(held.body);
}

export interface GraphQLEndpointOptions {
  apollo: ApolloServer<ApolloContextValue>;
  hooks: HookPipeline;
  log: (line: string) => void;
}

export function graphqlEndpoint({ apollo, hooks, log }: GraphQLEndpointOptions) {
  const internalError = (stage: string, err: unknown): HeldResponse => {
    log(`[gateway] ${stage} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    return errorResponse(500, 'internal error in the gateway', ErrorCode.INTERNAL_SERVER_ERROR);
  };

  return async function handleGraphQL(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const context = createGatewayContext(req);
    let held: HeldResponse;
    let refusal: HttpError | null = null;
    let rawBody: Buffer | null = null;
    try {
      // The body is read before authentication so the audit record of a refused request can
      // still say what was attempted; readBody bounds it at MAX_BODY_BYTES.
      rawBody = await readBody(req);
      if (hooks.onRequest.length > 0) await runStage(hooks.onRequest, { context, rawBody });
      const body = parseJsonBody(rawBody, req.headers['content-type']);
      const response = await executeWithApollo(apollo, req, body, async () => ({ gateway: context }));
      held = {
        status: response.status ?? 200,
        headers: response.headers,
        body: response.body.kind === 'complete' ? response.body.string : await collect(response.body.asyncIterator),
      };
    } catch (err) {
      if (err instanceof HttpError) {
        refusal = err;
        held = refusalResponse(err);
      } else {
        held = internalError('request', err);
      }
    }
    if (hooks.onResponse.length > 0) {
      try {
        await runStage(hooks.onResponse, { context, status: held.status, body: held.body, refusal, rawBody });
      } catch (err) {
        // Nothing is served that the response stage (the audit) did not accept.
        held = err instanceof HttpError ? refusalResponse(err) : internalError('response stage', err);
      }
    }
    send(res, held, context.requestId);
  };
}

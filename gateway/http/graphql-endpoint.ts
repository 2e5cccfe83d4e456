/**
 * POST (or GET) /graphql: runs one GraphQL request through the hook pipeline and Apollo Server
 * (stage-hooks.ts describes the stages). The response is held until the onResponse stage
 * has run, so the audit record is written before the caller sees anything, and a failure to
 * write it can still replace the response.
 *
 * Operation limits (gateway/limits/) are checked here, after authentication (so a refusal is
 * audited with its caller) and before Apollo parses and validates: validation itself is
 * super-linear on some documents (OverlappingFieldsCanBeMerged on many same-named fields),
 * and the sharing policy and the query planner come after it. A persisted document
 * (stages/resolve-persisted-documents.ts) is resolved to its text before them.
 *
 * `run` serves the same request for another delivery than the JSON response (the workbench's
 * exports): every stage runs as for /graphql, the audit record says how the response is to leave,
 * and the held response is handed back instead of sent, after its record is durable.
 */
import type http from 'node:http';
import type { ApolloServer } from '@apollo/server';
import { ErrorCode } from '../../domain/error-codes';
import {
  executeWithApollo,
  MAX_BODY_BYTES,
  parseJsonBody,
  readBody,
} from '../../contracts/http/http-adapter';
import { HttpError } from '../../contracts/http/http-error';
import type { Delivery as DeliveryKind } from '../../contracts/audit/record-delivery';
import type { OperationLimiter } from '../limits';
import { jsonDepth, MAX_BODY_DEPTH } from '../limits/json-depth';
import { ApolloContextValue, createGatewayContext } from '../stages/request-context';
import { HookPipeline, runObservers, runStage } from '../stages/stage-hooks';
import { persistedRequest } from '../stages/resolve-persisted-documents';

/** A response as GraphQL would send it: held until the response stage (the audit) has run. */
export interface HeldResponse {
  readonly status: number;
  readonly headers: Iterable<[string, string]>;
  /** JSON. */
  readonly body: string;
}

/**
 * A request run for another delivery than the JSON response: what the audit record says, and
 * the delivery's own checks, made inside the pipeline so a refusal is recorded like any other.
 */
export interface Delivery<T> {
  /** Recorded in the request's audit record (contracts/audit/record-delivery.ts). */
  readonly kind: DeliveryKind;
  /**
   * Called with the request body as it will run (a persisted document resolved, within the
   * operation limits), before Apollo parses and executes it: throw HttpError to refuse what
   * cannot be delivered this way, e.g. a mutation.
   */
  admit?(body: unknown): void;
  /**
   * Called with the response GraphQL would send, before the audit record is written: what to
   * deliver instead, or null to answer the JSON response as it is. Throw HttpError to refuse
   * (e.g. a result too large to deliver): the refusal is recorded and answered instead.
   */
  prepare(response: HeldResponse): T | null;
}

/** What `run` hands back once the audit record is durable: the response and, when prepared, what to deliver. */
export interface DeliveredResponse<T> extends HeldResponse {
  readonly requestId: string;
  /** Null: answer `body` (JSON, with `status` and `headers`) as GraphQL would. */
  readonly prepared: T | null;
}

/** POST /graphql's handler, which can also run a request for another delivery (exports). */
export interface GraphQLEndpoint {
  (req: http.IncomingMessage, res: http.ServerResponse): Promise<void>;
  /**
   * Runs the request through every stage as /graphql does, without sending anything: the
   * response comes back after its audit record (with `delivery.kind`) is durable.
   */
  run<T>(req: http.IncomingMessage, delivery: Delivery<T>): Promise<DeliveredResponse<T>>;
}

const JSON_HEADERS: readonly [string, string][] = [
  ['content-type', 'application/json; charset=utf-8'],
];

function errorResponse(status: number, message: string, code: string): HeldResponse {
  return {
    status,
    headers: JSON_HEADERS,
    body: JSON.stringify({ errors: [{ message, extensions: { code } }] }),
  };
}

/** A refusal as a GraphQL-over-HTTP error body, with its extensions (reason ...) and headers (WWW-Authenticate ...). */
function refusalResponse(err: HttpError): HeldResponse {
  return {
    status: err.status,
    headers: [...JSON_HEADERS, ...Object.entries(err.headers)],
    body: JSON.stringify({
      errors: [{ message: err.message, extensions: { code: err.code, ...err.extensions } }],
    }),
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
  /** Bodies above this are refused with 413 PAYLOAD_TOO_LARGE. @default MAX_BODY_BYTES (1 MiB) */
  maxBodyBytes?: number;
  /** Null: no operation limits (GATEWAY_OPERATION_LIMITS=off, for measuring their cost). @default null */
  limiter?: OperationLimiter | null;
}

/** The query text of a GraphQL-over-HTTP request: `query` of a JSON body, or of the URL for GET. */
function queryText(req: http.IncomingMessage, body: unknown): string | null {
  if (req.method === 'GET') {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    return q < 0 ? null : new URLSearchParams(url.slice(q + 1)).get('query');
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return null;
  const query = (body as { query?: unknown }).query;
  return typeof query === 'string' ? query : null;
}

/** The JSON texts of a request that something will parse: the body, or GET's `variables` and `extensions`. */
function jsonTexts(req: http.IncomingMessage, rawBody: Buffer): (Buffer | string)[] {
  if (req.method !== 'GET') return [rawBody];
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  if (q < 0) return [];
  const search = new URLSearchParams(url.slice(q + 1));
  return [search.get('variables') ?? '', search.get('extensions') ?? ''];
}

/** Refuses JSON nested deeper than any request needs, before anything recursive reads it. */
function enforceBodyDepth(req: http.IncomingMessage, rawBody: Buffer): void {
  for (const text of jsonTexts(req, rawBody)) {
    const measured = jsonDepth(text);
    if (measured > MAX_BODY_DEPTH) {
      throw new HttpError(
        400,
        `The request's JSON nests deeper than the gateway's limit of ${MAX_BODY_DEPTH} levels.`,
        ErrorCode.BAD_REQUEST,
        { limit: { name: 'bodyDepth', max: MAX_BODY_DEPTH, measured } },
      );
    }
  }
}

/** Refuses an operation over a limit, before Apollo spends anything on it. */
function enforceLimits(limiter: OperationLimiter, req: http.IncomingMessage, body: unknown): void {
  const query = queryText(req, body);
  if (query === null) return;
  const violation = limiter.check(query);
  if (violation)
    throw new HttpError(400, violation.message, violation.code, { limit: violation.limit });
}

export function graphqlEndpoint({
  apollo,
  hooks,
  log,
  maxBodyBytes = MAX_BODY_BYTES,
  limiter = null,
}: GraphQLEndpointOptions): GraphQLEndpoint {
  const internalError = (stage: string, err: unknown): HeldResponse => {
    log(
      `[gateway] ${stage} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
    );
    return errorResponse(500, 'internal error in the gateway', ErrorCode.INTERNAL_SERVER_ERROR);
  };

  const serve = async <T>(
    req: http.IncomingMessage,
    delivery: Delivery<T> | null,
  ): Promise<DeliveredResponse<T>> => {
    const context = createGatewayContext(req, delivery?.kind);
    let held: HeldResponse;
    let prepared: T | null = null;
    let refusal: HttpError | null = null;
    let rawBody: Buffer | null = null;
    try {
      // The body is read before authentication so the audit record of a refused request can
      // still say what was attempted. One too large is read to its end and discarded, so the
      // caller gets its 413 rather than a reset connection.
      const received = await readBody(req, maxBodyBytes, { overflow: 'drain' });
      // Like a body too large, one nested too deeply is not handed on (the audit record included).
      enforceBodyDepth(req, received);
      rawBody = received;
      if (hooks.onRequest.length > 0) await runStage(hooks.onRequest, { context, rawBody });
      // A persisted document, resolved by its stage, runs as if its text had been sent: the
      // limits, Apollo and the audit record (rawBody) all see that text.
      const persisted = persistedRequest(context);
      if (persisted) rawBody = persisted.rawBody;
      const body = persisted ? persisted.body : parseJsonBody(rawBody, req.headers['content-type']);
      if (limiter) enforceLimits(limiter, req, body);
      delivery?.admit?.(body);
      const response = await executeWithApollo(apollo, req, body, async () => ({
        gateway: context,
      }));
      held = {
        status: response.status ?? 200,
        headers: response.headers,
        body:
          response.body.kind === 'complete'
            ? response.body.string
            : await collect(response.body.asyncIterator),
      };
      // Before the record: what the record says was answered is what is delivered.
      if (delivery) prepared = delivery.prepare(held);
    } catch (err) {
      prepared = null;
      if (err instanceof HttpError) {
        refusal = err;
        held = refusalResponse(err);
      } else {
        held = internalError('request', err);
      }
    }
    if (hooks.onResponse.length > 0) {
      try {
        await runStage(hooks.onResponse, {
          context,
          status: held.status,
          body: held.body,
          refusal,
          rawBody,
        });
      } catch (err) {
        // Nothing is served that the response stage (the audit) did not accept.
        prepared = null;
        held =
          err instanceof HttpError ? refusalResponse(err) : internalError('response stage', err);
        if (err instanceof HttpError) refusal = err;
      }
    }
    if (hooks.onDelivered.length > 0)
      await runObservers(hooks.onDelivered, {
        context,
        status: held.status,
        body: held.body,
        refusal,
        rawBody,
      });
    return { ...held, requestId: context.requestId, prepared };
  };

  const handleGraphQL = async (
    req: http.IncomingMessage,
    res: http.ServerResponse,
  ): Promise<void> => {
    const served = await serve(req, null);
    send(res, served, served.requestId);
  };
  return Object.assign(handleGraphQL, {
    run: <T>(req: http.IncomingMessage, delivery: Delivery<T>) => serve(req, delivery),
  });
}

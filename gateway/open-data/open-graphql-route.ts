/**
 * POST /open/graphql: GraphQL for anonymous callers over the open schema. In order: the client
 * address's rate limit (before the body is read: a flood costs the gateway as little as
 * possible), the body (size and JSON depth bounded as on /graphql), the operation limits
 * measured against the open schema, then parsing and validation against it (open-document.ts).
 * Introspection is answered from the open schema here; data goes through the platform's
 * pipeline as the open-data application (open-pipeline.ts).
 */
import type http from 'node:http';
import { execute, GraphQLSchema } from 'graphql';
import { ErrorCode } from '../../domain/error-codes';
import { parseJsonBody, readBody, writeJson } from '../../contracts/http/http-adapter';
import { HttpError } from '../../contracts/http/http-error';
import { REQUEST_ID_HEADER, type DeliveredResponse } from '../http/graphql-endpoint';
import type { OperationLimiter } from '../limits';
import { jsonDepth, MAX_BODY_DEPTH } from '../limits/json-depth';
import { OpenDocument, openDocument, openRequestBody } from './open-document';
import type { OpenPipeline } from './open-pipeline';

export interface OpenGraphQLDeps {
  /** The open schema of the supergraph served now. */
  schema(): GraphQLSchema;
  /** Null: no operation limits (GATEWAY_OPERATION_LIMITS=off). */
  limiter(): OperationLimiter | null;
  readonly maxBodyBytes: number;
  readonly maxTokens: number;
  readonly pipeline: OpenPipeline;
}

/** The request's body as an open GraphQL request, checked against the open schema. */
export async function readOpenRequest(
  req: http.IncomingMessage,
  deps: OpenGraphQLDeps,
): Promise<{ checked: OpenDocument; schema: GraphQLSchema }> {
  const raw = await readBody(req, deps.maxBodyBytes, { overflow: 'drain' });
  if (jsonDepth(raw) > MAX_BODY_DEPTH)
    throw new HttpError(
      400,
      `The request's JSON nests deeper than the gateway's limit of ${MAX_BODY_DEPTH} levels.`,
      ErrorCode.BAD_REQUEST,
    );
  if (!/json/i.test(req.headers['content-type'] ?? ''))
    throw new HttpError(415, 'Send the request as application/json.', ErrorCode.BAD_REQUEST);
  const body = openRequestBody(parseJsonBody(raw, req.headers['content-type']));
  const violation = deps.limiter()?.check(body.query);
  if (violation)
    throw new HttpError(400, violation.message, violation.code, { limit: violation.limit });
  const schema = deps.schema();
  return { checked: openDocument(schema, body, deps.maxTokens), schema };
}

/** A response of the pipeline, as GraphQL answered it, with the request id of its audit record. */
export function sendDelivered(res: http.ServerResponse, served: DeliveredResponse<unknown>): void {
  for (const [name, value] of served.headers) res.setHeader(name, value);
  res.setHeader(REQUEST_ID_HEADER, served.requestId);
  res.setHeader('cache-control', 'no-store');
  res.setHeader('content-length', Buffer.byteLength(served.body));
  res.statusCode = served.status;
  res.end(served.body);
}

export async function handleOpenGraphQL(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  clientAddress: string,
  deps: OpenGraphQLDeps,
): Promise<void> {
  const { checked, schema } = await readOpenRequest(req, deps);
  if (checked.kind === 'introspection') {
    // Metadata of the open schema, which is public (GET /open/schema.graphql): not an access to data.
    const result = await execute({
      schema,
      document: checked.document,
      variableValues: checked.body.variables,
      operationName: checked.body.operationName,
    });
    return writeJson(res, 200, result, { 'cache-control': 'no-store' });
  }
  sendDelivered(res, await deps.pipeline.run(checked.body, clientAddress, 'OPEN_DATA'));
}

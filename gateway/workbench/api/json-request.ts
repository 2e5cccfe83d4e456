/**
 * The JSON body of a workbench API request, read within the gateway's body limit and refused
 * when nested deeper than any request needs, before anything parses it: the same bounds the
 * GraphQL endpoint puts on its bodies, so the APIs are no cheaper way to make the gateway work.
 */
import type http from 'node:http';
import { ErrorCode } from '../../../domain/error-codes';
import { readBody } from '../../../contracts/http/http-adapter';
import { HttpError } from '../../../contracts/http/http-error';
import { jsonDepth, MAX_BODY_DEPTH } from '../../limits/json-depth';

export async function readJsonObject(
  req: http.IncomingMessage,
  maxBytes: number,
): Promise<Record<string, unknown>> {
  const raw = await readBody(req, maxBytes, { overflow: 'drain' });
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(String(req.headers['content-type'] ?? '')))
    throw new HttpError(415, 'Send the request as application/json.', ErrorCode.BAD_REQUEST);
  const depth = jsonDepth(raw);
  if (depth > MAX_BODY_DEPTH)
    throw new HttpError(
      400,
      `The request's JSON nests deeper than the gateway's limit of ${MAX_BODY_DEPTH} levels.`,
      ErrorCode.BAD_REQUEST,
      { limit: { name: 'bodyDepth', max: MAX_BODY_DEPTH, measured: depth } },
    );
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new HttpError(400, 'The request body is not valid JSON.', ErrorCode.BAD_REQUEST);
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new HttpError(400, 'The request body must be a JSON object.', ErrorCode.BAD_REQUEST);
  return body as Record<string, unknown>;
}

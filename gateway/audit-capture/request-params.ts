/**
 * The GraphQL request as the caller sent it (GraphQL over HTTP: a JSON body for POST, the query
 * string for GET), read again for the audit record: refused and invalid requests never reach
 * Apollo's own parsing, and their record must still say what was attempted. Anything malformed
 * reads as absent; the record of a bad request keeps what can be known.
 */
export interface RequestParams {
  readonly query: string | null;
  readonly operationName: string | null;
  readonly variables: Readonly<Record<string, unknown>> | null;
}

const NONE: RequestParams = Object.freeze({ query: null, operationName: null, variables: null });

function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function object(value: unknown): Readonly<Record<string, unknown>> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

function jsonObject(source: string | null): Readonly<Record<string, unknown>> | null {
  if (source === null || source === '') return null;
  try {
    return object(JSON.parse(source));
  } catch {
    return null;
  }
}

export function requestParams(
  request: { method: string; url: string; contentType: string | undefined },
  rawBody: Buffer | null,
): RequestParams {
  if (request.method.toUpperCase() === 'GET') {
    const q = request.url.indexOf('?');
    if (q < 0) return NONE;
    const search = new URLSearchParams(request.url.slice(q + 1));
    return {
      query: search.get('query'),
      operationName: search.get('operationName'),
      variables: jsonObject(search.get('variables')),
    };
  }
  if (!rawBody || rawBody.length === 0 || !/json/i.test(request.contentType ?? '')) return NONE;
  const body = jsonObject(rawBody.toString('utf8'));
  if (!body) return NONE;
  return {
    query: text(body.query),
    operationName: text(body.operationName),
    variables: object(body.variables),
  };
}

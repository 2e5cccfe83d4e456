/**
 * One entry of a GraphQL request's `extensions` (the purpose, the case), read before Apollo
 * parses the request: from the `extensions` query parameter of a GET, or the JSON body of a
 * POST. A body that is not JSON yields nothing here; Apollo reports it.
 */
export function requestExtension(
  request: { method: string; url: string },
  rawBody: Buffer,
  key: string,
): unknown {
  let extensions: unknown;
  try {
    if (request.method === 'GET') {
      const q = request.url.indexOf('?');
      const text = q >= 0 ? new URLSearchParams(request.url.slice(q)).get('extensions') : null;
      if (!text) return undefined;
      extensions = JSON.parse(text);
    } else {
      // Most requests carry no such entry: skip parsing a body that cannot contain one.
      if (!rawBody.includes(`"${key}"`)) return undefined;
      extensions = (JSON.parse(rawBody.toString('utf8')) as { extensions?: unknown } | null)
        ?.extensions;
    }
  } catch {
    return undefined;
  }
  return typeof extensions === 'object' && extensions !== null
    ? (extensions as Record<string, unknown>)[key]
    : undefined;
}

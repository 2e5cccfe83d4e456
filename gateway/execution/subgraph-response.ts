/**
 * Reads a subgraph's HTTP answer as a GraphQL response. GraphQL-over-HTTP lets a server put
 * a GraphQL body on a 4xx (e.g. 400 for an invalid operation), so a JSON body with `data` or
 * `errors` is passed on whatever the status; anything else is a failure of the subgraph.
 */
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import type { SubgraphFailure } from './subgraph-failure';

export function readGraphQLResponse(
  status: number,
  text: string,
): GatewayGraphQLResponse | SubgraphFailure {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (
    typeof body === 'object' &&
    body !== null &&
    !Array.isArray(body) &&
    ('data' in body || 'errors' in body)
  ) {
    const { data, errors, extensions } = body as GatewayGraphQLResponse;
    return { data, errors, extensions };
  }
  if (status < 200 || status > 299)
    return { reason: 'HTTP_STATUS', detail: `HTTP ${status}`, status };
  return { reason: 'BAD_RESPONSE', detail: 'the response is not a GraphQL result' };
}

export function isFailure(
  value: GatewayGraphQLResponse | SubgraphFailure,
): value is SubgraphFailure {
  return 'reason' in value;
}

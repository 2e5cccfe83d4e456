/**
 * The report page reads the graph as the signed-in analyst: each of its queries runs through the
 * gateway's whole pipeline (graphql-endpoint.ts `run`) with the session's token, so authentication,
 * the registry, rate limits, the sharing policy and the audit apply to it as to a GraphQL request,
 * and its records say delivery REPORT. Queries only: the report changes nothing.
 */
import type http from 'node:http';
import { ErrorCode } from '../../../domain/error-codes';
import { HttpError } from '../../../contracts/http/http-error';
import type { GraphQLEndpoint } from '../../http/graphql-endpoint';
import { onlyQueries, pipelineRequest } from '../../http/pipeline-request';
import { answerData, GraphQLCall } from '../../yearly-report/report-source';

/** A GraphQLCall for the report made on behalf of the caller of `req` (credentials already set). */
export function pipelineGraphQLCall(
  graphql: GraphQLEndpoint,
  req: http.IncomingMessage,
): GraphQLCall {
  const headers: http.IncomingHttpHeaders = {
    host: req.headers.host ?? 'gateway.internal',
    ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
  };
  const address = req.socket?.remoteAddress ?? null;
  return async (query, variables) => {
    const body = JSON.stringify({ query, variables });
    const delivered = await graphql.run(pipelineRequest('/graphql', body, headers, address), {
      kind: 'REPORT',
      admit(admitted) {
        if ((admitted as { query?: unknown } | null)?.query !== query || !onlyQueries(query))
          throw new HttpError(400, 'the report reads with queries only', ErrorCode.BAD_REQUEST);
      },
      prepare: () => null,
    });
    return answerData(delivered.body, delivered.status);
  };
}

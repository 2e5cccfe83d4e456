/** A GraphQLCall over HTTP to a gateway's /graphql (the `npm run report` command, the tests). */
import { answerData, GraphQLCall, ReportSourceError } from './report-source';

export function httpGraphQLCall(
  graphqlUrl: string,
  headers: () => Promise<Record<string, string>> | Record<string, string>,
): GraphQLCall {
  return async (query, variables) => {
    let response: Response;
    try {
      response = await fetch(graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(await headers()) },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(120_000),
      });
    } catch (err) {
      throw new ReportSourceError(
        `cannot reach the gateway at ${graphqlUrl}: ${err instanceof Error ? err.message : String(err)}`,
        null,
      );
    }
    return answerData(await response.text(), response.status);
  };
}

/**
 * A request whose `operationName` names no operation of the document, or that leaves the
 * choice open among several, is the caller's mistake: HTTP 400 with OPERATION_RESOLUTION_FAILURE
 * (GraphQL over HTTP, "operation resolution"), not the 500 the gateway's executor would raise on
 * the missing operation. The names the document does have are not listed: they are the
 * caller's own, and a hint is all a prober needs.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../domain/error-codes';

export function operationResolutionPlugin<T extends object>(): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request }) {
          if (operation) return;
          const message = request.operationName
            ? `The document has no operation named "${request.operationName}".`
            : 'The document has several operations: say which to run with operationName.';
          throw new GraphQLError(message, {
            extensions: { code: ErrorCode.OPERATION_RESOLUTION_FAILURE, http: { status: 400 } },
          });
        },
      };
    },
  };
}

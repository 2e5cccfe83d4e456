/**
 * The last look at every error before it leaves the gateway. Errors from a subgraph name it in
 * `extensions.subgraph` (Apollo calls it `serviceName`); an error without a code (or INTERNAL_SERVER_ERROR) is
 * the gateway's own failure, logged in full and shown to the caller without detail, so no
 * stack trace, SQL or internal message reaches a client.
 */
import type { GraphQLFormattedError } from 'graphql';
import { ErrorCode } from '../../domain/error-codes';

export function gatewayErrorFormatter(log: (line: string) => void) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const extensions = formatted.extensions ?? {};
    const { serviceName, ...rest } = extensions as Record<string, unknown> & {
      serviceName?: unknown;
    };
    if (typeof serviceName === 'string') {
      // From a subgraph, which already redacted its own internal errors.
      return { ...formatted, extensions: { ...rest, subgraph: rest.subgraph ?? serviceName } };
    }
    const code = typeof extensions.code === 'string' ? extensions.code : undefined;
    // A coded error (BAD_USER_INPUT, GRAPHQL_VALIDATION_FAILED ...) was written for the caller.
    if (code && code !== ErrorCode.INTERNAL_SERVER_ERROR) return formatted;
    log(
      `[gateway] internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    return {
      message: 'internal error in the gateway',
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}

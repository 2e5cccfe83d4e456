/**
 * Turns a failed subgraph fetch into the one error callers see for it: SUBGRAPH_UNAVAILABLE,
 * naming the subgraph and why, so a client can tell "the credit database is down" from "your
 * query is wrong" and still use the data the other subgraphs returned.
 */
import type { GraphQLFormattedError } from 'graphql';
import { ErrorCode } from '../../domain/error-codes';

export type UnavailableReason =
  /** No answer within the deadline (SUBGRAPH_TIMEOUT_MS). */
  | 'TIMEOUT'
  /** The TCP connection could not be opened in time (SUBGRAPH_CONNECT_TIMEOUT_MS). */
  | 'CONNECT_TIMEOUT'
  /** Nothing listens at the subgraph's address. */
  | 'CONNECTION_REFUSED'
  /** The connection broke: reset, closed mid-response, host unreachable, name not found. */
  | 'CONNECTION_FAILED'
  /** An HTTP error status without a GraphQL body (a proxy's 502, a crashed handler's 500). */
  | 'HTTP_STATUS'
  /** A body that is not a GraphQL response. */
  | 'BAD_RESPONSE';

export interface SubgraphFailure {
  reason: UnavailableReason;
  /** For people reading logs and error messages; never includes response bodies. */
  detail: string;
  status?: number;
}

/** Classifies a thrown fetch error; `deadlinePassed` says whether our own deadline aborted it. */
export function classifyFetchError(
  error: unknown,
  deadlinePassed: boolean,
  timeoutMs: number,
): SubgraphFailure {
  if (deadlinePassed) return { reason: 'TIMEOUT', detail: `no answer within ${timeoutMs} ms` };
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
      return { reason: 'TIMEOUT', detail: `no answer within ${timeoutMs} ms` };
    case 'UND_ERR_CONNECT_TIMEOUT':
      return { reason: 'CONNECT_TIMEOUT', detail: 'could not connect in time' };
    case 'ECONNREFUSED':
      return { reason: 'CONNECTION_REFUSED', detail: 'connection refused' };
    default:
      return {
        reason: 'CONNECTION_FAILED',
        detail: typeof code === 'string' ? `connection failed (${code})` : 'connection failed',
      };
  }
}

export function subgraphUnavailable(
  subgraph: string,
  failure: SubgraphFailure,
): GraphQLFormattedError {
  return {
    message: `The ${subgraph} subgraph is unavailable: ${failure.detail}`,
    extensions: {
      code: ErrorCode.SUBGRAPH_UNAVAILABLE,
      subgraph,
      reason: failure.reason,
      ...(failure.status !== undefined ? { status: failure.status } : {}),
    },
  };
}

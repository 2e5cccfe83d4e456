/**
 * What the gateway knows about one request while it runs. Created when the request arrives,
 * before authentication, so every request (refused ones too) has one for the audit record.
 * Later stages add their own optional fields here (policy decisions, masked fields ...), so
 * the audit stage can read what earlier stages decided.
 */
import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import type { DocumentNode, ExecutionResult } from 'graphql';
import type { CallerIdentity } from '../../contracts/caller/caller-identity';
import type { PolicyPlan } from '../policy/policy-plan';

export interface GatewayContext {
  /** Unique per request; goes into the audit record and, later, to subgraphs. */
  readonly requestId: string;
  /** Epoch milliseconds when the request arrived. */
  readonly receivedAt: number;
  readonly http: {
    readonly method: string;
    /** Path and query string as received. */
    readonly url: string;
    readonly headers: http.IncomingHttpHeaders;
    readonly remoteAddress: string | null;
  };
  /** Who is calling: set by the authentication stage; null until then (or when none is installed). */
  caller: CallerIdentity | null;
  /** The token the caller was authenticated by (set with `caller`), for the audit record. */
  credentials?: { readonly subject: string; readonly tokenId: string | null; readonly expiresAt: Date };
  /** The operation as planned, after any operation stage edited it. Unset if it never got that far. */
  operation?: { readonly document: DocumentNode; readonly operationName: string | null };
  /** The sharing policy's decisions for the operation (set in the operation stage), for the result stage and the audit record. */
  sharingPlan?: PolicyPlan;
  /** The gateway's execution result before serialisation. Unset when execution did not run. */
  result?: ExecutionResult;
}

/**
 * What Apollo Server carries as its context value. Apollo shallow-copies the context for each
 * operation, so a field written on it during execution would be lost to the stages that run
 * after; holding the GatewayContext by reference keeps one object for the whole request.
 */
export interface ApolloContextValue {
  readonly gateway: GatewayContext;
}

export function createGatewayContext(req: http.IncomingMessage): GatewayContext {
  return {
    requestId: randomUUID(),
    receivedAt: Date.now(),
    http: {
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      headers: req.headers,
      remoteAddress: req.socket.remoteAddress ?? null,
    },
    caller: null,
  };
}

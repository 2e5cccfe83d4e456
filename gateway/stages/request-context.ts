/**
 * What the gateway knows about one request while it runs. Created when the request arrives,
 * before authentication, so every request (refused ones too) has one for the audit record.
 * What only one stage decides (the sharing policy's plan, say) stays with that stage, in a
 * `stageState` slot it owns, and reaches a later stage through the accessor the owner exports.
 */
import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import type { DocumentNode, ExecutionResult } from 'graphql';
import type { CallerIdentity } from '../../contracts/caller/caller-identity';
import type { Delivery } from '../../contracts/audit/record-delivery';

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
  credentials?: {
    readonly subject: string;
    readonly tokenId: string | null;
    readonly expiresAt: Date;
  };
  /** The operation as planned, after any operation stage edited it. Unset if it never got that far. */
  operation?: { readonly document: DocumentNode; readonly operationName: string | null };
  /** The gateway's execution result before serialisation. Unset when execution did not run. */
  result?: ExecutionResult;
  /**
   * How the response leaves when not as the JSON body (a workbench export, graphql-endpoint.ts
   * `run`): set when the request arrives, so its audit record says so whatever becomes of it.
   */
  readonly delivery?: Delivery;
}

/**
 * What Apollo Server carries as its context value. Apollo shallow-copies the context for each
 * operation, so a field written on it during execution would be lost to the stages that run
 * after; holding the GatewayContext by reference keeps one object for the whole request.
 */
export interface ApolloContextValue {
  readonly gateway: GatewayContext;
}

export function createGatewayContext(
  req: http.IncomingMessage,
  delivery?: Delivery,
): GatewayContext {
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
    ...(delivery ? { delivery } : {}),
  };
}

/**
 * One stage's state for each request, kept by the stage: the context carries nothing a generic
 * pipeline would need to know the type of. Held weakly, so it goes with the request.
 */
export interface StageState<T> {
  get(context: GatewayContext): T | undefined;
  set(context: GatewayContext, value: T): void;
}

export function stageState<T>(): StageState<T> {
  const values = new WeakMap<GatewayContext, T>();
  return {
    get: (context) => values.get(context),
    set: (context, value) => void values.set(context, value),
  };
}

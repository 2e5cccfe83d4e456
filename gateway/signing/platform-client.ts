/**
 * The gateway's own GraphQL calls to subgraphs (the application registry for authentication,
 * grants for the sharing policy), signed like the fetches of query plans so the subgraphs
 * accept them, as the platform itself (GATEWAY_CALLER) unless told otherwise. One keep-alive
 * pool per subgraph, opened on first use; every call has a deadline.
 *
 * Unlike query execution, which carries on with partial data, a platform call either returns
 * complete data or throws PlatformCallError: a registry answer or grant list with errors in it
 * is not something to make security decisions on.
 */
import { randomUUID } from 'node:crypto';
import type { GraphQLFormattedError } from 'graphql';
import { Pool } from 'undici';
import { GATEWAY_CALLER } from '../../contracts/caller/caller-identity';
import type { CallerIdentity } from '../../contracts/caller/caller-identity';
import { classifyFetchError } from '../execution/subgraph-failure';
import { isFailure, readGraphQLResponse } from '../execution/subgraph-response';
import { signatureHeaders } from '../../contracts/signing/subgraph-signature';

export type PlatformCallFailure =
  /** No URL is known for the subgraph named. */
  | 'UNKNOWN_SUBGRAPH'
  /** No answer within the deadline, refused or broken connection. */
  | 'UNREACHABLE'
  /** An answer that is not a GraphQL response (HTTP error without a GraphQL body, garbage). */
  | 'BAD_RESPONSE'
  /** A GraphQL response with errors (including the subgraph's 401 for a bad signature) or without data. */
  | 'GRAPHQL_ERRORS';

export class PlatformCallError extends Error {
  constructor(
    readonly subgraph: string,
    readonly failure: PlatformCallFailure,
    message: string,
    /** The subgraph's GraphQL errors, for GRAPHQL_ERRORS. */
    readonly errors: readonly GraphQLFormattedError[] = [],
  ) {
    super(`${subgraph}: ${message}`);
    this.name = 'PlatformCallError';
  }
}

export interface PlatformClient {
  /**
   * Runs one operation against one subgraph and returns its `data`.
   * @param caller whom the subgraph sees as calling. @default GATEWAY_CALLER
   * @throws PlatformCallError
   */
  query<T>(
    subgraph: string,
    query: string,
    variables?: Readonly<Record<string, unknown>>,
    caller?: CallerIdentity,
  ): Promise<T>;
  /** Closes the connections; calls in flight finish first (bounded by their deadline). */
  close(): Promise<void>;
}

export interface PlatformClientOptions {
  /** Subgraph name -> GraphQL endpoint, e.g. from composition/subgraph-endpoints.ts. */
  readonly subgraphUrls: Readonly<Record<string, string>>;
  readonly secret: Buffer;
  /** Deadline per call, connection included. @default 5000 */
  readonly timeoutMs?: number;
  /** @default 2000 */
  readonly connectTimeoutMs?: number;
  /** Keep-alive connections per subgraph: platform calls are few and cached by their users. @default 4 */
  readonly connections?: number;
  /** Epoch milliseconds, for the signature. @default Date.now */
  readonly now?: () => number;
}

interface Target {
  readonly pool: Pool;
  readonly path: string;
}

export function createPlatformClient(options: PlatformClientOptions): PlatformClient {
  const timeoutMs = options.timeoutMs ?? 5000;
  const now = options.now ?? Date.now;
  const targets = new Map<string, Target>();

  const targetOf = (subgraph: string): Target => {
    let target = targets.get(subgraph);
    if (target) return target;
    const url = options.subgraphUrls[subgraph];
    if (!url)
      throw new PlatformCallError(
        subgraph,
        'UNKNOWN_SUBGRAPH',
        `no URL for subgraph "${subgraph}"; known: ${Object.keys(options.subgraphUrls).join(', ')}`,
      );
    const parsed = new URL(url);
    target = {
      path: `${parsed.pathname}${parsed.search}`,
      pool: new Pool(parsed.origin, {
        connections: options.connections ?? 4,
        connect: { timeout: options.connectTimeoutMs ?? 2000 },
        // Shorter than the subgraphs' 65 s, so this side closes idle sockets first.
        keepAliveTimeout: 30_000,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      }),
    };
    targets.set(subgraph, target);
    return target;
  };

  return {
    async query<T>(
      subgraph: string,
      query: string,
      variables: Readonly<Record<string, unknown>> = {},
      caller: CallerIdentity = GATEWAY_CALLER,
    ): Promise<T> {
      const { pool, path } = targetOf(subgraph);
      const body = JSON.stringify({ query, variables });
      const headers = {
        'content-type': 'application/json',
        accept: 'application/json',
        ...signatureHeaders({
          subgraph,
          path,
          body,
          caller,
          requestId: randomUUID(),
          secret: options.secret,
          now: now(),
        }),
      };
      const abort = new AbortController();
      const deadline = setTimeout(() => abort.abort(), timeoutMs);
      let status: number;
      let text: string;
      try {
        const response = await pool.request({
          path,
          method: 'POST',
          headers,
          body,
          signal: abort.signal,
        });
        status = response.statusCode;
        text = await response.body.text();
      } catch (err) {
        const failure = classifyFetchError(err, abort.signal.aborted, timeoutMs);
        throw new PlatformCallError(subgraph, 'UNREACHABLE', failure.detail);
      } finally {
        clearTimeout(deadline);
      }
      const result = readGraphQLResponse(status, text);
      if (isFailure(result)) throw new PlatformCallError(subgraph, 'BAD_RESPONSE', result.detail);
      if (result.errors?.length) {
        throw new PlatformCallError(
          subgraph,
          'GRAPHQL_ERRORS',
          result.errors
            .map(
              (e) => `${e.message}${e.extensions?.code ? ` (${String(e.extensions.code)})` : ''}`,
            )
            .join('; '),
          result.errors,
        );
      }
      if (result.data === undefined || result.data === null)
        throw new PlatformCallError(subgraph, 'GRAPHQL_ERRORS', 'the response has no data');
      return result.data as T;
    },
    async close() {
      await Promise.all([...targets.values()].map((t) => t.pool.close()));
      targets.clear();
    },
  };
}

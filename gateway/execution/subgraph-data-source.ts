/**
 * The gateway's client for one subgraph, replacing Apollo's RemoteGraphQLDataSource.
 *
 * Why not the default: it sends through make-fetch-happen (an HTTP-cache-aware fetch built on
 * minipass streams) and builds node-fetch Headers and a Request object per fetch, none of
 * which a loopback POST needs. Here each subgraph gets an undici Pool of keep-alive
 * connections and the request API (not undici's fetch, whose WHATWG streams cost more per
 * call), which is what lets the gateway outpace a default ApolloGateway.
 *
 * Every fetch has a hard deadline. A subgraph that refuses, breaks or misses it becomes a
 * SUBGRAPH_UNAVAILABLE error in the response and the gateway carries on with the data it has;
 * no request hangs on a subgraph. There are no retries: a retry doubles the load on a
 * struggling subgraph, and a mutation must never run twice.
 */
import { Pool } from 'undici';
import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
// The enum is not re-exported from the package root.
import { GraphQLDataSourceRequestKind } from '@apollo/gateway/dist/datasources/types';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import type { ApolloContextValue } from '../stages/request-context';
import { HookPipeline, runObservers, runStage } from '../stages/stage-hooks';
import { classifyFetchError, subgraphUnavailable } from './subgraph-failure';
import { isFailure, readGraphQLResponse } from './subgraph-response';

export interface SubgraphClientOptions {
  /** The subgraph's name in the supergraph (e.g. `legal-entity`); errors name it. */
  name: string;
  url: string;
  /** Deadline per fetch, from sending to the last byte of the answer. */
  timeoutMs: number;
  connectTimeoutMs: number;
  /** Upper bound on open connections; further fetches queue in the pool. */
  connections: number;
  hooks: HookPipeline;
}

/** A subgraph answer larger than this is refused: a bound on the gateway's memory per fetch. */
const MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

export class SubgraphDataSource implements GraphQLDataSource<ApolloContextValue> {
  private readonly pool: Pool;
  private readonly path: string;

  constructor(private readonly options: SubgraphClientOptions) {
    const url = new URL(options.url);
    this.path = `${url.pathname}${url.search}`;
    this.pool = new Pool(url.origin, {
      connections: options.connections,
      connect: { timeout: options.connectTimeoutMs },
      // Subgraphs keep idle sockets for 65 s; closing ours first avoids reusing a socket the
      // server is closing at the same moment.
      keepAliveTimeout: 30_000,
      keepAliveMaxTimeout: 60_000,
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
      maxResponseSize: MAX_RESPONSE_BYTES,
    });
  }

  get name(): string {
    return this.options.name;
  }

  async process(
    options: GraphQLDataSourceProcessOptions<ApolloContextValue>,
  ): Promise<GatewayGraphQLResponse> {
    const { request } = options;
    const body = JSON.stringify({
      query: request.query,
      variables: request.variables,
      operationName: request.operationName,
    });
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: 'application/json',
    };
    const { onSubgraphRequest, onSubgraphResponse } = this.options.hooks;
    const context =
      options.kind === GraphQLDataSourceRequestKind.INCOMING_OPERATION
        ? (options.context as ApolloContextValue).gateway
        : null;
    if (onSubgraphRequest.length > 0)
      await runStage(onSubgraphRequest, {
        subgraph: this.options.name,
        url: this.options.url,
        body,
        headers,
        context,
      });
    if (onSubgraphResponse.length === 0) return (await this.send(body, headers)).response;
    const started = performance.now();
    const sent = await this.send(body, headers);
    const outcome = {
      subgraph: this.options.name,
      context,
      headers,
      durationMs: performance.now() - started,
      status: sent.status,
      failure: sent.failure,
    };
    // Observers only: whatever they do, the answer goes on as it came.
    await runObservers(onSubgraphResponse, outcome);
    return sent.response;
  }

  private async send(
    body: string,
    headers: Record<string, string>,
  ): Promise<{
    response: GatewayGraphQLResponse;
    status: number | null;
    failure: string | null;
  }> {
    const { name, timeoutMs } = this.options;
    const abort = new AbortController();
    const deadline = setTimeout(() => abort.abort(), timeoutMs);
    let status: number | null = null;
    try {
      const response = await this.pool.request({
        path: this.path,
        method: 'POST',
        headers,
        body,
        signal: abort.signal,
      });
      status = response.statusCode;
      const text = await response.body.text();
      const result = readGraphQLResponse(response.statusCode, text);
      return isFailure(result)
        ? {
            response: { errors: [subgraphUnavailable(name, result)] },
            status,
            failure: result.reason,
          }
        : { response: result, status, failure: null };
    } catch (err) {
      const failure = classifyFetchError(err, abort.signal.aborted, timeoutMs);
      return {
        response: { errors: [subgraphUnavailable(name, failure)] },
        status,
        failure: failure.reason,
      };
    } finally {
      clearTimeout(deadline);
    }
  }

  /** Closes idle connections and waits for fetches in flight (bounded by their deadline). */
  async close(): Promise<void> {
    await this.pool.close();
  }
}

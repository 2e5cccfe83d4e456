/** Where the gateway finds each subgraph, and how long it waits for one. */
import { envName, parsePort } from '../../contracts/env-values';
import { integerSetting, SettingsEnv } from '../../contracts/settings/setting-values';
import { SUBGRAPHS, SubgraphName } from '../../contracts/subgraph-directory';

export interface SubgraphFetchSettings {
  /**
   * Where each subgraph really is, overriding the URL composed into the supergraph:
   * `<NAME>_URL` (e.g. `LEGAL_ENTITY_URL=http://10.0.0.5:4002/graphql`), or `<NAME>_PORT` for
   * a subgraph on loopback at another port (the same variable the subgraph itself reads).
   * @default {}: the supergraph's URLs
   */
  readonly subgraphUrls: Readonly<Partial<Record<SubgraphName, string>>>;
  /**
   * Deadline for one subgraph fetch, connection included (`SUBGRAPH_TIMEOUT_MS`). A subgraph
   * that misses it yields SUBGRAPH_UNAVAILABLE and partial data, never a hung request.
   * @default 5000
   */
  readonly subgraphTimeoutMs: number;
  /** Deadline for opening a TCP connection to a subgraph (`SUBGRAPH_CONNECT_TIMEOUT_MS`). @default 2000 */
  readonly subgraphConnectTimeoutMs: number;
  /** Keep-alive connections per subgraph (`SUBGRAPH_CONNECTIONS`); fetches beyond it queue. @default 64 */
  readonly subgraphConnections: number;
  /**
   * Who runs query plans (`GATEWAY_EXECUTOR`): `lean`, the gateway's own executor
   * (gateway/execution/plan-execution/), which hands what it does not run to Apollo's; or
   * `apollo`, ApolloGateway's executor for everything, to compare or to fall back on.
   * @default 'lean'
   */
  readonly executor: 'lean' | 'apollo';
}

function executorSetting(env: SettingsEnv): 'lean' | 'apollo' {
  const value = env.GATEWAY_EXECUTOR;
  if (value === undefined || value === '' || value === 'lean') return 'lean';
  if (value === 'apollo') return 'apollo';
  throw new Error(`GATEWAY_EXECUTOR must be lean or apollo, got "${value}"`);
}

function httpUrl(variable: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(
      `${variable} is not a URL: "${value}" (expected e.g. http://127.0.0.1:4001/graphql)`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`${variable} must be an http:// or https:// URL, got "${value}"`);
  }
  return url.toString();
}

function subgraphUrls(env: SettingsEnv): Partial<Record<SubgraphName, string>> {
  const urls: Partial<Record<SubgraphName, string>> = {};
  for (const { name } of SUBGRAPHS) {
    const urlVar = envName(name, 'URL');
    const portVar = envName(name, 'PORT');
    const url = env[urlVar];
    if (url) urls[name] = httpUrl(urlVar, url);
    else if (env[portVar])
      urls[name] = `http://127.0.0.1:${parsePort(portVar, env[portVar], 0)}/graphql`;
  }
  return urls;
}

export function readSubgraphFetchSettings(env: SettingsEnv): SubgraphFetchSettings {
  return Object.freeze({
    subgraphUrls: Object.freeze(subgraphUrls(env)),
    subgraphTimeoutMs: integerSetting(env, 'SUBGRAPH_TIMEOUT_MS', 5000, 50, 600_000),
    subgraphConnectTimeoutMs: integerSetting(env, 'SUBGRAPH_CONNECT_TIMEOUT_MS', 2000, 50, 600_000),
    subgraphConnections: integerSetting(env, 'SUBGRAPH_CONNECTIONS', 64, 1, 10_000),
    executor: executorSetting(env),
  });
}

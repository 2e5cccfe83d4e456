/**
 * The gateway's settings, read and validated once from the environment into a frozen object.
 * An invalid value stops start-up with a message naming the variable, rather than surfacing
 * later as a confusing runtime failure.
 */
import path from 'node:path';
import { envName, parsePort } from '../subgraphs/kit/subgraph-config';
import { SUBGRAPHS, SubgraphName } from '../subgraphs/services';

export interface GatewayConfig {
  /** Interface to listen on (`GATEWAY_HOST`). @default 127.0.0.1: loopback until deliberately exposed. */
  readonly host: string;
  /** `GATEWAY_PORT`; 0 picks a free port (tests). @default 4000 */
  readonly port: number;
  /** The composed supergraph the gateway serves (`SUPERGRAPH_PATH`). @default schema/supergraph.graphql */
  readonly supergraphPath: string;
  /**
   * Where each subgraph really is, overriding the URL composed into the supergraph:
   * `<NAME>_URL` (e.g. `LEGAL_ENTITY_URL=http://10.0.0.5:4002/graphql`), or `<NAME>_PORT` for
   * a subgraph on loopback at another port (the same variable the subgraph itself reads).
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
  /** Serve the self-hosted GraphiQL page on GET with Accept: text/html (`GATEWAY_GRAPHIQL`). @default true */
  readonly graphiql: boolean;
  /** Answer introspection queries (`GATEWAY_INTROSPECTION`); GraphiQL needs it. @default true */
  readonly introspection: boolean;
}

type Env = Readonly<Record<string, string | undefined>>;

export const DEFAULT_GATEWAY_PORT = 4000;
export const DEFAULT_SUPERGRAPH_PATH = path.resolve(__dirname, '../schema/supergraph.graphql');

function integer(env: Env, variable: string, fallback: number, min: number, max: number): number {
  const value = env[variable];
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${variable} must be an integer from ${min} to ${max}, got "${value}"`);
  return n;
}

function flag(env: Env, variable: string, fallback: boolean): boolean {
  const value = env[variable];
  if (value === undefined || value === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(value)) return true;
  if (/^(0|false|no|off)$/i.test(value)) return false;
  throw new Error(`${variable} must be true or false, got "${value}"`);
}

function httpUrl(variable: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${variable} is not a URL: "${value}" (expected e.g. http://127.0.0.1:4001/graphql)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`${variable} must be an http:// or https:// URL, got "${value}"`);
  return url.toString();
}

function subgraphUrls(env: Env): Partial<Record<SubgraphName, string>> {
  const urls: Partial<Record<SubgraphName, string>> = {};
  for (const { name } of SUBGRAPHS) {
    const urlVar = envName(name, 'URL');
    const portVar = envName(name, 'PORT');
    const url = env[urlVar];
    if (url) urls[name] = httpUrl(urlVar, url);
    else if (env[portVar]) urls[name] = `http://127.0.0.1:${parsePort(portVar, env[portVar], 0)}/graphql`;
  }
  return urls;
}

export function readGatewayConfig(env: Env = process.env): GatewayConfig {
  return Object.freeze({
    host: env.GATEWAY_HOST || '127.0.0.1',
    port: parsePort('GATEWAY_PORT', env.GATEWAY_PORT, DEFAULT_GATEWAY_PORT),
    supergraphPath: env.SUPERGRAPH_PATH ? path.resolve(env.SUPERGRAPH_PATH) : DEFAULT_SUPERGRAPH_PATH,
    subgraphUrls: Object.freeze(subgraphUrls(env)),
    subgraphTimeoutMs: integer(env, 'SUBGRAPH_TIMEOUT_MS', 5000, 50, 600_000),
    subgraphConnectTimeoutMs: integer(env, 'SUBGRAPH_CONNECT_TIMEOUT_MS', 2000, 50, 600_000),
    subgraphConnections: integer(env, 'SUBGRAPH_CONNECTIONS', 64, 1, 10_000),
    graphiql: flag(env, 'GATEWAY_GRAPHIQL', true),
    introspection: flag(env, 'GATEWAY_INTROSPECTION', true),
  });
}

/** The URL a browser or client uses: a wildcard listen address is reached as localhost. */
export function publicBaseUrl(host: string, port: number): string {
  const shown = host === '0.0.0.0' || host === '::' || host === '127.0.0.1' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return `http://${shown}:${port}`;
}

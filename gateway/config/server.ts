/** Where the gateway listens and what it serves there. */
import path from 'node:path';
import { parsePort } from '../../contracts/env-values';
import { SUPERGRAPH_PATH } from '../../contracts/schema-files';
import { SettingsEnv, switchSetting } from '../../contracts/settings/setting-values';

export interface ServerSettings {
  /** Interface to listen on (`GATEWAY_HOST`). @default 127.0.0.1: loopback until deliberately exposed. */
  readonly host: string;
  /** `GATEWAY_PORT`; 0 picks a free port (tests). @default 4000 */
  readonly port: number;
  /** The composed supergraph the gateway serves (`SUPERGRAPH_PATH`). @default schema/supergraph.graphql */
  readonly supergraphPath: string;
  /** Serve the self-hosted GraphiQL page on GET with Accept: text/html (`GATEWAY_GRAPHIQL`). @default true */
  readonly graphiql: boolean;
  /** Answer introspection queries (`GATEWAY_INTROSPECTION`); GraphiQL needs it. @default true */
  readonly introspection: boolean;
}

export const DEFAULT_GATEWAY_PORT = 4000;

export function readServerSettings(env: SettingsEnv): ServerSettings {
  return Object.freeze({
    host: env.GATEWAY_HOST || '127.0.0.1',
    port: parsePort('GATEWAY_PORT', env.GATEWAY_PORT, DEFAULT_GATEWAY_PORT),
    supergraphPath: env.SUPERGRAPH_PATH ? path.resolve(env.SUPERGRAPH_PATH) : SUPERGRAPH_PATH,
    graphiql: switchSetting(env, 'GATEWAY_GRAPHIQL', true),
    introspection: switchSetting(env, 'GATEWAY_INTROSPECTION', true),
  });
}

/** The URL a browser or client uses: a wildcard listen address is reached as localhost. */
export function publicBaseUrl(host: string, port: number): string {
  const shown =
    host === '0.0.0.0' || host === '::' || host === '127.0.0.1'
      ? 'localhost'
      : host.includes(':')
        ? `[${host}]`
        : host;
  return `http://${shown}:${port}`;
}

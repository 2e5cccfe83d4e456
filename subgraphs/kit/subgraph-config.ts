/**
 * A subgraph's settings, read and validated once from the environment. An invalid value stops
 * start-up with a message naming the variable.
 */
import { subgraphByName } from '../services';
import { databaseTarget, DatabaseTarget } from './database';

export interface SubgraphConfig {
  readonly name: string;
  readonly host: string;
  readonly port: number;
  readonly database: DatabaseTarget;
}

export function envName(subgraph: string, suffix: string): string {
  return `${subgraph.replace(/-/g, '_').toUpperCase()}_${suffix}`;
}

export function parsePort(variable: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`${variable} must be a port number (0-65535), got "${value}"`);
  return n;
}

export function readSubgraphConfig(name: string, env: NodeJS.ProcessEnv = process.env): SubgraphConfig {
  const service = subgraphByName(name);
  const portVar = envName(name, 'PORT');
  return Object.freeze({
    name,
    host: env.SUBGRAPH_HOST || '127.0.0.1',
    port: parsePort(portVar, env[portVar], service.port),
    database: databaseTarget(name, env),
  });
}

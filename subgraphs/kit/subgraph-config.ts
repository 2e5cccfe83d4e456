/**
 * A subgraph's settings, read and validated once from the environment. An invalid value stops
 * start-up with a message naming the variable.
 */
import { subgraphByName } from '../../contracts/subgraph-directory';
import { databaseTarget, DatabaseTarget } from '../../contracts/database/database';
import { envName, parsePort } from '../../contracts/env-values';

export interface SubgraphConfig {
  readonly name: string;
  readonly host: string;
  readonly port: number;
  readonly database: DatabaseTarget;
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

/**
 * A seeded database for one subgraph in a throw-away location: a SQLite file in a temp folder,
 * or, with `backend: 'mysql'`, a MariaDB database with a unique prefix that is dropped after.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Knex } from 'knex';
import { DatabaseTarget, databaseTarget, dropDatabase } from '../../contracts/database/database';
import { prepareDatabase } from '../../subgraphs/kit/prepare-database';
import { SubgraphModule } from '../../subgraphs/kit/subgraph-module';

export interface TempDatabaseOptions {
  persons?: number;
  seed?: number;
  backend?: 'sqlite' | 'mysql';
  /** Skip seeding: tables only. */
  empty?: boolean;
}

export interface TempDatabase {
  db: Knex;
  target: DatabaseTarget;
  cleanup(): Promise<void>;
}

let counter = 0;

export function uniqueSuffix(): string {
  return `${process.pid}_${Date.now().toString(36)}_${counter++}`;
}

export async function createTempDatabase(
  module: SubgraphModule<any>,
  options: TempDatabaseOptions = {},
): Promise<TempDatabase> {
  const backend = options.backend ?? 'sqlite';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shujutong-'));
  const env =
    backend === 'mysql'
      ? { MYSQL_URL: requireMysqlUrl(), SHUJUTONG_DB_PREFIX: `sjt_test_${uniqueSuffix()}` }
      : { DATA_DIR: dir };
  const target = databaseTarget(module.name, env);
  const db = await prepareDatabase(
    module,
    target,
    options.empty
      ? {}
      : { seedIfEmpty: { seed: options.seed ?? 7, persons: options.persons ?? 2000 } },
  );
  return {
    db,
    target,
    async cleanup() {
      await db.destroy();
      await dropDatabase(target);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function requireMysqlUrl(): string {
  const url = process.env.MYSQL_URL;
  if (!url) throw new Error('MYSQL_URL is not set');
  return url;
}

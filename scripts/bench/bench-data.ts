/**
 * The bench's own databases: SQLite files in a folder of their own (data/bench), or MariaDB
 * databases under a prefix of their own when MYSQL_URL is set, seeded with a demo city of the
 * asked size. Data of another size or seed is dropped and seeded again, so figures always
 * belong to the city the command line names.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  databaseTarget,
  DatabaseEnv,
  dataDir,
  dropDatabase,
  openDatabase,
} from '../../contracts/database/database';
import { registeredModules } from '../../subgraphs/prepare-all';
import { prepareWithProgress } from '../start/prepare-with-progress';

/** MariaDB database-name prefix of the bench (the subgraphs' own default is `shujutong`). */
export const BENCH_DB_PREFIX = 'sjt_gwbench';

export interface BenchWorld {
  persons: number;
  seed: number;
}

export function benchDatabaseEnv(
  dataDir: string,
  env: NodeJS.ProcessEnv = process.env,
): DatabaseEnv {
  const dir = path.resolve(dataDir);
  return env.MYSQL_URL
    ? {
        DATA_DIR: dir,
        MYSQL_URL: env.MYSQL_URL,
        SHUJUTONG_DB_PREFIX: env.SHUJUTONG_DB_PREFIX || BENCH_DB_PREFIX,
      }
    : { DATA_DIR: dir };
}

async function seededWorld(name: string, env: DatabaseEnv): Promise<BenchWorld | null> {
  const db = await openDatabase(databaseTarget(name, env), { poolMax: 1 });
  try {
    if (!(await db.schema.hasTable('seed_info'))) return null;
    const row: { seed: number; persons: number } | undefined = await db('seed_info').first();
    return row ? { seed: Number(row.seed), persons: Number(row.persons) } : null;
  } finally {
    await db.destroy();
  }
}

/**
 * Empties the bench's audit trail: its database and the gateways' journals. Shipping a record
 * costs more the larger the (subject_hash, time) index it lands in, so a run that inherited the
 * previous runs' trail measured the history of the folder as much as the code; every run now
 * starts from none.
 */
export async function startAuditAfresh(env: DatabaseEnv): Promise<void> {
  await dropDatabase(databaseTarget('audit', env));
  fs.rmSync(path.join(dataDir(env), 'audit'), { recursive: true, force: true });
}

/**
 * Makes every subgraph database hold the asked city. prepareWithProgress reads the database
 * settings from process.env, so they are set there: this process is the bench and nothing else.
 */
export async function prepareBenchData(
  env: DatabaseEnv,
  world: BenchWorld,
  log: (line: string) => void,
): Promise<void> {
  Object.assign(process.env, env);
  const modules = registeredModules();
  const worlds = await Promise.all(modules.map((m) => seededWorld(m.name, env)));
  const stale = modules.filter(
    (_, i) =>
      worlds[i] !== null &&
      (worlds[i]!.persons !== world.persons || worlds[i]!.seed !== world.seed),
  );
  if (stale.length > 0) {
    log(
      `the bench data holds another city (${stale.map((m) => m.name).join(', ')}): seeding it again`,
    );
    await Promise.all(modules.map((m) => dropDatabase(databaseTarget(m.name, env))));
  }
  await prepareWithProgress(world);
}

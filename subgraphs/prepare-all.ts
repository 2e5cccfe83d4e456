/**
 * Brings every subgraph's database up to date and seeds the demo city where it is empty (or
 * everywhere, with `reset`). Used by `npm start` and `npm run seed`.
 */
import { Knex } from 'knex';
import { WorldOptions } from '../domain/demo/world';
import {
  databaseTarget,
  DatabaseEnv,
  dropDatabase,
  openDatabase,
} from '../contracts/database/database';
import { migrateToLatest } from '../contracts/database/migrations';
import { isSeeded, clearTables, seedDatabase } from './kit/prepare-database';
import { SeedReporter } from './kit/subgraph-module';
import type { AnySubgraphModule } from './kit/subgraph-module';
import { SUBGRAPH_MODULES } from './modules';
import { SUBGRAPHS, SubgraphName } from '../contracts/subgraph-directory';

export interface PrepareAllOptions {
  world: WorldOptions;
  /** Drop and re-seed even where data exists. */
  reset?: boolean;
  only?: SubgraphName[];
  env?: DatabaseEnv;
  reporter?: SeedReporter;
  /** Called once per subgraph with what happened to it. */
  onSubgraph?: (name: SubgraphName, outcome: 'seeded' | 'kept') => void;
}

export function registeredModules(only?: SubgraphName[]): AnySubgraphModule[] {
  return SUBGRAPHS.filter((s) => !only || only.includes(s.name))
    .map((s) => SUBGRAPH_MODULES[s.name])
    .filter((m): m is AnySubgraphModule => m !== undefined);
}

async function prepareOne(module: AnySubgraphModule, options: PrepareAllOptions): Promise<void> {
  const target = databaseTarget(module.name, options.env ?? process.env);
  if (module.preserveData) {
    // Evidence (the audit trail): brought up to date, never reset, cleared or seeded.
    const db = await openDatabase(target);
    try {
      await migrateToLatest(db, module.migrations);
    } finally {
      await db.destroy();
    }
    options.onSubgraph?.(module.name, 'kept');
    return;
  }
  if (options.reset) await dropDatabase(target);
  const db: Knex = await openDatabase(target);
  try {
    await migrateToLatest(db, module.migrations);
    if (await isSeeded(db)) {
      options.onSubgraph?.(module.name, 'kept');
      return;
    }
    // A seed that was interrupted leaves rows without the marker: start that subgraph over.
    await clearTables(db, module);
    await seedDatabase(db, module, options.world, options.reporter ?? { written: () => {} });
    options.onSubgraph?.(module.name, 'seeded');
  } finally {
    await db.destroy();
  }
}

/** Seeds the subgraphs concurrently: the database writes one batch while Node builds the next. */
export async function prepareAllDatabases(options: PrepareAllOptions): Promise<void> {
  await Promise.all(registeredModules(options.only).map((m) => prepareOne(m, options)));
}

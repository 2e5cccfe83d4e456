import { Knex } from 'knex';
import { createWorld, WorldOptions } from '../../domain/demo/world';
import { DatabaseTarget, openDatabase } from '../../contracts/database/database';
import { migrateToLatest } from '../../contracts/database/migrations';
import { AnySubgraphModule, SeedReporter } from './subgraph-module';

/** Has this database been seeded? A marker row is written last, so a half-finished seed does not count. */
export async function isSeeded(db: Knex): Promise<boolean> {
  if (!(await db.schema.hasTable('seed_info'))) return false;
  const row = await db('seed_info').first();
  return row !== undefined;
}

export async function seedDatabase(
  db: Knex,
  module: AnySubgraphModule,
  world: WorldOptions,
  reporter: SeedReporter,
): Promise<void> {
  await migrateToLatest(db, module.migrations);
  if (!(await db.schema.hasTable('seed_info'))) {
    await db.schema.createTable('seed_info', (t) => {
      t.integer('seed').notNullable();
      t.integer('persons').notNullable();
      t.string('seeded_at', 30).notNullable();
    });
  }
  await module.seed(db, createWorld(world), reporter);
  await db('seed_info').insert({
    seed: world.seed,
    persons: world.persons,
    seeded_at: new Date().toISOString(),
  });
}

export interface PrepareOptions {
  /** Seed the demo city when the database is empty. */
  seedIfEmpty?: WorldOptions;
  reporter?: SeedReporter;
}

/** Opens the subgraph's database, brings its tables up to date and, if asked, seeds an empty one. */
export async function prepareDatabase(
  module: AnySubgraphModule,
  target: DatabaseTarget,
  options: PrepareOptions = {},
): Promise<Knex> {
  const db = await openDatabase(target);
  await migrateToLatest(db, module.migrations);
  if (options.seedIfEmpty && !module.preserveData && !(await isSeeded(db))) {
    await clearTables(db, module);
    await seedDatabase(db, module, options.seedIfEmpty, options.reporter ?? { written: () => {} });
  }
  return db;
}

/** Empties the subgraph's tables (an interrupted seed leaves partial rows behind). */
export async function clearTables(db: Knex, module: AnySubgraphModule): Promise<void> {
  if (module.preserveData)
    throw new Error(
      `the ${module.name} database holds records the platform wrote; it is never cleared`,
    );
  await module.migrations.reduceRight(async (prev, m) => {
    await prev;
    await m.down(db);
  }, Promise.resolve());
  await db('knex_migrations').del();
  await migrateToLatest(db, module.migrations);
}

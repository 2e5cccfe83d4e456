/**
 * npm run seed -- [--persons N] [--seed S] [--reset] [--only population,spatial]
 * Fills every subgraph's database with the deterministic demo city, printing progress and the
 * load rate. Targets SQLite under ./data, or MariaDB when MYSQL_URL is set.
 */
import { parseArgs } from 'node:util';
import { prepareAllDatabases, registeredModules } from '../subgraphs/prepare-all';
import { SeedProgress } from '../subgraphs/kit/seed-progress';
import { databaseTarget } from '../contracts/database/database';
import { SUBGRAPHS, SubgraphName } from '../contracts/subgraph-directory';
import { entityCountFor } from '../domain/demo/world';
import { positiveInt } from './cli/positive-int';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      persons: { type: 'string' },
      seed: { type: 'string' },
      reset: { type: 'boolean', default: false },
      only: { type: 'string' },
    },
  });
  const persons = positiveInt('--persons', values.persons ?? process.env.SEED_PERSONS, 20_000);
  const seed = positiveInt('--seed', values.seed, 20171);
  const only = values.only?.split(',').map((s) => s.trim()) as SubgraphName[] | undefined;
  const unknown = only?.filter((n) => !SUBGRAPHS.some((s) => s.name === n));
  if (unknown?.length) throw new Error(`--only: unknown subgraph(s) ${unknown.join(', ')}`);

  const modules = registeredModules(only);
  const where =
    databaseTarget(modules[0]?.name ?? 'population').client === 'mysql'
      ? `MariaDB (${process.env.MYSQL_URL})`
      : 'SQLite files under ./data';
  console.log(
    `Seeding ${modules.map((m) => m.name).join(', ')} into ${where}: ${persons.toLocaleString('en-US')} persons, ${entityCountFor(persons).toLocaleString('en-US')} legal entities, seed ${seed}${values.reset ? ' (reset)' : ''}`,
  );

  const progress = new SeedProgress();
  const interactive = process.stdout.isTTY;
  const timer = setInterval(
    () => {
      const line = `  ${progress.line()}`;
      if (interactive) process.stdout.write(`\r${line}   `);
      else console.log(line);
    },
    interactive ? 500 : 5000,
  );
  try {
    await prepareAllDatabases({
      world: { persons, seed },
      reset: values.reset,
      only,
      reporter: progress,
      onSubgraph: (name, outcome) => {
        if (interactive) process.stdout.write('\n');
        console.log(
          `  ${name}: ${outcome === 'seeded' ? 'seeded' : 'already seeded, kept (use --reset to replace)'}`,
        );
      },
    });
  } finally {
    clearInterval(timer);
  }
  console.log(`Done: ${progress.line()}`);
  for (const [table, rows] of progress.tables())
    console.log(`  ${table.padEnd(28)} ${rows.toLocaleString('en-US').padStart(12)}`);
}

main().catch((err) => {
  console.error(`seed failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});

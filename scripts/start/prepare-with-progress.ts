/** Migrates every subgraph database and seeds the empty ones, showing rows and rate as it goes. */
import { WorldOptions } from '../../domain/demo/world';
import { SeedProgress } from '../../subgraphs/kit/seed-progress';
import { prepareAllDatabases } from '../../subgraphs/prepare-all';
import { SubgraphName } from '../../contracts/subgraph-directory';

export async function prepareWithProgress(
  world: WorldOptions,
  only?: SubgraphName[],
): Promise<void> {
  const progress = new SeedProgress();
  const interactive = process.stdout.isTTY;
  let lastShown = 0;
  const show = () => {
    if (progress.rows === lastShown) return;
    lastShown = progress.rows;
    if (interactive) process.stdout.write(`\r  seeding: ${progress.line()}   `);
    else console.log(`  seeding: ${progress.line()}`);
  };
  const timer = setInterval(show, interactive ? 250 : 3000);
  try {
    await prepareAllDatabases({
      world,
      only,
      reporter: progress,
      onSubgraph: (name, outcome) => {
        if (interactive && progress.rows > 0) process.stdout.write('\r\x1b[K');
        console.log(
          `  ${name.padEnd(14)} ${outcome === 'seeded' ? 'seeded' : 'ready (existing data kept)'}`,
        );
      },
    });
  } finally {
    clearInterval(timer);
  }
  if (progress.rows > 0) console.log(`  seeded ${progress.line()}`);
}

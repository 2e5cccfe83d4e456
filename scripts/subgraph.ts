/**
 * npm run subgraph -- <name> [--persons N] [--seed S]
 * One subgraph on its own: its database is migrated and, if empty, seeded as `npm start`
 * would, then it serves on its port (<NAME>_PORT) with its background tasks, exactly as the
 * process `npm start` spawns (subgraphs/<name>/index.ts), until Ctrl-C.
 */
import { runSubgraphMain } from '../subgraphs/kit/subgraph-main';
import { SUBGRAPH_SERVICES } from '../subgraphs/modules';
import { SUBGRAPHS, SubgraphName } from '../contracts/subgraph-directory';
import { prepareWithProgress } from './start/prepare-with-progress';
import { readStartOptions } from './start/start-options';

async function main(): Promise<void> {
  const [name, ...rest] = process.argv.slice(2);
  const known = SUBGRAPHS.map((s) => s.name).join(', ');
  if (!name) throw new Error(`usage: npm run subgraph -- <name>, with name one of ${known}`);
  if (!SUBGRAPHS.some((s) => s.name === name))
    throw new Error(`unknown subgraph "${name}"; known: ${known}`);
  const service = SUBGRAPH_SERVICES[name as SubgraphName];
  if (!service) throw new Error(`subgraph "${name}" is not registered in subgraphs/modules.ts yet`);
  const options = readStartOptions(rest, process.env);
  await prepareWithProgress({ persons: options.persons, seed: options.seed }, [service.name]);
  await runSubgraphMain(service);
}

main().catch((err: unknown) => {
  console.error(`[subgraph] ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});

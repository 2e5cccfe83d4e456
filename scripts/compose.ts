/**
 * npm run compose
 * Composes the registered subgraphs into schema/supergraph.graphql. Composition errors are
 * printed with their code and location and exit 1, leaving the committed file untouched;
 * hints are printed as warnings.
 */
import fs from 'node:fs';
import path from 'node:path';
import { formatProblem } from './compose/compose-supergraph';
import {
  composeRegisteredSupergraph,
  SUPERGRAPH_PATH,
  supergraphFileText,
} from './compose/supergraph-file';

function firstLine(text: string): string {
  const [first, ...rest] = text.split('\n');
  return rest.length > 0 ? `${first} (${rest.length} more lines)` : first;
}

function main(): number {
  const { subgraphs, outcome } = composeRegisteredSupergraph();
  if (subgraphs.length === 0) {
    console.error('compose: no subgraph is registered in subgraphs/modules.ts');
    return 1;
  }
  if (!outcome.ok) {
    console.error(
      `compose: ${outcome.errors.length} composition error(s) in ${subgraphs.join(', ')}:\n`,
    );
    for (const problem of outcome.errors) console.error(`${formatProblem(problem)}\n`);
    console.error(`${path.relative(process.cwd(), SUPERGRAPH_PATH)} was not changed.`);
    return 1;
  }
  // Hints quote whole descriptions; the first line says what and the locations say where.
  for (const hint of outcome.hints)
    console.warn(`warning: ${formatProblem({ ...hint, message: firstLine(hint.message) })}`);
  const text = supergraphFileText(outcome.supergraphSdl, subgraphs);
  const previous = fs.existsSync(SUPERGRAPH_PATH) ? fs.readFileSync(SUPERGRAPH_PATH, 'utf8') : null;
  fs.writeFileSync(SUPERGRAPH_PATH, text);
  const state = previous === text ? 'unchanged' : previous === null ? 'written' : 'updated';
  console.log(
    `compose: ${path.relative(process.cwd(), SUPERGRAPH_PATH)} ${state} (${subgraphs.join(', ')}; ${outcome.hints.length} hint(s))`,
  );
  return 0;
}

process.exitCode = main();

/**
 * Refuses a supergraph the resource catalogue does not describe (schema/resource-catalogue.json,
 * README "The resource catalogue"): every classified type needs its entry with all of the
 * catalogue guide's attributes, every code must be well formed and its related codes exist,
 * nothing open that is personal or not shared, and nothing described that the supergraph lacks.
 * Run on the composed supergraph, since a resource's fields come from several subgraphs.
 */
import path from 'node:path';
import { resolveCatalogue } from '../../domain/catalogue/catalogue-coverage';
import type { CatalogueProblem } from '../../domain/catalogue/catalogue-problem';
import { classifySchema } from '../../domain/catalogue/classification';
import {
  parseCatalogueText,
  readCatalogueText,
  RESOURCE_CATALOGUE_PATH,
} from '../../contracts/catalogue/catalogue-file';
import type { CompositionProblem } from './compose-supergraph';
import { jsonPositions, positionOf } from './json-positions';

const ROOT = path.resolve(__dirname, '../..');

/** Every problem of the catalogue file against the supergraph, empty when it fits. */
export function catalogueFileProblems(
  supergraphSdl: string,
  catalogueText: string,
): CatalogueProblem[] {
  const { declaration, problems } = parseCatalogueText(catalogueText);
  // A broken entry is left out of the resolution, which still checks everything else.
  const resolution = resolveCatalogue(declaration, classifySchema(supergraphSdl).fields, {
    complete: true,
  });
  return [...problems, ...resolution.problems];
}

/** The problems as compose reports them: code, message and file:line:column (pointer). */
export function catalogueCompositionProblems(
  supergraphSdl: string,
  file: string = RESOURCE_CATALOGUE_PATH,
): CompositionProblem[] {
  let text: string;
  try {
    text = readCatalogueText(file);
  } catch (err) {
    return [
      { code: 'CATALOGUE_INVALID', message: (err as Error).message, subgraphs: [], locations: [] },
    ];
  }
  const problems = catalogueFileProblems(supergraphSdl, text);
  if (problems.length === 0) return [];
  let positions: ReturnType<typeof jsonPositions> = new Map();
  try {
    positions = jsonPositions(text);
  } catch {
    // Unparsable JSON: the problem says so; every location is the file's start.
  }
  const where = path.relative(ROOT, file);
  return problems.map((p) => {
    const at = positionOf(positions, p.pointer);
    return {
      code: p.code,
      message: p.message,
      subgraphs: [],
      locations: [`${where}:${at.line}:${at.column} (${p.pointer || '/'})`],
    };
  });
}

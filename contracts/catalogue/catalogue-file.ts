/**
 * The catalogue file, schema/resource-catalogue.json: the catalogue guide's metadata for every
 * information resource of the graph, beside the SDL it describes. `npm run compose` checks it
 * against the supergraph; the sharing subgraph and the gateway read it to build the catalogue.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { CatalogueDeclaration } from '../../domain/catalogue/catalogue-declaration';
import { readCatalogueDeclaration } from '../../domain/catalogue/catalogue-reading';
import type { CatalogueProblem } from '../../domain/catalogue/catalogue-problem';
import { SCHEMA_DIR } from '../schema-files';

export const RESOURCE_CATALOGUE_PATH = path.join(SCHEMA_DIR, 'resource-catalogue.json');

/** Reads the catalogue file's text; JSON that does not parse is one problem at the root. */
export function parseCatalogueText(text: string): {
  declaration: CatalogueDeclaration;
  problems: CatalogueProblem[];
} {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return {
      declaration: { resources: new Map() },
      problems: [
        {
          code: 'CATALOGUE_INVALID',
          pointer: '',
          message: `the catalogue file is not JSON: ${(err as Error).message}`,
        },
      ],
    };
  }
  return readCatalogueDeclaration(json);
}

/** The catalogue file's text; a missing file says where it was looked for. */
export function readCatalogueText(file: string = RESOURCE_CATALOGUE_PATH): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(
      `cannot read the resource catalogue at ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
    );
  }
}

/**
 * The declaration of the catalogue file, for a service building its catalogue.
 * @throws when the file is unreadable or has a problem of its own (compose reports these one by one)
 */
export function loadCatalogueDeclaration(
  file: string = RESOURCE_CATALOGUE_PATH,
): CatalogueDeclaration {
  const { declaration, problems } = parseCatalogueText(readCatalogueText(file));
  if (problems.length > 0) throw new CatalogueBuildError(file, problems);
  return declaration;
}

/** The catalogue file does not describe the schema served: listed, so the log says what to fix. */
export class CatalogueBuildError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly CatalogueProblem[],
  ) {
    const shown = problems
      .slice(0, 10)
      .map((p) => `  [${p.code}] ${p.message} (${p.pointer || '/'})`);
    const more =
      problems.length > shown.length ? [`  ... ${problems.length - shown.length} more`] : [];
    super(
      [
        `the resource catalogue ${file} does not fit the supergraph (run \`npm run compose\`):`,
        ...shown,
        ...more,
      ].join('\n'),
    );
    this.name = 'CatalogueBuildError';
  }
}

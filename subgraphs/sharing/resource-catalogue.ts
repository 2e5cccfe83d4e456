/**
 * The resource catalogue (资源目录) the sharing subgraph serves as Query.catalogue: built by
 * contracts/catalogue from the supergraph this subgraph reads (SUPERGRAPH_PATH) and the
 * catalogue file beside the schema, the same way the gateway's workbench builds it.
 */
import {
  loadCatalogueDeclaration,
  RESOURCE_CATALOGUE_PATH,
} from '../../contracts/catalogue/catalogue-file';
import {
  buildResourceCatalogue,
  ResourceCatalogue,
} from '../../contracts/catalogue/resource-catalogue';
import { readSupergraphText } from './coordinate-catalogue';

export type {
  CatalogueEntry as CatalogueItem,
  CatalogueFilter,
  ResourceCatalogue,
} from '../../contracts/catalogue/resource-catalogue';
export { MAX_SEARCH_LENGTH } from '../../contracts/catalogue/resource-catalogue';

/** @throws when either file is missing or the catalogue file does not describe the supergraph */
export function loadResourceCatalogue(
  supergraphFile: string,
  catalogueFile: string = RESOURCE_CATALOGUE_PATH,
): ResourceCatalogue {
  return buildResourceCatalogue(
    readSupergraphText(supergraphFile),
    loadCatalogueDeclaration(catalogueFile),
    catalogueFile,
  );
}

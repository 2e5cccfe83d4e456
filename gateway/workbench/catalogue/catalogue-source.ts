/**
 * The catalogue of the supergraph the gateway serves now: rebuilt when a new supergraph is
 * loaded, otherwise built once. The catalogue file is read on first use and kept, as the
 * supergraph file is: the file and the supergraph change together, by a compose and a restart.
 */
import { loadCatalogueDeclaration } from '../../../contracts/catalogue/catalogue-file';
import type { CatalogueDeclaration } from '../../../domain/catalogue/catalogue-declaration';
import {
  buildResourceCatalogue,
  ResourceCatalogue,
} from '../../../contracts/catalogue/resource-catalogue';

export type CatalogueSource = () => ResourceCatalogue;

export function catalogueSource(
  supergraphSdl: () => string,
  declaration: () => CatalogueDeclaration = loadCatalogueDeclaration,
): CatalogueSource {
  let built: { sdl: string; catalogue: ResourceCatalogue } | null = null;
  let file: CatalogueDeclaration | null = null;
  return () => {
    const sdl = supergraphSdl();
    if (built?.sdl !== sdl) {
      file ??= declaration();
      built = { sdl, catalogue: buildResourceCatalogue(sdl, file) };
    }
    return built.catalogue;
  };
}

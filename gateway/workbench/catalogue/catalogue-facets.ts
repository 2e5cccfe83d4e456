/**
 * The catalogue page's facets: every owner, resource, sharing level and open attribute with the
 * number of items it would show. Each facet is counted under every filter but its own, so an
 * analyst sees what picking another value would give instead of zeros everywhere but the pick.
 */
import {
  OPEN_ATTRIBUTE_NAMES,
  OPEN_ATTRIBUTES,
  SHARING_LEVEL_NAMES,
  SHARING_LEVELS,
} from '../../../domain/catalogue/catalogue-vocabulary';
import { departmentByCode } from '../../../domain/departments';
import type {
  CatalogueEntry,
  CatalogueFilter,
  ResourceCatalogue,
} from '../../../contracts/catalogue/resource-catalogue';

export interface FacetValue {
  readonly code: string;
  readonly name: string;
  readonly count: number;
}

export interface CatalogueFacets {
  readonly owners: readonly FacetValue[];
  /** Resources also carry the GraphQL type they are declared on. */
  readonly resources: readonly (FacetValue & { readonly type: string })[];
  readonly levels: readonly FacetValue[];
  readonly openAttributes: readonly FacetValue[];
}

function counts(
  items: readonly CatalogueEntry[],
  key: (e: CatalogueEntry) => string,
): Map<string, number> {
  const n = new Map<string, number>();
  for (const e of items) n.set(key(e), (n.get(key(e)) ?? 0) + 1);
  return n;
}

export function catalogueFacets(
  catalogue: ResourceCatalogue,
  filter: CatalogueFilter,
): CatalogueFacets {
  const owners = counts(catalogue.items({ ...filter, owner: null }), (e) => e.owner);
  const resources = counts(catalogue.items({ ...filter, resource: null }), (e) => e.resourceCode);
  const levels = counts(catalogue.items({ ...filter, level: null }), (e) => e.sharingLevel);
  const open = counts(catalogue.items({ ...filter, openAttribute: null }), (e) => e.openAttribute);
  const allOwners = [...new Set(catalogue.items().map((e) => e.owner))].sort();
  return {
    owners: allOwners.map((code) => ({
      code,
      name: departmentByCode(code)?.name ?? code,
      count: owners.get(code) ?? 0,
    })),
    resources: catalogue.resources().map((r) => ({
      code: r.code,
      name: r.name,
      type: r.type,
      count: resources.get(r.code) ?? 0,
    })),
    levels: SHARING_LEVELS.map((code) => ({
      code,
      name: SHARING_LEVEL_NAMES[code],
      count: levels.get(code) ?? 0,
    })),
    openAttributes: OPEN_ATTRIBUTES.map((code) => ({
      code,
      name: OPEN_ATTRIBUTE_NAMES[code],
      count: open.get(code) ?? 0,
    })),
  };
}

/**
 * Checks a catalogue filter as a caller gave it, so that Query.catalogue and the workbench's
 * catalogue routes refuse the same arguments with the same words: an owner that is no
 * department, a resource the catalogue does not have, an over-long search.
 */
import { isDepartmentCode } from '../../domain/departments';
import { CatalogueFilter, MAX_SEARCH_LENGTH, ResourceCatalogue } from './resource-catalogue';

export interface FilterProblem {
  /** The argument at fault: owner, resource or search. */
  readonly argument: 'owner' | 'resource' | 'search';
  readonly message: string;
  readonly problem: 'UNKNOWN' | 'LENGTH';
  /** LENGTH: the most characters allowed. */
  readonly max?: number;
}

export function catalogueFilterProblem(
  catalogue: ResourceCatalogue,
  filter: CatalogueFilter,
): FilterProblem | null {
  if (filter.owner && !isDepartmentCode(filter.owner))
    return {
      argument: 'owner',
      problem: 'UNKNOWN',
      message: `"${filter.owner}" is not a registered department`,
    };
  if (filter.resource && !catalogue.resource(filter.resource))
    return {
      argument: 'resource',
      problem: 'UNKNOWN',
      message: `"${filter.resource}" is no resource of the catalogue: give a resource code (e.g. 101001001/000001) or a GraphQL type (e.g. Person)`,
    };
  if (filter.search && filter.search.length > MAX_SEARCH_LENGTH)
    return {
      argument: 'search',
      problem: 'LENGTH',
      max: MAX_SEARCH_LENGTH,
      message: `at most ${MAX_SEARCH_LENGTH} characters`,
    };
  return null;
}

/**
 * The catalogue routes' query parameters, checked before anything is built: each named at most
 * once, none unknown, values from their vocabulary, an owner that is a department and a
 * resource the catalogue has (contracts/catalogue/catalogue-filter.ts, as Query.catalogue
 * checks them). A refusal is 400 BAD_USER_INPUT naming the parameter.
 */
import {
  isOneOf,
  OPEN_ATTRIBUTES,
  SHARING_LEVELS,
} from '../../../domain/catalogue/catalogue-vocabulary';
import { ErrorCode } from '../../../domain/error-codes';
import { catalogueFilterProblem } from '../../../contracts/catalogue/catalogue-filter';
import type {
  CatalogueFilter,
  ResourceCatalogue,
} from '../../../contracts/catalogue/resource-catalogue';
import { HttpError } from '../../../contracts/http/http-error';

export const EXPORT_FORMATS = ['xlsx', 'csv', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const badInput = (message: string) => new HttpError(400, message, ErrorCode.BAD_USER_INPUT);

/** The parameters as single values; empty ones count as absent. */
function singleValues(url: URL, allowed: readonly string[]): Map<string, string> {
  const values = new Map<string, string>();
  for (const [name, value] of url.searchParams) {
    if (!allowed.includes(name))
      throw badInput(`unknown parameter "${name}"; expected ${allowed.join(', ')}`);
    if (values.has(name)) throw badInput(`parameter "${name}" is given more than once`);
    values.set(name, value);
  }
  for (const [name, value] of values) if (value.trim() === '') values.delete(name);
  return values;
}

function checked(catalogue: ResourceCatalogue, filter: CatalogueFilter): CatalogueFilter {
  const problem = catalogueFilterProblem(catalogue, filter);
  if (problem) throw badInput(`${problem.argument}: ${problem.message}`);
  return filter;
}

/** GET /workbench/api/catalogue?search=&owner=&level=&resource=&open= */
export function listFilter(url: URL, catalogue: ResourceCatalogue): CatalogueFilter {
  const p = singleValues(url, ['search', 'owner', 'level', 'resource', 'open']);
  const level = p.get('level');
  if (level !== undefined && !isOneOf(SHARING_LEVELS, level))
    throw badInput(
      `level: "${level}" is not a sharing level; expected ${SHARING_LEVELS.join(', ')}`,
    );
  const open = p.get('open');
  if (open !== undefined && !isOneOf(OPEN_ATTRIBUTES, open))
    throw badInput(
      `open: "${open}" is not an open attribute; expected ${OPEN_ATTRIBUTES.join(', ')}`,
    );
  return checked(catalogue, {
    search: p.get('search') ?? null,
    owner: p.get('owner') ?? null,
    level: level ?? null,
    resource: p.get('resource') ?? null,
    openAttribute: open ?? null,
  });
}

/** GET /workbench/catalogue/export?format=xlsx|csv|json&owner= (format defaults to xlsx) */
export function exportRequest(
  url: URL,
  catalogue: ResourceCatalogue,
): { format: ExportFormat; owner: string | null } {
  const p = singleValues(url, ['format', 'owner']);
  const format = p.get('format') ?? 'xlsx';
  if (!isOneOf(EXPORT_FORMATS, format))
    throw badInput(
      `format: "${format}" is not an export format; expected ${EXPORT_FORMATS.join(', ')}`,
    );
  const owner = checked(catalogue, { owner: p.get('owner') ?? null }).owner ?? null;
  return { format, owner };
}

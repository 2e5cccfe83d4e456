/**
 * The resource catalogue in the workbench: its JSON for the catalogue page, with facets, and its
 * exports (XLSX laid out as the catalogue guide's table, CSV, JSON), whole or by owner. Built
 * from the supergraph the gateway serves and the catalogue file, as Query.catalogue is, so the
 * page and the graph say the same.
 *
 * Both routes need an authenticated government caller (the session layer has turned a cookie
 * into the Authorization header before they run): the catalogue is what departments may apply
 * for, not public, and a citizen's token is for "who accessed my data" only.
 */
import type http from 'node:http';
import { ErrorCode } from '../../../domain/error-codes';
import { writeJson } from '../../../contracts/http/http-adapter';
import { HttpError } from '../../../contracts/http/http-error';
import type { CatalogueEntry } from '../../../contracts/catalogue/resource-catalogue';
import { departmentByCode } from '../../../domain/departments';
import { isCitizenCaller } from '../../auth/citizen-claims';
import type { HttpRoute } from '../../http/http-route';
import type { WorkbenchDeps } from '../workbench-deps';
import { catalogueFacets } from './catalogue-facets';
import { catalogueFile, sendFile } from './catalogue-export';
import { exportRequest, listFilter } from './catalogue-params';
import { catalogueSource, CatalogueSource } from './catalogue-source';

export const CATALOGUE_API_PATH = '/workbench/api/catalogue';
export const CATALOGUE_EXPORT_PATH = '/workbench/catalogue/export';

async function requireAnalyst(deps: WorkbenchDeps, req: http.IncomingMessage): Promise<void> {
  const caller = await deps.callerOf(req);
  if (isCitizenCaller(caller))
    throw new HttpError(
      403,
      "The resource catalogue is for departments; a citizen's token asks whoAccessedMyData only.",
      ErrorCode.FORBIDDEN,
    );
}

/** An entry as Query.catalogue serves it: the owner as a department, beside its code. */
function served(entry: CatalogueEntry) {
  const d = departmentByCode(entry.owner);
  return {
    ...entry,
    ownerDepartment: d
      ? { code: d.code, name: d.name, nameEn: d.nameEn, kind: d.kind }
      : { code: entry.owner, name: entry.owner, nameEn: entry.owner, kind: 'OWNER' },
  };
}

export interface CatalogueRoutesOptions {
  /** @default the supergraph served (deps.supergraphSdl) with schema/resource-catalogue.json */
  readonly catalogue?: CatalogueSource;
  /** @default the clock, for the export's file name */
  readonly now?: () => Date;
}

export function catalogueRoutes(
  deps: WorkbenchDeps,
  options: CatalogueRoutesOptions = {},
): HttpRoute[] {
  const current = options.catalogue ?? catalogueSource(() => deps.supergraphSdl());
  const now = options.now ?? (() => new Date());
  const catalogue = () => {
    try {
      return current();
    } catch (err) {
      deps.log(`[workbench] the resource catalogue cannot be built: ${(err as Error).message}`);
      throw new HttpError(
        500,
        'The resource catalogue does not describe the supergraph served; the operator must run `npm run compose`.',
        ErrorCode.INTERNAL_SERVER_ERROR,
      );
    }
  };
  return [
    {
      method: 'GET',
      path: CATALOGUE_API_PATH,
      async handle(req, res, url) {
        await requireAnalyst(deps, req);
        const resources = catalogue();
        const filter = listFilter(url, resources);
        writeJson(
          res,
          200,
          {
            items: resources.items(filter).map(served),
            facets: catalogueFacets(resources, filter),
          },
          { 'cache-control': 'no-store' },
        );
      },
    },
    {
      method: 'GET',
      path: CATALOGUE_EXPORT_PATH,
      download: true,
      async handle(req, res, url) {
        await requireAnalyst(deps, req);
        const resources = catalogue();
        const { format, owner } = exportRequest(url, resources);
        sendFile(
          res,
          await catalogueFile(resources.items({ owner }).map(served), format, owner, now()),
        );
      },
    },
  ];
}

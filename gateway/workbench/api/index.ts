/**
 * The workbench's JSON APIs, under /workbench/api/: the analyst and their purposes, field
 * access and the policy's dry-run (analyst-routes.ts), and result exports (export/). The session
 * layer (createWorkbench) has turned a cookie and its CSRF token into the Authorization header
 * before any of them runs.
 */
import type { HttpRoute } from '../../http/http-route';
import type { WorkbenchDeps } from '../workbench-deps';
import { analystRoutes } from './analyst-routes';
import { MAX_EXPORT_ROWS } from './export/export-delivery';
import { exportRoute } from './export/export-route';

export interface WorkbenchApiOptions {
  /** The most rows one export holds; past it the export is refused. @default MAX_EXPORT_ROWS (10,000) */
  readonly maxExportRows?: number;
}

export function workbenchApiRoutes(
  deps: WorkbenchDeps,
  options: WorkbenchApiOptions = {},
): HttpRoute[] {
  return [...analystRoutes(deps), exportRoute(deps, options.maxExportRows ?? MAX_EXPORT_ROWS)];
}

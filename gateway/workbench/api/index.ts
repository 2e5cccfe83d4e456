// PLACEHOLDER (helper "workbench-api" replaces this file).
import type { HttpRoute } from '../../http/http-route';
import type { WorkbenchDeps } from '../workbench-deps';

export function workbenchApiRoutes(deps: WorkbenchDeps): HttpRoute[] {
  void deps;
  return [];
}

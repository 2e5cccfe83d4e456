// PLACEHOLDER (helper "catalogue" replaces this file).
import type { HttpRoute } from '../../http/http-route';
import type { WorkbenchDeps } from '../workbench-deps';

export function catalogueRoutes(deps: WorkbenchDeps): HttpRoute[] {
  void deps;
  return [];
}

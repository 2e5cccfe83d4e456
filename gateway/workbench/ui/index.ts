// PLACEHOLDER (helper "ui" replaces this file).
import type { HttpRoute } from '../../http/http-route';
import type { Sessions } from '../sessions';
import type { WorkbenchDeps } from '../workbench-deps';

export function workbenchPages(deps: WorkbenchDeps, sessions: Sessions): HttpRoute[] {
  void deps;
  void sessions;
  return [];
}

/**
 * The analysts' workbench, served by the gateway: sign-in and sessions (sessions/), the pages
 * and GraphiQL with its sharing plugin (ui/), the JSON APIs the pages call: the caller's
 * purposes, field access and the policy's dry-run, result exports (api/), and the resource
 * catalogue with its exports (catalogue/), and the big data bureau's yearly report (report/).
 */
import type http from 'node:http';
import type { HttpRoute } from '../http/http-route';
import { workbenchApiRoutes } from './api';
import { catalogueRoutes } from './catalogue';
import { createSessions, Sessions } from './sessions';
import { reportRoutes } from './report/report-routes';
import { workbenchPages } from './ui';
import type { WorkbenchDeps } from './workbench-deps';

export type { WorkbenchDeps } from './workbench-deps';

export interface Workbench {
  readonly routes: readonly HttpRoute[];
  /** For the router: the session cookie becomes the Authorization header of a GraphQL request. */
  credentials(req: http.IncomingMessage): Promise<void>;
  close(): Promise<void>;
}

/**
 * The APIs accept the session as GraphQL does. Only downloads a plain link starts (GET) go
 * without the CSRF header: the SameSite=Strict cookie already stays home on cross-site requests.
 */
function signedInRoutes(
  routes: readonly HttpRoute[],
  sessions: Sessions,
  deps: WorkbenchDeps,
): HttpRoute[] {
  return routes.map((route) => ({
    ...route,
    handle: async (req, res, url) => {
      await sessions.credentials(req, { csrf: route.method !== 'GET' || !route.download });
      if (route.throughPipeline) return route.handle(req, res, url);
      // The workbench's own APIs spend the caller's request budget like GraphQL requests do.
      return deps.rateLimited(req, async () => route.handle(req, res, url));
    },
  }));
}

export function createWorkbench(deps: WorkbenchDeps): Workbench {
  const sessions = createSessions(deps);
  return {
    routes: [
      ...sessions.routes,
      ...signedInRoutes([...workbenchApiRoutes(deps), ...catalogueRoutes(deps)], sessions, deps),
      ...workbenchPages(deps, sessions),
      ...reportRoutes(deps, sessions),
    ],
    credentials: (req) => sessions.credentials(req),
    close: () => sessions.close(),
  };
}

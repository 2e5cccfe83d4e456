/**
 * A route of the gateway's HTTP server besides GraphQL itself (the workbench's pages, sign-in
 * and APIs). Matched on method and exact path, so a route cannot capture paths it did not name.
 */
import type http from 'node:http';

export interface HttpRoute {
  readonly method: 'GET' | 'POST';
  /** The exact path, e.g. /auth/sign-in; a path ending in `/*` matches everything below it. */
  readonly path: string;
  /** A file download a plain link starts (the workbench asks no CSRF header of it). */
  readonly download?: boolean;
  /**
   * Runs its request through the GraphQL stages itself (rate limits included), so the
   * workbench must not count it a second time.
   */
  readonly throughPipeline?: boolean;
  /** `url` is the request URL parsed against the request's own host. */
  handle(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> | void;
}

/** The route for a request, or null. */
export function findRoute(
  routes: readonly HttpRoute[],
  method: string | undefined,
  path: string,
): HttpRoute | null {
  for (const route of routes) {
    if (route.method !== method) continue;
    if (route.path === path) return route;
    if (route.path.endsWith('/*') && path.startsWith(route.path.slice(0, -1))) return route;
  }
  return null;
}

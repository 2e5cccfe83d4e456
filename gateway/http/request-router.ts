/**
 * Routes the gateway's HTTP requests: GraphQL at /graphql, the page for browsers (GET /graphql
 * or / with Accept: text/html: the workbench when it is served, else the plain GraphiQL page)
 * and its assets, the workbench's routes, and health: GET /health (the stages), /health/live
 * (the process answers) and /health/ready (give it traffic; readiness.ts).
 */
import type http from 'node:http';
import { ErrorCode } from '../../domain/error-codes';
import { writeGraphQLError, writeJson } from '../../contracts/http/http-adapter';
import { HttpError } from '../../contracts/http/http-error';
import { ASSET_PREFIX, AssetStore } from '../graphiql/graphiql-assets';
import { servePage } from '../graphiql/page-response';
import { findRoute, HttpRoute } from './http-route';

export const GRAPHQL_PATH = '/graphql';

/**
 * Where the workbench registers its page route (GET): browsers opening / or /graphql get what
 * it answers (the workbench, or a redirect to sign in). Other requests to / and /graphql never
 * reach a route: GraphQL clients keep the endpoint whatever routes are added.
 */
export const PAGE_ROUTE_PATH = '/';

export interface GraphiQLSite {
  readonly page: string;
  readonly assets: AssetStore;
}

/** GET /health's answer: 200 when the gateway can serve, 503 when it cannot (e.g. no audit trail). */
export interface HealthAnswer {
  readonly status: 200 | 503;
  readonly body: Readonly<Record<string, unknown>>;
}

export interface RouterOptions {
  graphql: (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>;
  graphiql: GraphiQLSite | null;
  /** @default always 200 `{ status: 'ok' }` */
  health?: () => Promise<HealthAnswer>;
  /** GET /health/ready (readiness.ts). @default as `health` */
  ready?: () => Promise<HealthAnswer>;
  log: (line: string) => void;
  /**
   * More routes (the workbench), matched before everything else except GraphQL itself; a GET
   * route at PAGE_ROUTE_PATH serves browsers opening / or /graphql instead of `graphiql.page`.
   * @default none
   */
  routes?: readonly HttpRoute[];
  /**
   * Runs before a GraphQL request is handled: turns other credentials (the workbench's session
   * cookie) into the Authorization header the authentication stage verifies. Throws HttpError to
   * refuse. @default none
   */
  credentials?: (req: http.IncomingMessage) => Promise<void>;
}

/** A browser navigating to the endpoint, as opposed to a GraphQL GET (which carries ?query=). */
function isPageRequest(req: http.IncomingMessage, search: string): boolean {
  return (
    (req.headers.accept ?? '').includes('text/html') && !new URLSearchParams(search).has('query')
  );
}

function serveAsset(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  site: GraphiQLSite,
  path: string,
): boolean {
  const asset = site.assets.get(path);
  if (!asset) return false;
  const headers: http.OutgoingHttpHeaders = {
    'content-type': asset.type,
    etag: asset.etag,
    'cache-control': 'public, max-age=3600',
    'x-content-type-options': 'nosniff',
    vary: 'accept-encoding',
  };
  if (req.headers['if-none-match'] === asset.etag) {
    res.writeHead(304, headers);
    res.end();
    return true;
  }
  const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
  const body = gzip ? asset.gzipped : asset.body;
  res.writeHead(200, {
    ...headers,
    'content-length': body.length,
    ...(gzip ? { 'content-encoding': 'gzip' } : {}),
  });
  res.end(body);
  return true;
}

export function requestRouter({
  graphql,
  graphiql,
  health,
  ready,
  log,
  routes = [],
  credentials,
}: RouterOptions): http.RequestListener {
  const failed = (res: http.ServerResponse, err: unknown): void => {
    if (res.headersSent) return void res.destroy();
    if (err instanceof HttpError)
      return writeGraphQLError(res, err.status, err.message, err.code, err.extensions, err.headers);
    log(`[gateway] unhandled: ${err instanceof Error ? err.stack : String(err)}`);
    writeGraphQLError(res, 500, 'internal error in the gateway', ErrorCode.INTERNAL_SERVER_ERROR);
  };
  const answerHealth = (
    res: http.ServerResponse,
    check: (() => Promise<HealthAnswer>) | undefined,
  ): void => {
    if (!check) return writeJson(res, 200, { status: 'ok' }, { 'cache-control': 'no-store' });
    check().then(
      // Never cached: a load balancer must see the gateway stop serving the moment it cannot.
      (answer) => writeJson(res, answer.status, answer.body, { 'cache-control': 'no-store' }),
      (err: unknown) => {
        log(`[gateway] health check failed: ${err instanceof Error ? err.stack : String(err)}`);
        writeJson(res, 503, { status: 'unavailable' }, { 'cache-control': 'no-store' });
      },
    );
  };
  const pageRoute = findRoute(routes, 'GET', PAGE_ROUTE_PATH);
  const serveRoute = (
    route: HttpRoute,
    req: http.IncomingMessage,
    res: http.ServerResponse,
    url: string,
  ): void => {
    const parsed = new URL(url, `http://${req.headers.host ?? 'localhost'}`);
    Promise.resolve()
      .then(() => route.handle(req, res, parsed))
      .catch((err: unknown) => failed(res, err));
  };
  return (req, res) => {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q >= 0 ? url.slice(0, q) : url;
    const search = q >= 0 ? url.slice(q) : '';
    const endpoint = path === GRAPHQL_PATH || path === PAGE_ROUTE_PATH;
    if (endpoint && req.method === 'GET' && isPageRequest(req, search)) {
      if (pageRoute) return serveRoute(pageRoute, req, res, url);
      if (graphiql) return servePage(res, graphiql.page);
    }
    const route = endpoint ? null : findRoute(routes, req.method, path);
    if (route) return serveRoute(route, req, res, url);
    if (req.method === 'GET') {
      if (path === '/health') return answerHealth(res, health);
      if (path === '/health/ready') return answerHealth(res, ready ?? health);
      // Live while the process serves HTTP: nothing is checked, so a restart is never asked for
      // because a dependency (the disk, the database) is down.
      if (path === '/health/live') return answerHealth(res, undefined);
      // Browsers ask for it on every page; an empty answer keeps their consoles free of 404s.
      if (path === '/favicon.ico') return void res.writeHead(204).end();
      if (graphiql && path.startsWith(ASSET_PREFIX) && serveAsset(req, res, graphiql, path)) return;
    }
    if (path === GRAPHQL_PATH) {
      (credentials ? credentials(req) : Promise.resolve())
        .then(() => graphql(req, res))
        .catch((err: unknown) => failed(res, err));
      return;
    }
    writeGraphQLError(
      res,
      404,
      `nothing at ${path}: GraphQL is served at ${GRAPHQL_PATH}`,
      ErrorCode.NOT_FOUND,
    );
  };
}

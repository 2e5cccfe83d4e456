/**
 * The workbench's pages: GraphiQL with its plugins at / (the gateway's router also sends
 * browsers opening /graphql here) and the catalogue at /catalogue. Someone not signed in is
 * sent to sign in, and comes back to the page asked for.
 */
import type http from 'node:http';
import type { GraphQLSchema } from 'graphql';
import { exampleQuery } from '../../graphiql/example-query';
import { servePage } from '../../graphiql/page-response';
import type { HttpRoute } from '../../http/http-route';
import { PAGE_ROUTE_PATH } from '../../http/request-router';
import type { Sessions } from '../sessions';
import type { WorkbenchDeps } from '../workbench-deps';
import { cataloguePageHtml, workbenchPageHtml } from './workbench-pages-html';
import { WORKBENCH_PATHS } from './workbench-paths';

/**
 * 303 to the sign-in page with the page's own path (never a host: the request's path is all
 * that is echoed, and the sign-in page accepts only same-origin paths anyway).
 */
export function sendToSignIn(res: http.ServerResponse, url: URL): void {
  const next = `${url.pathname}${url.search}`;
  res.writeHead(303, {
    location: `${WORKBENCH_PATHS.signIn}?next=${encodeURIComponent(next)}`,
    'cache-control': 'no-store',
    'content-length': 0,
  });
  res.end();
}

export function workbenchPages(deps: WorkbenchDeps, sessions: Sessions): HttpRoute[] {
  // The example follows the served schema; computed once per schema, not per page view.
  const examples = new WeakMap<GraphQLSchema, string>();
  const workbenchPage = (): string => {
    const schema = deps.apiSchema();
    let html = examples.get(schema);
    if (html === undefined) examples.set(schema, (html = workbenchPageHtml(exampleQuery(schema))));
    return html;
  };
  const cataloguePage = cataloguePageHtml();
  const page =
    (html: () => string): HttpRoute['handle'] =>
    async (req, res, url) => {
      if (!(await sessions.sessionOf(req))) return sendToSignIn(res, url);
      servePage(res, html());
    };
  return [
    { method: 'GET', path: PAGE_ROUTE_PATH, handle: page(workbenchPage) },
    { method: 'GET', path: WORKBENCH_PATHS.catalogue, handle: page(() => cataloguePage) },
  ];
}

/**
 * Answers the gateway's HTML pages (GraphiQL, the workbench, the catalogue) under the
 * same-origin Content-Security-Policy: whatever a dependency tried, the page can load and send
 * nothing elsewhere, run no inline script and be framed by no one.
 */
import type http from 'node:http';
import { GRAPHIQL_CSP } from './graphiql-page';

export function servePage(res: http.ServerResponse, page: string): void {
  res.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(page),
    'content-security-policy': GRAPHIQL_CSP,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-cache',
  });
  res.end(page);
}

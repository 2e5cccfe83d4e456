/**
 * The HTML page that boots GraphiQL from the gateway's own assets. Its settings travel as a
 * JSON data block, not inline script, so the Content-Security-Policy can allow scripts from
 * this origin only: the page cannot load or send anything elsewhere even if a dependency tried.
 */
import { assetUrl } from './graphiql-assets';
import { scriptSafeJson } from './script-safe-json';

export interface GraphiQLPageOptions {
  /** Where GraphiQL posts queries (same origin). */
  endpoint: string;
  /** Shown in the editor on first visit. */
  defaultQuery: string;
  /** The headers editor's initial text, where callers paste their bearer token. */
  defaultHeaders: string;
}

/** Same-origin only; inline styles are allowed because GraphiQL's React components set them. */
export const GRAPHIQL_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const DEFAULT_HEADERS_TEXT = JSON.stringify(
  { Authorization: 'Bearer <paste your token here>' },
  null,
  2,
);

export function graphiqlPage(options: GraphiQLPageOptions): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Shujutong 数据通 · GraphiQL</title>
<link rel="stylesheet" href="${assetUrl('graphiql.min.css')}">
<style>html, body, #graphiql { height: 100%; margin: 0; }</style>
</head>
<body>
<div id="graphiql">Loading GraphiQL…</div>
<script id="graphiql-config" type="application/json">${scriptSafeJson(options)}</script>
<script src="${assetUrl('react.production.min.js')}"></script>
<script src="${assetUrl('react-dom.production.min.js')}"></script>
<script src="${assetUrl('graphiql.min.js')}"></script>
<script src="${assetUrl('graphiql-start.js')}"></script>
</body>
</html>
`;
}

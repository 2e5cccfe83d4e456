/**
 * The HTML shell of the workbench's pages: the gateway's own stylesheets and scripts, settings
 * as a JSON data block (never inline script, so the CSP allows scripts from this origin only),
 * Chinese first with English beside it, and a message for browsers without JavaScript.
 */
import { assetUrl } from '../../graphiql/graphiql-assets';
import { scriptSafeJson } from '../../graphiql/script-safe-json';

export interface PageShell {
  /** After "数据通 Shujutong · ". */
  readonly title: string;
  /** The id of the element the scripts render into. */
  readonly root: string;
  /** Shown until the scripts have rendered. */
  readonly loading: string;
  /** Asset names under /graphiql/, in order. */
  readonly styles: readonly string[];
  readonly scripts: readonly string[];
  /** Read by the scripts from the `sjt-config` data block. */
  readonly config: unknown;
}

const escapeHtml = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

export function pageShell(page: PageShell): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>数据通 Shujutong · ${escapeHtml(page.title)}</title>
${page.styles.map((name) => `<link rel="stylesheet" href="${assetUrl(name)}">`).join('\n')}
</head>
<body>
<div id="${escapeHtml(page.root)}" class="sjt-root"><p class="sjt-loading" role="status">${escapeHtml(page.loading)}</p></div>
<noscript><p class="sjt-noscript">本页需要 JavaScript。This page needs JavaScript.</p></noscript>
<script id="sjt-config" type="application/json">${scriptSafeJson(page.config)}</script>
${page.scripts.map((name) => `<script src="${assetUrl(name)}"></script>`).join('\n')}
</body>
</html>
`;
}

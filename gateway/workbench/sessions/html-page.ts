/**
 * The sign-in's own HTML pages (the sign-in, its outcomes), self-contained: one inline
 * stylesheet, no script at all, so the Content-Security-Policy can forbid every script and every
 * connection, and allow forms to post only here.
 */
import type http from 'node:http';

export const SIGN_IN_CSP = [
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  "img-src 'self' data:",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

const STYLE = `
:root { color-scheme: light; --ink: #1f2933; --muted: #52606d; --line: #d9e2ec; --accent: #0b5cad; --warn: #b44d12; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.6 system-ui, "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif; color: var(--ink); background: #f0f4f8; }
header { background: #102a43; color: #fff; padding: 12px 24px; font-weight: 600; letter-spacing: .02em; }
header small { font-weight: 400; opacity: .8; margin-left: .5em; }
main { max-width: 560px; margin: 40px auto; padding: 0 16px; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 24px 28px; margin-bottom: 20px; }
h1 { font-size: 22px; margin: 0 0 16px; }
h2 { font-size: 17px; margin: 0 0 8px; }
p { margin: 8px 0; }
.muted { color: var(--muted); font-size: 13px; }
.button, button { display: inline-block; background: var(--accent); color: #fff; border: 0; border-radius: 6px; padding: 10px 18px; font: inherit; font-weight: 600; text-decoration: none; cursor: pointer; }
.button:hover, button:hover { background: #084a8c; }
.dev { border: 2px dashed var(--warn); }
.dev h2 { color: var(--warn); }
.notice { border-left: 4px solid var(--accent); background: #e6f0fa; padding: 8px 12px; margin: 12px 0; }
.problem { border-left: 4px solid #c0392b; background: #fdecea; padding: 8px 12px; margin: 12px 0; }
label { display: block; margin: 12px 0 4px; font-weight: 600; }
select, input { width: 100%; padding: 8px; font: inherit; border: 1px solid #9fb3c8; border-radius: 4px; background: #fff; }
form button { margin-top: 16px; }
`;

/** A whole page: `body` is HTML the caller has escaped. */
export function htmlDocument(title: string, body: string, head = ''): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · 数据通 Shujutong</title>
${head}<style>${STYLE}</style>
</head>
<body>
<header>数据通 Shujutong<small>分析工作台 · Analysts' workbench</small></header>
<main>
${body}
</main>
</body>
</html>
`;
}

export function writeHtml(
  res: http.ServerResponse,
  status: number,
  html: string,
  headers: Readonly<Record<string, string | string[]>> = {},
): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(html),
    'content-security-policy': SIGN_IN_CSP,
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    // Origin headers on the form's POST need a referrer policy that is not no-referrer.
    'referrer-policy': 'same-origin',
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(html);
}

export interface MessagePage {
  readonly title: string;
  /** One paragraph, Chinese then English; plain text. */
  readonly message: readonly string[];
  /** Link back, e.g. to the sign-in. */
  readonly link?: { readonly href: string; readonly label: string };
}

/** A refusal or a problem, as a page: said in both languages, with the way back. */
export function messagePage(page: MessagePage): string {
  const paragraphs = page.message.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n');
  const link = page.link
    ? `<p><a class="button" href="${escapeHtml(page.link.href)}">${escapeHtml(page.link.label)}</a></p>`
    : '';
  return htmlDocument(
    page.title,
    `<div class="card"><h1>${escapeHtml(page.title)}</h1>\n${paragraphs}\n${link}</div>`,
  );
}

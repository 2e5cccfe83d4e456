/**
 * GET /open: the open datasets page (开放数据), plain HTML with no script at all, served under
 * the gateway's same-origin Content-Security-Policy: each resource with open items, its owner,
 * update cycle and open items, and its downloads. Everything in it is escaped: resource names
 * and summaries come from the catalogue file, not from callers, but a page is no place to trust.
 */
import { departmentByCode } from '../../domain/departments';
import type { OpenDataset } from './open-datasets';

export const OPEN_PATH = '/open';
export const OPEN_GRAPHQL_PATH = '/open/graphql';
export const OPEN_SCHEMA_PATH = '/open/schema.graphql';
export const DATASETS_PREFIX = '/open/datasets/';

const escapeHtml = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

function ownerNames(codes: readonly string[]): string {
  return codes.map((c) => departmentByCode(c)?.name ?? c).join('、');
}

function datasetRow(d: OpenDataset): string {
  const r = d.resource;
  const downloads = d.download
    ? `<a href="${DATASETS_PREFIX}${d.download.slug}.csv" download>CSV</a> · <a href="${DATASETS_PREFIX}${d.download.slug}.json" download>JSON</a>`
    : `<span class="muted">通过 ${OPEN_GRAPHQL_PATH} 查询</span>`;
  return `<tr>
<td><strong>${escapeHtml(r.name)}</strong><br><code>${escapeHtml(r.code)}</code><p class="summary">${escapeHtml(r.summary)}</p></td>
<td>${escapeHtml(ownerNames(d.owners))}</td>
<td>${escapeHtml(r.updateCycle)}</td>
<td class="items">${d.items.map((i) => `<code>${escapeHtml(i)}</code>`).join(' ')}</td>
<td>${downloads}</td>
</tr>`;
}

export function openPage(datasets: readonly OpenDataset[]): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>南通市公共数据开放 Open data · 数据通 Shujutong</title>
<style>
body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;margin:2rem;color:#1f2933}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #d9e2ec;padding:.5rem;vertical-align:top;text-align:left}
th{background:#f0f4f8}.summary{margin:.25rem 0 0;color:#52606d;font-size:.9em}.items code{font-size:.8em}.muted{color:#829ab1}
pre{background:#f0f4f8;padding:.75rem;overflow:auto}
</style>
</head>
<body>
<h1>南通市公共数据开放 Open data</h1>
<p>无条件开放的政务数据，无需注册，任何人可查询和下载（每个地址有访问频率限制）。Unconditionally open government data:
no sign-in, a rate limit per client address. Every access is recorded in the platform's audit trail.</p>
<h2>数据集 Datasets</h2>
<table>
<thead><tr><th>信息资源 Resource</th><th>提供方 Provider</th><th>更新周期 Update cycle</th><th>开放数据项 Open items</th><th>下载 Download</th></tr></thead>
<tbody>
${datasets.map(datasetRow).join('\n')}
</tbody>
</table>
<h2>查询接口 GraphQL</h2>
<p><code>POST ${OPEN_GRAPHQL_PATH}</code> with <code>{"query": "..."}</code>; the schema of the open items only:
<a href="${OPEN_SCHEMA_PATH}">${OPEN_SCHEMA_PATH}</a>.</p>
<pre>curl -s ${OPEN_GRAPHQL_PATH} -H 'content-type: application/json' \\
  -d '{"query":"{ regions { code name cityPartCounts { class total } } }"}'</pre>
</body>
</html>
`;
}

/**
 * The yearly sharing report (年度共享报告) as one self-contained HTML document: it is handed
 * out on a USB stick and opened from file:// on machines with no network, so ECharts is inlined,
 * fonts are the system's CJK fonts and nothing in the page names a URL. It is printed to A4: every
 * department starts a page, and the charts are drawn (without animation) as soon as the page is
 * parsed, so a print or a PDF shows them.
 *
 * Department names, refusal reasons, purposes and systems' names are other people's free text,
 * so every text is escaped for HTML, and the charts' data is a JSON data block whose `<`, `>`
 * and `&` are written as \u escapes: no string can close the block or start markup. The page
 * carries its own Content-Security-Policy (a meta element) naming the SHA-256 of its two
 * scripts and its one stylesheet, and the gateway can send the same policy as a header: no
 * inline handler, no injected script, no connection runs even if a text slipped through. Both
 * scripts are the same for every report, so the policy is too.
 */
import { Charts } from './report-charts';
import { citySection } from './report-city-section';
import type { Context } from './report-context';
import { nameLookup, reportTitle } from './report-context';
import { cover } from './report-cover';
import { departmentSection } from './report-department-section';
import { e } from './report-markup';
import { methodSection } from './report-method-section';
import type { YearlyReport } from '../report-model';
import { cspHash, DRAW_CHARTS, echartsBundle, jsonForScript } from './report-page-scripts';
import { STYLE } from './report-page-style';

export { measureInWords } from './report-method-section';
export { cspHash, jsonForScript } from './report-page-scripts';

export interface RenderedReport {
  readonly html: string;
  /**
   * The page's executable inline scripts as hashes, `sha256-<base64>`, without the quotes a
   * policy puts around them (`script-src 'sha256-…'`).
   */
  readonly scriptHashes: readonly string[];
  /** The page's one inline stylesheet, likewise (`style-src 'sha256-…'`). */
  readonly styleHashes: readonly string[];
  /** The policy the page declares in its meta element; send it as the response header too. */
  readonly contentSecurityPolicy: string;
}

const quoted = (hashes: readonly string[]): string => hashes.map((h) => `'${h}'`).join(' ');

/** The report as a page, with the hashes and the policy to serve it under. */
export function renderReport(report: YearlyReport): RenderedReport {
  const ctx: Context = { report, charts: new Charts(), name: nameLookup(report) };
  const body = [
    cover(ctx),
    report.department === null ? citySection(ctx) : '',
    methodSection(ctx),
    ...report.departments.map((d) => departmentSection(ctx, d)),
  ].join('\n');
  const echarts = echartsBundle();
  const scripts = [echarts.text, DRAW_CHARTS];
  const scriptHashes = [echarts.hash, cspHash(DRAW_CHARTS)];
  const styleHashes = [cspHash(STYLE)];
  const contentSecurityPolicy = [
    "default-src 'none'",
    `script-src ${quoted(scriptHashes)}`,
    `style-src ${quoted(styleHashes)}`,
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const html = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${e(contentSecurityPolicy)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(reportTitle(report, ctx.name))}</title>
<style>${STYLE}</style>
</head>
<body>
${body}
<script type="application/json" id="report-charts">${jsonForScript(ctx.charts.options)}</script>
${scripts.map((s) => `<script>${s}</script>`).join('\n')}
</body>
</html>
`;
  return { html, scriptHashes, styleHashes, contentSecurityPolicy };
}

export function renderReportHtml(report: YearlyReport): string {
  return renderReport(report).html;
}

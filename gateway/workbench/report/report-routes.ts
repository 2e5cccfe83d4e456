/**
 * 年度共享报告 in the workbench, for the big data bureau: /report asks for a year (and
 * optionally one department) and shows the report; /report/report.html downloads the same
 * self-contained file (it opens offline, from a USB stick), /report/appendix.xlsx its Excel
 * appendix. The figures are read as the signed-in analyst through the whole GraphQL pipeline
 * (report-pipeline-call.ts), so the bureau's supervision rights decide what can be read and every
 * read is audited; anyone else is refused before anything is read.
 *
 * A report costs the platform a few dozen queries, so an instance builds at most two at once,
 * and the same report asked for again while it is being built waits for that one build.
 */
import type http from 'node:http';
import { ErrorCode } from '../../../domain/error-codes';
import { DEPARTMENTS, PLATFORM_DEPARTMENT } from '../../../domain/departments';
import { HttpError } from '../../../contracts/http/http-error';
import { assetUrl } from '../../graphiql/graphiql-assets';
import type { HttpRoute } from '../../http/http-route';
import { readEvaluationConfig } from '../../yearly-report/evaluation/evaluation-config';
import { renderReport } from '../../yearly-report/html/report-html';
import type { YearlyReport } from '../../yearly-report/report-model';
import { ReportSourceError } from '../../yearly-report/report-source';
import { renderReportWorkbook } from '../../yearly-report/workbook/report-workbook';
import {
  buildYearlyReport,
  checkReportYear,
  FIRST_REPORT_YEAR,
  ReportRequestError,
} from '../../yearly-report/yearly-report';
import { analystOf } from '../api/api-caller';
import type { Sessions } from '../sessions';
import { escapeHtml } from '../sessions/html-page';
import { sendToSignIn } from '../ui';
import type { WorkbenchDeps } from '../workbench-deps';
import { pipelineGraphQLCall } from './report-pipeline-call';
import { WORKBENCH_PATHS } from '../ui/workbench-paths';

export const REPORT_PATHS = {
  page: WORKBENCH_PATHS.report,
  html: '/report/report.html',
  xlsx: '/report/appendix.xlsx',
} as const;

const MAX_BUILDS = 2;

/** The form: plain HTML (no script), so its CSP allows nothing but this origin's stylesheet and form. */
function formPage(currentYear: number): string {
  const years = [];
  for (let y = currentYear; y >= FIRST_REPORT_YEAR; y--) years.push(y);
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>数据通 Shujutong · 年度共享报告 Yearly report</title>
<link rel="stylesheet" href="${assetUrl('sjt-base.css')}">
</head>
<body>
<main class="sjt-report-form">
<h1>年度共享报告 <small>Yearly sharing report</small></h1>
<p>全市报告（每年2月）或部门报告（每年1月）：共享资源、使用、申请答复、授权、数据纠错、系统清查与评估得分。
<small>The city's report, or one department's: provision, use, applications, grants, error reports, inventory and the evaluation score.</small></p>
<form method="get" action="${REPORT_PATHS.page}">
<label>年度 Year <select name="year">${years.map((y) => `<option value="${y}">${y}</option>`).join('')}</select></label>
<label>部门 Department <select name="department"><option value="">全市 The city</option>${DEPARTMENTS.map(
    (d) =>
      `<option value="${escapeHtml(d.code)}">${escapeHtml(d.name)} ${escapeHtml(d.nameEn)}</option>`,
  ).join('')}</select></label>
<p>
<button type="submit">查看 View</button>
<button type="submit" formaction="${REPORT_PATHS.html}">下载 HTML</button>
<button type="submit" formaction="${REPORT_PATHS.xlsx}">Excel 附录 Appendix</button>
</p>
</form>
<p><a href="${WORKBENCH_PATHS.workbench}">返回工作台 Back to the workbench</a></p>
</main>
</body>
</html>
`;
}

const FORM_CSP = [
  "default-src 'none'",
  "style-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The report's own policy (its scripts and style by hash, nothing fetched), which the file also
 * carries in a meta tag for when it is opened offline; a header may add what a meta tag cannot.
 */
function reportCsp(contentSecurityPolicy: string): string {
  return `${contentSecurityPolicy}; frame-ancestors 'none'`;
}

function send(
  res: http.ServerResponse,
  body: string | Buffer,
  headers: Record<string, string>,
): void {
  if (res.destroyed) return;
  res.writeHead(200, {
    'content-length': String(Buffer.byteLength(body)),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(body);
}

function reportFileName(report: YearlyReport, ext: string): string {
  return `shujutong-report-${report.year}${report.department ? `-${report.department}` : ''}.${ext}`;
}

/** What the query string asks for; 400 for anything malformed, before anything is read. */
function requested(url: URL): { year: number; department: string | null } {
  const text = url.searchParams.get('year') ?? '';
  const department = url.searchParams.get('department') || null;
  try {
    const year = checkReportYear(/^\d{4}$/.test(text) ? Number(text) : NaN);
    // Not echoed: the text is the caller's, and the registered codes are few and public.
    if (department !== null && !DEPARTMENTS.some((d) => d.code === department))
      throw new ReportRequestError('department must be the code of a registered department');
    return { year, department };
  } catch (err) {
    if (err instanceof ReportRequestError)
      throw new HttpError(400, err.message, ErrorCode.BAD_USER_INPUT);
    throw err;
  }
}

/** The graph's refusal as the page's: FORBIDDEN stays 403, a rate limit 429; the rest is the graph failing. */
function sourceFailure(err: ReportSourceError): HttpError {
  const status =
    err.code === ErrorCode.FORBIDDEN
      ? 403
      : err.code === 'UNAUTHENTICATED'
        ? 401
        : err.code === ErrorCode.RATE_LIMITED
          ? 429
          : 502;
  return new HttpError(
    status,
    `the report could not be read from the graph: ${err.message}`,
    err.code ?? 'REPORT_SOURCE_FAILED',
  );
}

export function reportRoutes(deps: WorkbenchDeps, sessions: Sessions): HttpRoute[] {
  // Read at start: a malformed configuration stops the gateway rather than the first report.
  const evaluation = readEvaluationConfig();
  const building = new Map<string, Promise<YearlyReport>>();

  const build = async (req: http.IncomingMessage, url: URL): Promise<YearlyReport> => {
    const asked = requested(url);
    await sessions.credentials(req, { csrf: false });
    const caller = await analystOf(deps, req);
    if (caller.department !== PLATFORM_DEPARTMENT)
      throw new HttpError(
        403,
        'The yearly report is made by the big data bureau (大数据局); departments receive theirs from it.',
        ErrorCode.FORBIDDEN,
      );
    const key = `${asked.year}/${asked.department ?? '*'}/${caller.application ?? ''}`;
    const running = building.get(key);
    if (running) return running;
    if (building.size >= MAX_BUILDS)
      throw new HttpError(
        429,
        'Reports are being made: try again in a minute.',
        ErrorCode.RATE_LIMITED,
        {},
        { 'retry-after': '30' },
      );
    const made = buildYearlyReport(pipelineGraphQLCall(deps.graphql, req), {
      year: asked.year,
      department: asked.department,
      madeBy: `${caller.department}/${caller.application ?? '-'}${caller.operator ? ` (${caller.operator})` : ''}`,
      evaluation,
    }).finally(() => building.delete(key));
    building.set(key, made);
    try {
      return await made;
    } catch (err) {
      if (err instanceof ReportSourceError) throw sourceFailure(err);
      if (err instanceof ReportRequestError)
        throw new HttpError(400, err.message, ErrorCode.BAD_USER_INPUT);
      throw err;
    }
  };

  const signedIn = async (req: http.IncomingMessage, res: http.ServerResponse, url: URL) => {
    // A program sends its token; a browser its session cookie.
    if (req.headers.authorization !== undefined || (await sessions.sessionOf(req))) return true;
    sendToSignIn(res, url);
    return false;
  };

  return [
    {
      method: 'GET',
      path: REPORT_PATHS.page,
      throughPipeline: true,
      async handle(req, res, url) {
        if (!(await signedIn(req, res, url))) return;
        if (!url.searchParams.has('year')) {
          return send(res, formPage(Number(new Date().toISOString().slice(0, 4))), {
            'content-type': 'text/html; charset=utf-8',
            'content-security-policy': FORM_CSP,
          });
        }
        const { html, contentSecurityPolicy } = renderReport(await build(req, url));
        send(res, html, {
          'content-type': 'text/html; charset=utf-8',
          'content-security-policy': reportCsp(contentSecurityPolicy),
        });
      },
    },
    {
      method: 'GET',
      path: REPORT_PATHS.html,
      download: true,
      throughPipeline: true,
      async handle(req, res, url) {
        if (!(await signedIn(req, res, url))) return;
        const report = await build(req, url);
        const { html, contentSecurityPolicy } = renderReport(report);
        send(res, html, {
          'content-type': 'text/html; charset=utf-8',
          'content-security-policy': reportCsp(contentSecurityPolicy),
          'content-disposition': `attachment; filename="${reportFileName(report, 'html')}"`,
        });
      },
    },
    {
      method: 'GET',
      path: REPORT_PATHS.xlsx,
      download: true,
      throughPipeline: true,
      async handle(req, res, url) {
        if (!(await signedIn(req, res, url))) return;
        const report = await build(req, url);
        send(res, await renderReportWorkbook(report), {
          'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          'content-disposition': `attachment; filename="${reportFileName(report, 'xlsx')}"`,
        });
      },
    },
  ];
}

/**
 * npm run report -- --year 2026 [--department <code>]: the yearly sharing report from the
 * running platform (report/report-options.ts says every option). Reads the graph as the big data
 * bureau with a token signed by the platform's key (as `npm run token`), so the reads pass the
 * gateway's policy and are audited like the report page's.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PLATFORM_DEPARTMENT } from '../domain/departments';
import { issueToken } from '../gateway/auth/issue-token';
import { loadTokenKeys } from '../gateway/auth/token-keys';
import { readTokenSettings } from '../gateway/auth/token-settings';
import { readEvaluationConfig } from '../gateway/yearly-report/evaluation/evaluation-config';
import { httpGraphQLCall } from '../gateway/yearly-report/http-graphql-call';
import { renderReport } from '../gateway/yearly-report/html/report-html';
import { renderReportWorkbook } from '../gateway/yearly-report/workbook/report-workbook';
import { buildYearlyReport } from '../gateway/yearly-report/yearly-report';
import { parseReportArgs, REPORT_USAGE } from './report/report-options';

async function main(): Promise<number> {
  let command;
  try {
    command = parseReportArgs(process.argv.slice(2), process.env);
  } catch (err) {
    console.error(`report: ${(err as Error).message}\n\n${REPORT_USAGE}`);
    return 2;
  }
  if (command.kind === 'help') {
    console.log(REPORT_USAGE);
    return 0;
  }
  const options = command.options;
  const evaluation = readEvaluationConfig(options.indicators);
  const settings = readTokenSettings();
  const keys = await loadTokenKeys(settings);
  if (!keys.signing)
    throw new Error('only JWT_PUBLIC_KEY is set: set JWT_PRIVATE_KEY to read as the bureau');
  const signing = keys.signing;
  const caller = {
    department: PLATFORM_DEPARTMENT,
    application: options.application,
    operator: options.operator,
    roles: [],
    ttlSeconds: 900,
  };
  const started = Date.now();
  const report = await buildYearlyReport(
    httpGraphQLCall(options.gatewayUrl, async () => ({
      authorization: `Bearer ${await issueToken(signing, settings, caller)}`,
    })),
    {
      year: options.year,
      department: options.department,
      madeBy: `${caller.department}/${caller.application} (${caller.operator})`,
      evaluation,
    },
  );
  const base = `shujutong-report-${report.year}${report.department ? `-${report.department}` : ''}`;
  await mkdir(options.out, { recursive: true });
  const htmlPath = path.join(options.out, `${base}.html`);
  const xlsxPath = path.join(options.out, `${base}.xlsx`);
  await writeFile(htmlPath, renderReport(report).html);
  await writeFile(xlsxPath, await renderReportWorkbook(report));
  console.log(
    `report: ${htmlPath} and ${xlsxPath} (${report.departments.length} department(s), as of ${report.asOf}, ${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
  if (!report.usageUpToDate)
    console.error(
      'report: the audit summaries were still catching up when read; run it again for complete figures',
    );
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(`report: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  },
);

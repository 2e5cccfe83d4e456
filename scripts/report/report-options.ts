/**
 * `npm run report -- --year 2026 [--department <code>] [--out <dir>] [--gateway <url>]
 * [--indicators <file>] [--application <id>] [--operator <name>]`.
 */
import { parseArgs } from 'node:util';

export const REPORT_USAGE = `usage: npm run report -- --year <YYYY> [--department <code>] [--out <dir>]
       [--gateway <url>] [--indicators <file>] [--application <id>] [--operator <name>]

Makes the yearly sharing report (年度共享报告) of the year, the city's or one department's, from
the running platform (npm start), read as the big data bureau: an HTML file that opens offline
and prints to A4 PDF, and its Excel appendix.

  --year         the year reported (required)
  --department   one department's report (its code, e.g. public-security); default the city's
  --out          where the files go (default: reports)
  --gateway      the gateway's GraphQL URL (default: http://127.0.0.1:$GATEWAY_PORT/graphql, port 4000)
  --indicators   the evaluation's indicators and weights (default: schema/evaluation-indicators.json)
  --application  the bureau's registered application the report reads as (default: shujutong-gateway)
  --operator     who makes it, as recorded in the audit trail (default: report-cli)`;

export interface ReportOptions {
  readonly year: number;
  readonly department: string | null;
  readonly out: string;
  readonly gatewayUrl: string;
  readonly indicators: string | undefined;
  readonly application: string;
  readonly operator: string;
}

export type ReportCommand = { kind: 'help' } | { kind: 'report'; options: ReportOptions };

export function parseReportArgs(argv: readonly string[], env: NodeJS.ProcessEnv): ReportCommand {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      year: { type: 'string' },
      department: { type: 'string' },
      out: { type: 'string' },
      gateway: { type: 'string' },
      indicators: { type: 'string' },
      application: { type: 'string' },
      operator: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return { kind: 'help' };
  if (values.year === undefined) throw new Error('--year is required');
  if (!/^\d{4}$/.test(values.year)) throw new Error(`--year must be a year, got "${values.year}"`);
  const port = env.GATEWAY_PORT || '4000';
  const gatewayUrl = values.gateway ?? `http://127.0.0.1:${port}/graphql`;
  try {
    new URL(gatewayUrl);
  } catch {
    throw new Error(`--gateway must be a URL, got "${gatewayUrl}"`);
  }
  return {
    kind: 'report',
    options: {
      year: Number(values.year),
      department: values.department || null,
      out: values.out ?? 'reports',
      gatewayUrl,
      indicators: values.indicators,
      application: values.application ?? 'shujutong-gateway',
      operator: values.operator ?? 'report-cli',
    },
  };
}

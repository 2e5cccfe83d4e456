/**
 * The yearly sharing report over a generated year of traffic (scripts/year-traffic/): a year of
 * requests and of the sharing workflow is driven through the gateway in simulated time, the
 * report is made in the first week of the next year as the plan asks (January), read through the
 * graph as the big data bureau, and every figure is compared with counts made independently from
 * the audit records and the sharing tables (independent-counts.ts). Then the report page: the
 * bureau gets the report and its appendix, audited as REPORT; any other department, a malformed
 * year or department, and a caller without credentials get nothing.
 */
import type { Knex } from 'knex';
import { readEvaluationConfig } from '../../../gateway/yearly-report/evaluation/evaluation-config';
import { httpGraphQLCall } from '../../../gateway/yearly-report/http-graphql-call';
import type { YearlyReport } from '../../../gateway/yearly-report/report-model';
import { renderReport } from '../../../gateway/yearly-report/html/report-html';
import { buildYearlyReport } from '../../../gateway/yearly-report/yearly-report';
import { driveYear, DriveSummary } from '../../../scripts/year-traffic/drive-year';
import {
  installSimulatedClock,
  SimulatedClock,
} from '../../../scripts/year-traffic/simulated-clock';
import { readTrafficSubjects } from '../../../scripts/year-traffic/traffic-subjects';
import { demoTrafficWorld } from '../../../scripts/year-traffic/traffic-world';
import { planYear } from '../../../scripts/year-traffic/year-plan';
import { Platform, startPlatform } from '../../utils/platform';
import { describeWithService } from '../../utils/services';
import { ExpectedDepartment, independentCounts } from './independent-counts';

/** A year wholly in the past, so nothing simulated lies after the machine's own today. */
const YEAR = new Date().getUTCFullYear() - 1;
/** The report is made on the first Tuesday-ish working morning of the next year (10:00 China time). */
const REPORT_DAY = Date.parse(`${YEAR + 1}-01-06T02:00:00.000Z`);
const BUREAU = {
  department: 'big-data-bureau',
  application: 'shujutong-gateway',
  operator: 'report-test',
};

function yearlyReportSuite(backend: 'sqlite' | 'mysql') {
  let platform: Platform;
  let clock: SimulatedClock | null = null;
  let summary: DriveSummary;
  let report: YearlyReport;
  let expected: Map<string, ExpectedDepartment>;
  let auditDb: Knex;
  const want = (code: string) => expected.get(code);

  beforeAll(async () => {
    platform = await startPlatform({ backend, persons: 300 });
    const subjects = await readTrafficSubjects(
      platform.subgraphs.population!.db,
      platform.subgraphs['legal-entity']!.db,
      { persons: 60, entities: 30 },
    );
    const plan = planYear({
      year: YEAR,
      requests: 500,
      seed: 11,
      world: demoTrafficWorld(subjects),
    });
    clock = installSimulatedClock(plan.events[0].at);
    summary = await driveYear(
      { gatewayUrl: platform.gatewayUrl, headers: platform.headers, clock },
      plan,
    );
    clock.setTime(REPORT_DAY);
    await platform.audit!.ship();
    const call = httpGraphQLCall(platform.gatewayUrl, () => platform.headers(BUREAU));
    // The audit subgraph summarises shipped records as they are read; a first reading after a
    // burst may say it was still catching up.
    for (let attempt = 0; attempt < 10; attempt++) {
      report = await buildYearlyReport(call, {
        year: YEAR,
        madeBy: 'big-data-bureau/shujutong-gateway (report-test)',
        evaluation: readEvaluationConfig(),
      });
      if (report.usageUpToDate) break;
    }
    auditDb = await platform.audit!.connect();
    expected = (
      await independentCounts({
        auditDb,
        sharingDb: platform.subgraphs.sharing!.db,
        supergraphSdl: platform.supergraphSdl,
        year: YEAR,
        asOf: report.asOf,
      })
    ).byDepartment;
  });
  afterAll(async () => {
    clock?.uninstall();
    await platform?.stop();
  });

  it('is made from a year of traffic that reached the platform', () => {
    expect(summary.failures).toEqual([]);
    expect(report.usageUpToDate).toBe(true);
    expect(report.asOf).toBe(`${YEAR}-12-31`);
    expect(report.generatedAt.slice(0, 10)).toBe(`${YEAR + 1}-01-06`);
    // Non-vacuous: the figures compared below are not all zero.
    expect(report.city.totals.calls).toBeGreaterThan(100);
    expect(report.city.totals.applications.received).toBeGreaterThan(3);
    expect(report.city.totals.errorReports.received).toBeGreaterThan(2);
  });

  it('counts the calls to each department’s data by others as the audit records do, month by month', () => {
    for (const d of report.departments) {
      const e = want(d.code);
      expect({ code: d.code, calls: d.provided.callsByOthers }).toEqual({
        code: d.code,
        calls: e?.callsByOthers ?? 0,
      });
      expect(d.provided.consumers).toBe(e?.consumers.size ?? 0);
      expect(d.provided.fieldsServed).toBe(e?.fieldsServedToOthers ?? 0);
      expect(d.provided.distinctFieldsUsed).toBe(e?.distinctFieldsUsed.size ?? 0);
      for (const m of d.byMonth)
        expect([d.code, m.month, m.callsByOthers]).toEqual([
          d.code,
          m.month,
          e?.callsByOthersByMonth.get(m.month) ?? 0,
        ]);
    }
    const providers = report.departments.filter((d) => d.provided.callsByOthers > 0);
    expect(providers.length).toBeGreaterThanOrEqual(3);
  });

  it('counts what each department used from others as the audit records do', () => {
    for (const d of report.departments)
      expect([d.code, d.used.calls]).toEqual([d.code, want(d.code)?.callsToOthers ?? 0]);
    const total = report.departments.reduce((n, d) => n + d.used.calls, 0);
    expect(total).toBe(report.city.totals.calls);
  });

  it('counts applications received and answered, on time or late, as the sharing tables hold them', () => {
    for (const d of report.departments) {
      const e = want(d.code);
      expect([d.code, d.applications]).toMatchObject([
        d.code,
        {
          received: e?.requestsReceived ?? 0,
          approved: e?.requestsApproved ?? 0,
          rejected: e?.requestsRejected ?? 0,
          answeredOnTime: e?.requestsAnsweredOnTime ?? 0,
          answeredLate: e?.requestsAnsweredLate ?? 0,
          overduePending: e?.requestsOverduePending ?? 0,
        },
      ]);
      expect(d.applications.refusalReasons.reduce((n, r) => n + r.count, 0)).toBe(
        d.applications.rejected,
      );
    }
    expect(report.city.totals.applications.answeredLate).toBeGreaterThan(0);
    expect(report.city.totals.applications.overduePending).toBeGreaterThan(0);
  });

  it('counts grants given and revoked in the year', () => {
    for (const d of report.departments) {
      const e = want(d.code);
      expect([d.code, d.grants.granted, d.grants.revoked]).toEqual([
        d.code,
        e?.grantsGranted ?? 0,
        e?.grantsRevoked ?? 0,
      ]);
    }
    expect(report.city.totals.grants.revoked).toBeGreaterThan(0);
  });

  it('flags an error report left unanswered past its due day, and counts corrections on time', () => {
    for (const d of report.departments) {
      const e = want(d.code);
      expect([d.code, d.errorReports]).toMatchObject([
        d.code,
        {
          received: e?.errorReportsReceived ?? 0,
          correctedOnTime: e?.errorReportsCorrectedOnTime ?? 0,
          overdue: e?.errorReportsOverdue ?? 0,
        },
      ]);
    }
    expect(report.city.totals.errorReports.overdue).toBeGreaterThan(0);
  });

  it('flags the registered system that never called as not connected', () => {
    const hr = report.departments.find((d) => d.code === 'human-resources')!;
    expect(hr.inventory.flagged).toContainEqual(
      expect.objectContaining({ id: 'social-insurance', notConnected: true }),
    );
    expect(report.city.totals.inventory.notConnected).toBeGreaterThan(0);
  });

  it('adds the city up from the departments and scores every department within 0..100', () => {
    const sum = (f: (d: YearlyReport['departments'][number]) => number) =>
      report.departments.reduce((n, d) => n + f(d), 0);
    expect(report.city.byMonth.reduce((n, m) => n + m.callsByOthers, 0)).toBe(
      report.city.totals.calls,
    );
    expect(sum((d) => d.provided.callsByOthers)).toBe(report.city.totals.calls);
    expect(sum((d) => d.errorReports.received)).toBe(report.city.totals.errorReports.received);
    expect(report.evaluation.scores).toHaveLength(report.departments.length);
    for (const s of report.evaluation.scores) {
      expect(s.total).toBeGreaterThanOrEqual(0);
      expect(s.total).toBeLessThanOrEqual(100);
      expect(s.indicators).toHaveLength(report.evaluation.config.indicators.length);
    }
  });

  it('renders the real year: a section and a chart per department', () => {
    const { html } = renderReport(report);
    for (const d of report.departments) expect(html).toContain(d.name);
    expect(html.match(/data-chart="/g)!.length).toBeGreaterThan(report.departments.length);
  });

  describe('the report page', () => {
    const get = async (path: string, headers: Record<string, string> = {}) =>
      fetch(`${new URL(platform.gatewayUrl).origin}${path}`, { headers, redirect: 'manual' });

    it('gives the bureau the report under a policy that runs only its own scripts, audited as REPORT', async () => {
      const before = Number(
        (await auditDb('audit_records').where({ delivery: 'REPORT' }).count({ n: '*' }))[0].n,
      );
      const res = await get(`/report?year=${YEAR}`, await platform.headers(BUREAU));
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(res.headers.get('content-security-policy')).toMatch(
        /default-src 'none'; script-src 'sha256-[^']+' 'sha256-[^']+'/,
      );
      const html = await res.text();
      expect(html).toContain(`${YEAR}`);
      expect(html).toContain('公安局');
      await platform.audit!.ship();
      const reads = (await auditDb('audit_records')
        .where({ delivery: 'REPORT' })
        .select('department', 'application', 'operator', 'outcome')) as {
        department: string;
        application: string;
        outcome: string;
      }[];
      expect(reads.length).toBeGreaterThan(before);
      expect(reads.every((r) => r.department === 'big-data-bureau' && r.outcome === 'ok')).toBe(
        true,
      );
    });

    it('downloads one department’s report as a file and its Excel appendix', async () => {
      const html = await get(
        `/report/report.html?year=${YEAR}&department=civil-affairs`,
        await platform.headers(BUREAU),
      );
      expect(html.status).toBe(200);
      expect(html.headers.get('content-disposition')).toBe(
        `attachment; filename="shujutong-report-${YEAR}-civil-affairs.html"`,
      );
      expect(await html.text()).toContain('民政局');
      const xlsx = await get(`/report/appendix.xlsx?year=${YEAR}`, await platform.headers(BUREAU));
      expect(xlsx.status).toBe(200);
      const bytes = Buffer.from(await xlsx.arrayBuffer());
      expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    });

    it('refuses any other department before reading anything', async () => {
      const count = async () =>
        Number(
          (await auditDb('audit_records').where({ delivery: 'REPORT' }).count({ n: '*' }))[0].n,
        );
      await platform.audit!.ship();
      const before = await count();
      const res = await get(
        `/report?year=${YEAR}`,
        await platform.headers({
          department: 'civil-affairs',
          application: 'minimum-living-allowance',
        }),
      );
      expect(res.status).toBe(403);
      expect(((await res.json()) as any).errors[0].extensions.code).toBe('FORBIDDEN');
      await platform.audit!.ship();
      expect(await count()).toBe(before);
    });

    it('answers a malformed year or an unknown department with 400, and no credentials with sign-in', async () => {
      const headers = await platform.headers(BUREAU);
      for (const query of [
        'year=abc',
        `year=${YEAR + 5}`,
        'year=1999',
        `year=${YEAR}&department=..%2F..%2Fetc`,
        `year=${YEAR}&department=%3Cscript%3E`,
      ]) {
        const res = await get(`/report?${query}`, headers);
        expect([query, res.status]).toEqual([query, 400]);
        const body = (await res.json()) as any;
        expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
        expect(JSON.stringify(body)).not.toContain('<script>');
      }
      const anonymous = await get(`/report?year=${YEAR}`);
      expect(anonymous.status).toBe(303);
      expect(anonymous.headers.get('location')).toMatch(/^\/auth\/sign-in\?next=/);
    });
  });

  describe('the open endpoint over the same year', () => {
    const ask = async (query: string) => {
      const res = await fetch(`${new URL(platform.gatewayUrl).origin}/open/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query }),
      });
      return { status: res.status, body: (await res.json()) as any };
    };
    it('serves an open field to an anonymous caller', async () => {
      const answer = await ask('{ regions { code name } }');
      expect(answer.status).toBe(200);
      expect(answer.body.data.regions.length).toBeGreaterThan(0);
    });
    it('knows nothing of a personal field', async () => {
      const answer = await ask('{ person(idNumber: "320602199001011234") { name } }');
      expect(answer.status).toBe(400);
      expect(answer.body.errors[0].message).toMatch(/^Cannot query field "person"/);
    });
  });
}

describe('the yearly sharing report on SQLite', () => yearlyReportSuite('sqlite'));
describeWithService('mysql', 'the yearly sharing report on MariaDB', () =>
  yearlyReportSuite('mysql'),
);

/**
 * A year of traffic in simulated time (scripts/year-traffic/), through the real gateway into the
 * audit trail and the sharing subgraph: the records carry the simulated days of every China month
 * of the year, the sharing workflow's applications, answers and error reports carry theirs (some
 * answered late, some left pending past their due date), and the registered system that never
 * calls has no record. This is the ground the yearly sharing report's scenarios stand on.
 */
import { Knex } from 'knex';
import {
  installSimulatedClock,
  SimulatedClock,
} from '../../../scripts/year-traffic/simulated-clock';
import { driveYear, DriveSummary } from '../../../scripts/year-traffic/drive-year';
import { demoTrafficWorld } from '../../../scripts/year-traffic/traffic-world';
import { readTrafficSubjects } from '../../../scripts/year-traffic/traffic-subjects';
import {
  chinaMonthOf,
  DATA_KINDS,
  planYear,
  YearPlan,
} from '../../../scripts/year-traffic/year-plan';
import { isoTime } from '../../../contracts/audit/audit-rows';
import { Platform, startPlatform } from '../../utils/platform';
import { describeWithService } from '../../utils/services';

/** A year wholly in the past, so nothing simulated lies after the machine's own today. */
const YEAR = new Date().getUTCFullYear() - 1;
const REQUESTS = 400;
/** China-time bounds of the year, as stored audit times (UTC). */
const FROM = `${YEAR - 1}-12-31 16:00:00.000`;
const TO = `${YEAR}-12-31 16:00:00.000`;

function yearTrafficSuite(backend: 'sqlite' | 'mysql') {
  let platform: Platform;
  let clock: SimulatedClock | null = null;
  let plan: YearPlan;
  let summary: DriveSummary;
  let audit: Knex;
  let sharing: Knex;

  beforeAll(async () => {
    platform = await startPlatform({ backend, persons: 300 });
    const subjects = await readTrafficSubjects(
      platform.subgraphs.population!.db,
      platform.subgraphs['legal-entity']!.db,
      { persons: 60, entities: 30 },
    );
    plan = planYear({ year: YEAR, requests: REQUESTS, seed: 7, world: demoTrafficWorld(subjects) });
    clock = installSimulatedClock(plan.events[0].at);
    try {
      summary = await driveYear(
        { gatewayUrl: platform.gatewayUrl, headers: platform.headers, clock },
        plan,
      );
    } finally {
      clock.uninstall();
    }
    await platform.audit!.ship();
    audit = await platform.audit!.connect();
    sharing = platform.subgraphs.sharing!.db;
  });
  afterAll(async () => {
    clock?.uninstall();
    await platform?.stop();
  });

  it('answers every data request with 200 and performs every workflow event', () => {
    expect(summary.failures).toEqual([]);
    expect(summary.events).toBe(plan.events.length);
    const workflow = plan.events.filter((e) => !DATA_KINDS.has(e.kind)).length;
    expect(Object.values(summary.workflow).reduce((a, b) => a + b, 0)).toBe(workflow);
    // The sharing policy is at work: some answers come back with fields withheld.
    expect(summary.partlyWithheld).toBeGreaterThan(0);
  });

  it('records one audit record per request at its simulated time, in all twelve China months', async () => {
    const rows: { time: string | Date }[] = await audit('audit_records')
      .where('time', '>=', FROM)
      .andWhere('time', '<', TO)
      .select('time');
    // An answer goes to each owner's request, a revocation to each grant: one record per HTTP request.
    expect(rows.length).toBe(summary.httpRequests);
    expect(rows.length).toBeGreaterThan(plan.events.length);
    const months = new Set(rows.map((r) => chinaMonthOf(Date.parse(isoTime(r.time)))));
    expect([...months].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    // Each planned request is stamped within seconds of its planned instant.
    const times = rows.map((r) => Date.parse(isoTime(r.time))).sort((a, b) => a - b);
    const planned = plan.events.map((e) => e.at);
    expect(Math.abs(times[0] - planned[0])).toBeLessThan(60_000);
    expect(Math.abs(times[times.length - 1] - planned[planned.length - 1])).toBeLessThan(60_000);
  });

  it('files sharing applications across the year, answers some late and leaves one pending past due', async () => {
    const filed: { submitted_on: string | Date }[] = await sharing('sharing_applications')
      .where('submitted_at', '>=', `${YEAR}-01-01`)
      .andWhere('submitted_at', '<', `${YEAR + 1}-01-01`)
      .select('submitted_on');
    const months = new Set(filed.map((f) => String(dateText(f.submitted_on)).slice(5, 7)));
    expect(months.size).toBeGreaterThanOrEqual(6);
    const late = await sharing('sharing_requests')
      .where('due_on', '>=', `${YEAR}-01-01`)
      .whereRaw('decided_on > due_on')
      .count<{ n: number }[]>({ n: '*' });
    expect(Number(late[0].n)).toBeGreaterThan(0);
    const onTime = await sharing('sharing_requests')
      .where('due_on', '>=', `${YEAR}-01-01`)
      .whereRaw('decided_on <= due_on')
      .count<{ n: number }[]>({ n: '*' });
    expect(Number(onTime[0].n)).toBeGreaterThan(0);
    const overdue = await sharing('sharing_requests')
      .where({ status: 'PENDING' })
      .andWhere('due_on', '>=', `${YEAR}-01-01`)
      .andWhere('due_on', '<', `${YEAR}-12-31`)
      .count<{ n: number }[]>({ n: '*' });
    expect(Number(overdue[0].n)).toBeGreaterThan(0);
    const revoked = await sharing('grants')
      .where({ status: 'REVOKED' })
      .andWhere('revoked_at', '>=', `${YEAR}-01-01`)
      .andWhere('revoked_at', '<', `${YEAR + 1}-01-01`)
      .count<{ n: number }[]>({ n: '*' });
    expect(Number(revoked[0].n)).toBeGreaterThan(0);
  });

  it('files error reports across the year, corrected or rejected, some late, one pending past due', async () => {
    const reports: {
      status: string;
      reported_on: string | Date;
      due_on: string | Date;
      answered_on: string | Date | null;
    }[] = await sharing('data_error_reports')
      .where('reported_at', '>=', `${YEAR}-01-01`)
      .andWhere('reported_at', '<', `${YEAR + 1}-01-01`)
      .select('status', 'reported_on', 'due_on', 'answered_on');
    expect(
      new Set(reports.map((r) => dateText(r.reported_on).slice(5, 7))).size,
    ).toBeGreaterThanOrEqual(4);
    expect(reports.map((r) => r.status)).toEqual(
      expect.arrayContaining(['CORRECTED', 'REJECTED', 'PENDING']),
    );
    const answered = reports.filter((r) => r.answered_on !== null);
    expect(answered.some((r) => dateText(r.answered_on!) > dateText(r.due_on))).toBe(true);
    expect(answered.some((r) => dateText(r.answered_on!) <= dateText(r.due_on))).toBe(true);
    expect(
      reports.some((r) => r.status === 'PENDING' && dateText(r.due_on) < `${YEAR}-12-31`),
    ).toBe(true);
  });

  it('confirms systems in the self-inspection of that year', async () => {
    const confirmed: { application_id: string }[] = await sharing(
      'application_inventory_confirmations',
    )
      .where({ year: YEAR })
      .select('application_id');
    expect(confirmed.map((c) => c.application_id)).toEqual(
      expect.arrayContaining(['minimum-living-allowance', 'housing-subsidy']),
    );
  });

  it('has no record of the registered system that never calls, and none of the idle one after May', async () => {
    for (const silent of plan.silent)
      expect(
        await audit('audit_records').where({ application: silent }).first('id'),
      ).toBeUndefined();
    const registered = await sharing('applications').whereIn('id', plan.silent).select('id');
    expect(registered).toHaveLength(plan.silent.length);
    const late = await audit('audit_records')
      .where({ application: 'subsidy-payments' })
      .andWhere('time', '>=', `${YEAR}-06-01`)
      .first('id');
    expect(late).toBeUndefined();
  });

  it("shows the year in the system inventory: monthly usage, the idle system's last months empty, the silent one not connected", async () => {
    const res = await fetch(platform.gatewayUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(await platform.headers({ department: 'big-data-bureau', operator: 'li.ming' })),
      },
      body: JSON.stringify({
        query: `query Inventory($from: String!, $to: String!) { applications(first: 100) { nodes {
          id usage(from: $from, to: $to) { requestsByMonth { month requests } }
          inventoryFlags { zombieCandidate notConnected } } } }`,
        variables: { from: `${YEAR}-01`, to: `${YEAR}-12` },
      }),
    });
    const body = (await res.json()) as {
      data: {
        applications: {
          nodes: {
            id: string;
            usage: { requestsByMonth: { month: string; requests: number }[] };
            inventoryFlags: { zombieCandidate: boolean; notConnected: boolean };
          }[];
        };
      };
    };
    const byId = new Map(body.data.applications.nodes.map((n) => [n.id, n]));
    const monthsOf = (id: string) =>
      byId
        .get(id)!
        .usage.requestsByMonth.filter((m) => m.requests > 0)
        .map((m) => m.month);
    expect(monthsOf('minimum-living-allowance')).toHaveLength(12);
    expect(monthsOf('subsidy-payments').every((m) => m <= `${YEAR}-05`)).toBe(true);
    expect(byId.get('subsidy-payments')!.inventoryFlags.zombieCandidate).toBe(true);
    for (const silent of plan.silent)
      expect(byId.get(silent)!.inventoryFlags).toEqual({
        zombieCandidate: false,
        notConnected: true,
      });
  });
}

/** A DATE column as YYYY-MM-DD: a string on SQLite; a Date (local midnight) from MariaDB's driver. */
function dateText(value: string | Date): string {
  if (!(value instanceof Date)) return String(value).slice(0, 10);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`;
}

describe('a year of traffic in simulated time on SQLite', () => yearTrafficSuite('sqlite'));
describeWithService('mysql', 'a year of traffic in simulated time on MariaDB', () =>
  yearTrafficSuite('mysql'),
);

/**
 * Data error reports (数据纠错) and their answers (校核) against the sharing subgraph with the
 * committed supergraph's catalogue and a clock the test moves, as one scenario run on SQLite
 * (error-reports.test.ts) and MariaDB (error-reports-mysql.test.ts). Housing reports a wrong
 * household address to public security, its owner; tax, a department with no part in it, and
 * the big data bureau, which supervises but does not correct, play the attackers.
 */
import { postGraphQL } from '../../../test/utils/graphql-client';
import type { CallerIdentity } from '../../../contracts/caller/caller-identity';
import { buildCreditCode } from '../../../domain/credit-code';
import { withIdNumberCheck } from '../../../domain/id-number';
import { readSharingSettings } from '../sharing-settings';
import { CALLER_HEADER, callerOf, manualClock } from './sharing-fixture';
import { seededSharingServer } from './seeded-sharing-server';

const PERSON = withIdNumberCheck('32060219850312123');
const NOBODY = withIdNumberCheck('32060219990101999');
const SHOP = buildCreditCode('9', '2', '320602', 'L1234567');
const DAILY_CAP = 4;

const FIELDS = `id coordinate status owner { code } reporter { code } reportedBy subjectKind
  subject { __typename ... on Person { idNumber } ... on LegalEntity { creditCode } }
  problem evidence dueOn overdue answeredAt answeredBy answeredLate correction rejectReason`;
const REPORT = `mutation($input: DataErrorReportInput!) { reportDataError(input: $input) { ${FIELDS} } }`;
const CORRECT = `mutation($id: ID!, $c: String!) { correctDataErrorReport(id: $id, correction: $c) { ${FIELDS} } }`;
const REJECT = `mutation($id: ID!, $r: String!) { rejectDataErrorReport(id: $id, reason: $r) { ${FIELDS} } }`;
const QUEUE = `query($status: DataErrorReportStatus, $overdue: Boolean) {
  dataErrorReports(status: $status, overdue: $overdue, first: 100) { totalCount nodes { id status overdue owner { code } } }
}`;
const ONE = `query($id: ID!) { dataErrorReport(id: $id) { id status } }`;
const MINE = `{ correctionsToMyData { totalCount nodes { coordinate owner { code name } correction reportedAt correctedAt } } }`;

export function errorReportScenario(backend: 'sqlite' | 'mysql'): void {
  const time = manualClock('2026-12-04T02:00:00Z'); // Friday 10:00 in Nantong

  const as =
    (caller: CallerIdentity) =>
    (query: string, variables: Record<string, unknown> = {}) =>
      postGraphQL(server.url(), query, variables, { [CALLER_HEADER]: JSON.stringify(caller) });
  const housing = as(callerOf('housing'));
  const owner = as(callerOf('public-security', { operator: 'officer.wang' }));
  const tax = as(callerOf('tax'));
  const bureau = as(callerOf('big-data-bureau'));
  const citizen = as(callerOf('citizen', { citizenIdNumber: PERSON, operator: null }));
  const stranger = as(callerOf('citizen', { citizenIdNumber: NOBODY, operator: null }));
  const errorOf = (r: { body: { errors?: { extensions?: Record<string, unknown> }[] } }) => {
    const e = r.body.errors?.[0]?.extensions;
    return e ? [e.code, e.problem ?? e.reason ?? null] : null;
  };
  const input = (over: Record<string, unknown> = {}) => ({
    input: {
      coordinate: 'Person.householdAddress',
      subject: { kind: 'PERSON', id: PERSON },
      problem: '户籍地址门牌号应为 12 号，共享数据为 21 号',
      evidence: '户口簿首页复印件，公租房申请材料',
      ...over,
    },
  });

  const server = seededSharingServer(backend, () => ({
    clock: time.clock,
    settings: readSharingSettings({}),
    errorReportSettings: { correctionWorkingDays: 5, reportsPerDay: DAILY_CAP },
  }));

  let reportId: string;
  let rejectedId: string;
  let residentAnswer: Record<string, unknown>;

  it('files a report to the owner of the data item, pending, due in 5 working days', async () => {
    const r = await housing(REPORT, input());
    expect(r.body.errors).toBeUndefined();
    const report = r.body.data!.reportDataError as Record<string, unknown>;
    reportId = report.id as string;
    residentAnswer = report;
    expect(reportId).toMatch(/^ER-20261204-[0-9A-F]{12}$/);
    expect(report).toMatchObject({
      coordinate: 'Person.householdAddress',
      status: 'PENDING',
      owner: { code: 'public-security' },
      reporter: { code: 'housing' },
      reportedBy: 'op@housing',
      subjectKind: 'PERSON',
      subject: { __typename: 'Person', idNumber: PERSON },
      dueOn: '2026-12-11',
      overdue: false,
      answeredLate: null,
    });
  });

  it('answers a report about nobody exactly as one about a resident: reporting is no probe', async () => {
    const r = await housing(REPORT, input({ subject: { kind: 'PERSON', id: NOBODY } }));
    expect(r.body.errors).toBeUndefined();
    const a = r.body.data!.reportDataError as Record<string, unknown>;
    // Same shape, same state, same deadline: nothing says whether anyone has this number.
    const strip = (x: Record<string, unknown>) => ({ ...x, id: null, subject: null });
    expect(strip(a)).toEqual(strip(residentAnswer));
    rejectedId = a.id as string;
  });

  it('refuses a malformed subject, an unknown item and a report not returning its subject', async () => {
    const bad = PERSON.slice(0, 17) + (PERSON[17] === '1' ? '2' : '1');
    expect(errorOf(await housing(REPORT, input({ subject: { kind: 'PERSON', id: bad } })))).toEqual(
      ['BAD_USER_INPUT', 'CHECKSUM'],
    );
    expect(
      errorOf(await housing(REPORT, input({ subject: { kind: 'LEGAL_ENTITY', id: PERSON } })))?.[0],
    ).toBe('BAD_USER_INPUT');
    expect(errorOf(await housing(REPORT, input({ coordinate: 'Person.secret' })))).toEqual([
      'BAD_USER_INPUT',
      'UNKNOWN',
    ]);
    expect(errorOf(await housing(REPORT, input({ coordinate: 'Query.person' })))).toEqual([
      'BAD_USER_INPUT',
      'UNKNOWN',
    ]);
    const blind = await housing(
      'mutation($input: DataErrorReportInput!) { reportDataError(input: $input) { id } }',
      input({ coordinate: 'LegalEntity.name', subject: { kind: 'LEGAL_ENTITY', id: SHOP } }),
    );
    expect(errorOf(blind)).toEqual(['BAD_USER_INPUT', 'SUBJECT_NOT_SELECTED']);
  });

  it('refuses a second pending report of the same item and subject by the same department', async () => {
    expect(errorOf(await housing(REPORT, input()))).toEqual(['BAD_USER_INPUT', 'DUPLICATE']);
  });

  it("lists the report in the owner's and the reporter's queue, the bureau's, and nobody else's", async () => {
    const ids = async (who: typeof housing) =>
      ((await who(QUEUE)).body.data!.dataErrorReports as { nodes: { id: string }[] }).nodes.map(
        (n) => n.id,
      );
    expect(await ids(owner)).toEqual(expect.arrayContaining([reportId, rejectedId]));
    expect(await ids(housing)).toEqual(expect.arrayContaining([reportId, rejectedId]));
    expect(await ids(bureau)).toEqual(expect.arrayContaining([reportId, rejectedId]));
    expect(await ids(tax)).toEqual([]);
    expect((await tax(ONE, { id: reportId })).body.data).toEqual({ dataErrorReport: null });
    expect((await owner(ONE, { id: reportId })).body.data).toEqual({
      dataErrorReport: { id: reportId, status: 'PENDING' },
    });
    expect(errorOf(await citizen(QUEUE))).toEqual(['FORBIDDEN', expect.any(String)]);
  });

  it('lets only the owner answer: the reporter, another department and the bureau are FORBIDDEN', async () => {
    for (const who of [housing, tax, bureau]) {
      expect(errorOf(await who(CORRECT, { id: reportId, c: '已更正' }))?.[0]).toBe('FORBIDDEN');
      expect(errorOf(await who(REJECT, { id: reportId, r: '无误' }))?.[0]).toBe('FORBIDDEN');
    }
    // An unknown report looks the same to a department as someone else's.
    expect(errorOf(await tax(CORRECT, { id: 'ER-20261204-000000000000', c: 'x' }))?.[0]).toBe(
      'FORBIDDEN',
    );
    expect(errorOf(await bureau(CORRECT, { id: 'ER-20261204-000000000000', c: 'x' }))?.[0]).toBe(
      'NOT_FOUND',
    );
  });

  it('requires a reason to reject and a text to record a correction', async () => {
    expect(errorOf(await owner(REJECT, { id: reportId, r: '  ' }))).toEqual([
      'BAD_USER_INPUT',
      'REQUIRED',
    ]);
    expect(errorOf(await owner(CORRECT, { id: reportId, c: '' }))).toEqual([
      'BAD_USER_INPUT',
      'REQUIRED',
    ]);
  });

  it('flags the report overdue once its due date has passed, for the owner and the bureau', async () => {
    time.set('2026-12-11T15:59:00Z'); // 23:59 on the due date in Nantong: not yet
    expect(
      (
        (await owner(QUEUE, { overdue: true })).body.data!.dataErrorReports as {
          totalCount: number;
        }
      ).totalCount,
    ).toBe(0);
    time.set('2026-12-11T16:00:00Z'); // Saturday 00:00 in Nantong
    const overdue = (await bureau(QUEUE, { overdue: true })).body.data!.dataErrorReports as {
      nodes: { id: string; overdue: boolean }[];
    };
    expect(overdue.nodes).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: reportId, overdue: true })]),
    );
  });

  it('records the late correction; the answer is final', async () => {
    time.set('2026-12-14T03:00:00Z');
    const r = await owner(CORRECT, { id: reportId, c: '门牌号已更正为 12 号（户籍系统）' });
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data!.correctDataErrorReport).toMatchObject({
      status: 'CORRECTED',
      overdue: false,
      answeredAt: '2026-12-14T03:00:00.000Z',
      answeredBy: 'officer.wang',
      answeredLate: true,
      correction: '门牌号已更正为 12 号（户籍系统）',
      rejectReason: null,
    });
    expect(errorOf(await owner(CORRECT, { id: reportId, c: 'again' }))).toEqual([
      'BAD_USER_INPUT',
      'STATE',
    ]);
    expect(errorOf(await owner(REJECT, { id: reportId, r: 'changed my mind' }))).toEqual([
      'BAD_USER_INPUT',
      'STATE',
    ]);
  });

  it('rejects with the reason recorded', async () => {
    const r = await owner(REJECT, { id: rejectedId, r: '经核查，户籍系统无此人，原数据无误' });
    expect(r.body.data!.rejectDataErrorReport).toMatchObject({
      status: 'REJECTED',
      rejectReason: '经核查，户籍系统无此人，原数据无误',
      correction: null,
    });
  });

  it('shows the citizen the corrections of their own data, and nobody else', async () => {
    const mine = await citizen(MINE);
    expect(mine.body.errors).toBeUndefined();
    expect(mine.body.data!.correctionsToMyData).toEqual({
      totalCount: 1,
      nodes: [
        {
          coordinate: 'Person.householdAddress',
          owner: { code: 'public-security', name: '公安局' },
          correction: '门牌号已更正为 12 号（户籍系统）',
          reportedAt: '2026-12-04T02:00:00.000Z',
          correctedAt: '2026-12-14T03:00:00.000Z',
        },
      ],
    });
    // The rejected report about NOBODY is no correction.
    expect((await stranger(MINE)).body.data!.correctionsToMyData).toEqual({
      totalCount: 0,
      nodes: [],
    });
    for (const who of [housing, owner, bureau])
      expect(errorOf(await who(MINE))?.[0]).toBe('FORBIDDEN');
    expect(errorOf(await as(callerOf('citizen'))(MINE))?.[0]).toBe('FORBIDDEN');
  });

  it('caps the reports a department files per China day', async () => {
    time.set('2026-12-15T02:00:00Z');
    const civil = as(callerOf('civil-affairs'));
    for (let i = 0; i < DAILY_CAP; i++) {
      const r = await civil(
        REPORT,
        input({
          problem: `第 ${i} 条`,
          subject: { kind: 'PERSON', id: withIdNumberCheck(`3206021980010100${i}`) },
        }),
      );
      expect(r.body.errors).toBeUndefined();
    }
    const over = await civil(
      REPORT,
      input({ subject: { kind: 'LEGAL_ENTITY', id: SHOP }, coordinate: 'LegalEntity.name' }),
    );
    expect(errorOf(over)).toEqual(['RATE_LIMITED', 'ERROR_REPORTS_PER_DAY']);
    // Another department is not held back by it, and the next China day the count starts again.
    expect((await tax(REPORT, input())).body.errors).toBeUndefined();
    time.set('2026-12-15T16:00:00Z');
    expect(
      (
        await civil(
          REPORT,
          input({ subject: { kind: 'LEGAL_ENTITY', id: SHOP }, coordinate: 'LegalEntity.name' }),
        )
      ).body.errors,
    ).toBeUndefined();
  });
}

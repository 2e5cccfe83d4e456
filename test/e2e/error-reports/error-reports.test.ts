/**
 * Data error reports (数据纠错) and corrections (校核) through the gateway: housing reports a wrong
 * household address to public security, which corrects it; the report and the correction are
 * audited with the resident as their subject, so the resident's "who looked at my data" lists
 * both departments, and the resident's own token reads the correction. Attackers: a department
 * answering for data it does not own, a malformed subject, a flood of reports, and a citizen's
 * token reaching for the departments' queue.
 */
import '../../utils/e2e-timeout';
import { issueToken } from '../../../gateway/auth/issue-token';
import { buildCreditCode } from '../../../domain/credit-code';
import { postGraphQL } from '../../utils/graphql-client';
import { Platform, startPlatform } from '../../utils/platform';

const DAILY_CAP = 3;
const SHOP = buildCreditCode('9', '2', '320602', 'L1234567');
const REPORT = `mutation Report($input: DataErrorReportInput!) {
  reportDataError(input: $input) { id status dueOn owner { code } subject { __typename } }
}`;
const CORRECT = `mutation Correct($id: ID!, $c: String!) {
  correctDataErrorReport(id: $id, correction: $c) { id status correction answeredLate subject { __typename } }
}`;
const REJECT = `mutation Reject($id: ID!, $r: String!) {
  rejectDataErrorReport(id: $id, reason: $r) { id status subject { __typename } }
}`;
const QUEUE = `{ dataErrorReports(status: PENDING) { totalCount nodes { id coordinate reporter { code } overdue dueOn } } }`;
const MINE = `{ correctionsToMyData { totalCount nodes { coordinate owner { name } correction correctedAt } } }`;
const WHO = `query WhoLooked($id: ID!) {
  whoAccessedMyData(idNumber: $id, first: 50) { subject { idNumber } nodes { department { code } operationName } }
}`;

describe('data error reports and corrections through the gateway', () => {
  let platform: Platform;
  let person: string;
  let reportId: string;
  const saved = process.env.SHARING_ERROR_REPORTS_PER_DAY;

  const as = async (department: string, query: string, variables: Record<string, unknown> = {}) =>
    postGraphQL(
      platform.gatewayUrl,
      query,
      variables,
      await platform.headers({ department, operator: `op@${department}` }),
    );
  const asCitizen = async (query: string, variables: Record<string, unknown> = {}) =>
    postGraphQL(platform.gatewayUrl, query, variables, {
      authorization: `Bearer ${await issueToken(platform.security!.tokenKeys.signing!, platform.security!.tokenSettings, { department: 'citizen', citizenIdNumber: person, ttlSeconds: 600 })}`,
    });
  const codeOf = (r: { body: { errors?: { extensions?: Record<string, unknown> }[] } }) =>
    r.body.errors?.[0]?.extensions?.code;
  const report = (department: string, over: Record<string, unknown> = {}) =>
    as(department, REPORT, {
      input: {
        coordinate: 'Person.householdAddress',
        subject: { kind: 'PERSON', id: person },
        problem: '户籍地址门牌号有误',
        evidence: '户口簿',
        ...over,
      },
    });

  beforeAll(async () => {
    process.env.SHARING_ERROR_REPORTS_PER_DAY = String(DAILY_CAP);
    platform = await startPlatform({ subgraphs: ['population', 'sharing', 'audit'], persons: 200 });
    person = (
      await platform.subgraphs.population!.db('people').orderBy('id_number').first('id_number')
    ).id_number;
  });
  afterAll(async () => {
    if (saved === undefined) delete process.env.SHARING_ERROR_REPORTS_PER_DAY;
    else process.env.SHARING_ERROR_REPORTS_PER_DAY = saved;
    await platform?.stop();
  });

  it('files the report to the owner of the item and shows it in the owner queue', async () => {
    const filed = await report('housing');
    expect(filed.status).toBe(200);
    expect(filed.body.errors).toBeUndefined();
    expect(filed.body.data!.reportDataError).toMatchObject({
      status: 'PENDING',
      owner: { code: 'public-security' },
      subject: { __typename: 'Person' },
    });
    reportId = filed.body.data!.reportDataError.id;
    const queue = await as('public-security', QUEUE);
    expect(queue.body.data!.dataErrorReports.nodes).toContainEqual(
      expect.objectContaining({ id: reportId, reporter: { code: 'housing' }, overdue: false }),
    );
    expect((await as('tax', QUEUE)).body.data!.dataErrorReports.totalCount).toBe(0);
  });

  it('refuses a malformed subject id as BAD_USER_INPUT', async () => {
    const bad = person.slice(0, 17) + (person[17] === '1' ? '2' : '1');
    expect(codeOf(await report('housing', { subject: { kind: 'PERSON', id: bad } }))).toBe(
      'BAD_USER_INPUT',
    );
  });

  it('lets no department but the owner answer (FORBIDDEN), and requires a reason to reject', async () => {
    for (const department of ['housing', 'tax', 'big-data-bureau'])
      expect(codeOf(await as(department, CORRECT, { id: reportId, c: '已更正' }))).toBe(
        'FORBIDDEN',
      );
    expect(codeOf(await as('public-security', REJECT, { id: reportId, r: ' ' }))).toBe(
      'BAD_USER_INPUT',
    );
    // Nor the resident, whose token reaches only its own corrections.
    const byCitizen = await asCitizen(CORRECT, { id: reportId, c: '已更正' });
    expect(byCitizen.status).toBe(403);
    expect(codeOf(byCitizen)).toBe('FORBIDDEN');
  });

  it('flags the report overdue once its due date has passed', async () => {
    await platform.subgraphs
      .sharing!.db('data_error_reports')
      .where({ id: reportId })
      .update({ due_on: '2020-01-10' });
    const overdue = await as(
      'big-data-bureau',
      '{ dataErrorReports(overdue: true, first: 100) { nodes { id overdue } } }',
    );
    expect(overdue.body.data!.dataErrorReports.nodes).toContainEqual({
      id: reportId,
      overdue: true,
    });
  });

  it('records the correction, late, once', async () => {
    const done = await as('public-security', CORRECT, { id: reportId, c: '门牌号已更正' });
    expect(done.body.errors).toBeUndefined();
    expect(done.body.data!.correctDataErrorReport).toMatchObject({
      status: 'CORRECTED',
      correction: '门牌号已更正',
      answeredLate: true,
    });
    expect(codeOf(await as('public-security', REJECT, { id: reportId, r: '重复' }))).toBe(
      'BAD_USER_INPUT',
    );
  });

  it("shows the resident the correction with the citizen's own token", async () => {
    const mine = await asCitizen(MINE);
    expect(mine.status).toBe(200);
    expect(mine.body.errors).toBeUndefined();
    expect(mine.body.data!.correctionsToMyData).toMatchObject({
      totalCount: 1,
      nodes: [
        {
          coordinate: 'Person.householdAddress',
          owner: { name: '公安局' },
          correction: '门牌号已更正',
        },
      ],
    });
    // The departments' queue stays outside a citizen token's scope.
    const queue = await asCitizen(QUEUE);
    expect(queue.status).toBe(403);
    expect(queue.body.errors?.[0]?.extensions).toMatchObject({ reason: 'CITIZEN_SCOPE' });
  });

  it("lists the report and the correction in the resident's who-looked-at-my-data", async () => {
    await platform.audit!.ship();
    const who = await asCitizen(WHO, { id: person });
    expect(who.body.errors).toBeUndefined();
    const seen = who.body.data!.whoAccessedMyData.nodes.map(
      (n: { department: { code: string } | null; operationName: string | null }) =>
        `${n.department?.code}:${n.operationName}`,
    );
    expect(seen).toEqual(expect.arrayContaining(['housing:Report', 'public-security:Correct']));
  });

  it('caps the reports one department files per day', async () => {
    for (let i = 0; i < DAILY_CAP; i++)
      expect(
        (await report('civil-affairs', { coordinate: 'Person.name', problem: `第 ${i} 条` })).body
          .errors?.[0]?.extensions?.problem ?? null,
      ).toBe(i === 0 ? null : 'DUPLICATE');
    // Duplicates are refused before they count; fill the day with distinct reports, then one more.
    const entity = { kind: 'LEGAL_ENTITY', id: SHOP };
    expect(
      codeOf(await report('civil-affairs', { coordinate: 'LegalEntity.name', subject: entity })),
    ).toBeUndefined();
    expect(codeOf(await report('civil-affairs', { coordinate: 'Person.gender' }))).toBeUndefined();
    expect(codeOf(await report('civil-affairs', { coordinate: 'Person.ethnicity' }))).toBe(
      'RATE_LIMITED',
    );
  });
});

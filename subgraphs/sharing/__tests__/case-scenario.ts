/**
 * Approval items, item grants and cases (办件) against the seeded sharing database and the
 * committed supergraph, as one scenario run on SQLite (cases.test.ts) and MariaDB
 * (cases-mysql.test.ts). The seed gave the service network (big-data-bureau) a grant for every
 * item; the housing bureau's system gets one for 公共租赁住房申请 in the scenario; the civil
 * affairs bureau's allowance system, holding none, plays the attacker.
 */
import { postGraphQL } from '../../../test/utils/graphql-client';
import { CASE_FOR_GATEWAY_QUERY, caseRecordFromData } from '../../../contracts/cases/approval-case';
import { GATEWAY_CALLER } from '../../../contracts/caller/caller-identity';
import { grantSnapshotFromData, GRANTS_FOR_QUERY } from '../../../contracts/grants/grant-snapshot';
import { buildCreditCode } from '../../../domain/credit-code';
import { withIdNumberCheck } from '../../../domain/id-number';
import { readSharingSettings } from '../sharing-settings';
import { CALLER_HEADER, callerOf, manualClock } from './sharing-fixture';
import { seededSharingServer } from './seeded-sharing-server';

export const APPLICANT = withIdNumberCheck('32060219850312123');
export const SPOUSE = withIdNumberCheck('32060219870521234');
export const SHOP = buildCreditCode('9', '2', '320602', 'L1234567');

const NETWORK = ['big-data-bureau', 'service-network'] as const;
const HOUSING = ['housing', 'housing-subsidy'] as const;
const ATTACKER = ['civil-affairs', 'minimum-living-allowance'] as const;

const CASE_FIELDS = `number status item { code name } application { id } operator
  applicants { idNumbers creditCodes } consent { scope signedAt } openedAt closedAt closedBy dueOn overdue`;
const OPEN = `mutation($input: OpenCaseInput!) { openCase(input: $input) { ${CASE_FIELDS} } }`;
const CLOSE = `mutation($n: ID!) { closeCase(number: $n) { ${CASE_FIELDS} } }`;
const READ = `query($n: ID!) { case(number: $n) { ${CASE_FIELDS} } }`;
const LIST = `query($status: CaseStatus, $overdue: Boolean, $item: ID) {
  cases(status: $status, overdue: $overdue, item: $item) { totalCount nodes { number status overdue application { id } } }
}`;
const APPLY = `mutation($input: SharingApplicationInput!) {
  applyForSharing(input: $input) { id item { code } requests { id owner { code } items } }
}`;
const APPROVE = `mutation($id: ID!) { approveSharingRequest(id: $id) { status grant { id item { code name } purposes } } }`;

export function caseScenario(backend: 'sqlite' | 'mysql'): void {
  const time = manualClock('2026-12-07T02:00:00Z'); // Monday 10:00 in Nantong

  /** As an application (department, application), or as a department's token naming none. */
  const as =
    (who: readonly [string, string | null]) =>
    (query: string, variables: Record<string, unknown> = {}) =>
      postGraphQL(server.url(), query, variables, {
        [CALLER_HEADER]: JSON.stringify(callerOf(who[0], { application: who[1] })),
      });
  const asGateway = (query: string, variables: Record<string, unknown> = {}) =>
    postGraphQL(server.url(), query, variables, {
      [CALLER_HEADER]: JSON.stringify(GATEWAY_CALLER),
    });

  const caseInput = (over: Record<string, unknown> = {}) => ({
    number: 'NT20261207-ZF0101-000001',
    item: 'ZF0101',
    applicants: { idNumbers: [APPLICANT, SPOUSE] },
    operator: '窗口 张敏',
    consent: {
      scope: ['Person.householdAddress', 'Household.*'],
      signedAt: '2026-12-07T09:40:00+08:00',
    },
    ...over,
  });
  const errorOf = (r: Awaited<ReturnType<typeof asGateway>>) => r.body.errors?.[0];

  const server = seededSharingServer(backend, () => ({
    clock: time.clock,
    settings: readSharingSettings({}),
  }));

  it('seeds an item grant to the service network for every item, beside its standing grants', async () => {
    const { body } = await asGateway(GRANTS_FOR_QUERY, { department: 'big-data-bureau' });
    const snapshot = grantSnapshotFromData('big-data-bureau', body.data as never);
    const items = new Set(snapshot.grants.map((g) => g.item));
    expect(items).toEqual(new Set([null, 'BD0101', 'CS0101', 'DB0101', 'GT0101', 'ZF0101']));
    for (const g of snapshot.grants.filter((x) => x.item !== null)) {
      expect(g).toMatchObject({
        application: 'service-network',
        purposes: ['ADMINISTRATIVE_APPROVAL'],
      });
    }
    const items2 = await as(NETWORK)(
      `{ approvalItems { code timeLimitDays department { code } dataItems { coordinate reason } } }`,
    );
    expect(items2.body.data!.approvalItems).toHaveLength(5);
    expect(items2.body.data!.approvalItems[4]).toMatchObject({
      code: 'ZF0101',
      timeLimitDays: 20,
      department: { code: 'housing' },
    });
  });

  it('checks a sharing application for an item against its data list and purpose', async () => {
    const apply = (input: Record<string, unknown>) =>
      as(HOUSING)(APPLY, {
        input: {
          application: 'housing-subsidy',
          justification: '公共租赁住房申请受理，按事项数据清单调取。',
          clear: true,
          purposes: ['ADMINISTRATIVE_APPROVAL'],
          item: 'ZF0101',
          ...input,
        },
      });
    const outside = await apply({ items: ['Person.householdAddress', 'Person.phone'] });
    expect(errorOf(outside)?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      problem: 'NOT_IN_ITEM',
      coordinates: ['Person.phone'],
    });
    const wholeType = await apply({ items: ['LegalEntity.*'] });
    expect(errorOf(wholeType)?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      problem: 'NOT_IN_ITEM',
    });
    const purpose = await apply({ items: ['Household.*'], purposes: ['HOUSING_SECURITY'] });
    expect(errorOf(purpose)?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      problem: 'ITEM_PURPOSE',
    });
    const unknown = await apply({ items: ['Household.*'], item: 'ZZ9999' });
    expect(errorOf(unknown)?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      problem: 'UNKNOWN',
    });

    const ok = await apply({ items: ['Person.householdAddress', 'Household.*'] });
    expect(ok.body.errors).toBeUndefined();
    expect(ok.body.data!.applyForSharing.item).toEqual({ code: 'ZF0101' });
    const [request] = ok.body.data!.applyForSharing.requests;
    expect(request.owner.code).toBe('public-security');
    const approved = await as(['public-security', null])(APPROVE, { id: request.id });
    expect(approved.body.data!.approveSharingRequest.grant).toMatchObject({
      item: { code: 'ZF0101', name: '公共租赁住房申请' },
      purposes: ['ADMINISTRATIVE_APPROVAL'],
    });
  });

  it('opens a case for the calling application, due after the item time limit in working days', async () => {
    const { body } = await as(NETWORK)(OPEN, { input: caseInput() });
    expect(body.errors).toBeUndefined();
    expect(body.data!.openCase).toEqual({
      number: 'NT20261207-ZF0101-000001',
      status: 'OPEN',
      item: { code: 'ZF0101', name: '公共租赁住房申请' },
      application: { id: 'service-network' },
      operator: '窗口 张敏',
      applicants: { idNumbers: [APPLICANT, SPOUSE].sort(), creditCodes: [] },
      consent: {
        scope: ['Household.*', 'Person.householdAddress'],
        signedAt: '2026-12-07T01:40:00.000Z',
      },
      openedAt: '2026-12-07T02:00:00.000Z',
      closedAt: null,
      closedBy: null,
      dueOn: '2027-01-04',
      overdue: false,
    });
  });

  it.each([
    ['a malformed number', { number: 'NT2026-ZF0101-1' }, 'FORMAT'],
    ['a number of another item', { number: 'NT20261207-GT0101-000001' }, 'ITEM_MISMATCH'],
    ['a number dated after today', { number: 'NT20261208-ZF0101-000001' }, 'RANGE'],
    ['the number of a case already opened', {}, 'DUPLICATE'],
    ['no applicant', { number: 'NT20261207-ZF0101-000002', applicants: {} }, 'REQUIRED'],
    [
      'a malformed ID number',
      { number: 'NT20261207-ZF0101-000002', applicants: { idNumbers: ['320602198503121230'] } },
      'CHECKSUM',
    ],
    [
      'a malformed credit code',
      { number: 'NT20261207-ZF0101-000002', applicants: { creditCodes: ['91320602MA1XXXXX00'] } },
      undefined,
    ],
    [
      'an empty consent',
      {
        number: 'NT20261207-ZF0101-000002',
        consent: { scope: [], signedAt: '2026-12-07T09:00:00+08:00' },
      },
      'REQUIRED',
    ],
    [
      'a consent wider than the item',
      {
        number: 'NT20261207-ZF0101-000002',
        consent: {
          scope: ['Household.*', 'Person.ethnicity'],
          signedAt: '2026-12-07T09:00:00+08:00',
        },
      },
      'NOT_IN_ITEM',
    ],
    [
      'a consent to a type the item does not list',
      {
        number: 'NT20261207-ZF0101-000002',
        consent: { scope: ['LegalEntity.*'], signedAt: '2026-12-07T09:00:00+08:00' },
      },
      'NOT_IN_ITEM',
    ],
    [
      'a consent signed after opening',
      {
        number: 'NT20261207-ZF0101-000002',
        consent: { scope: ['Household.*'], signedAt: '2026-12-07T10:30:00+08:00' },
      },
      'RANGE',
    ],
    [
      'a consent without a time zone',
      {
        number: 'NT20261207-ZF0101-000002',
        consent: { scope: ['Household.*'], signedAt: '2026-12-07 09:00' },
      },
      'FORMAT',
    ],
    ['an unknown item', { number: 'NT20261207-ZZ9999-000002', item: 'ZZ9999' }, 'UNKNOWN'],
  ])('refuses %s with BAD_USER_INPUT', async (_name, over, problem) => {
    const { body } = await as(NETWORK)(OPEN, { input: caseInput(over) });
    expect(body.data).toBeNull();
    expect(body.errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      ...(problem ? { problem } : {}),
    });
    if (problem === 'NOT_IN_ITEM')
      expect(body.errors![0].message).toMatch(/Person\.ethnicity|LegalEntity\.\*/);
  });

  it('refuses a case for an item the application holds no grant for, and a token naming no application', async () => {
    const attacker = await as(ATTACKER)(OPEN, {
      input: caseInput({ number: 'NT20261207-ZF0101-000009' }),
    });
    expect(errorOf(attacker)?.extensions?.code).toBe('FORBIDDEN');
    // The housing system holds ZF0101 only: not 个体工商户设立登记.
    const otherItem = await as(HOUSING)(OPEN, {
      input: caseInput({
        number: 'NT20261207-GT0101-000009',
        item: 'GT0101',
        consent: { scope: ['Person.phone'], signedAt: '2026-12-07T09:00:00+08:00' },
      }),
    });
    expect(errorOf(otherItem)?.extensions?.code).toBe('FORBIDDEN');
    const noApplication = await as(['housing', null])(OPEN, {
      input: caseInput({ number: 'NT20261207-ZF0101-000009' }),
    });
    expect(errorOf(noApplication)?.extensions?.code).toBe('FORBIDDEN');
    expect((await as(NETWORK)(READ, { n: 'NT20261207-ZF0101-000009' })).body.data!.case).toBeNull();
  });

  it('shows a case to its application, the bureau and the gateway, and to nobody else (null, as if absent)', async () => {
    const opened = await as(HOUSING)(OPEN, {
      input: caseInput({
        number: 'NT20261207-ZF0101-000003',
        applicants: { idNumbers: [APPLICANT], creditCodes: [SHOP] },
      }),
    });
    expect(opened.body.errors).toBeUndefined();
    const n = { n: 'NT20261207-ZF0101-000003' };
    expect((await as(HOUSING)(READ, n)).body.data!.case.applicants.idNumbers).toEqual([APPLICANT]);
    expect((await as(HOUSING)(READ, n)).body.data!.case.dueOn).toBe('2027-01-04');
    expect((await as(NETWORK)(READ, n)).body.data!.case.application).toEqual({
      id: 'housing-subsidy',
    });
    const attacker = await as(ATTACKER)(READ, n);
    expect(attacker.body).toEqual({ data: { case: null } });
    expect(JSON.stringify((await as(['housing', 'school-enrolment'])(READ, n)).body)).not.toContain(
      APPLICANT,
    );
    expect((await as(ATTACKER)(READ, { n: 'NT20261207-ZF0101-000404' })).body).toEqual({
      data: { case: null },
    });
    expect(errorOf(await as(ATTACKER)(READ, { n: 'ZF0101' }))?.extensions?.code).toBe(
      'BAD_USER_INPUT',
    );

    const gateway = await asGateway(CASE_FOR_GATEWAY_QUERY, { number: n.n });
    expect(caseRecordFromData(gateway.body.data as never)).toMatchObject({
      number: n.n,
      status: 'OPEN',
      application: 'housing-subsidy',
      item: {
        code: 'ZF0101',
        includesRepresentedEntities: false,
        dataItems: expect.arrayContaining(['Household.*']),
      },
      applicants: { idNumbers: [APPLICANT], creditCodes: [SHOP] },
      consent: { scope: ['Household.*', 'Person.householdAddress'] },
      closedAt: null,
    });
  });

  it("lists an application's own cases, and every case to the bureau", async () => {
    const own = await as(HOUSING)(LIST);
    expect(own.body.data!.cases.nodes.map((c: { number: string }) => c.number)).toEqual([
      'NT20261207-ZF0101-000003',
    ]);
    expect((await as(ATTACKER)(LIST)).body.data!.cases.totalCount).toBe(0);
    expect((await as(NETWORK)(LIST, { item: 'ZF0101' })).body.data!.cases.totalCount).toBe(2);
    expect(errorOf(await as(['housing', null])(LIST))?.extensions?.code).toBe('FORBIDDEN');
  });

  it("refuses to close another application's case, and closes its own once", async () => {
    const n = { n: 'NT20261207-ZF0101-000003' };
    const attacker = await as(ATTACKER)(CLOSE, n);
    expect(errorOf(attacker)?.extensions?.code).toBe('FORBIDDEN');
    // The same answer for a case that does not exist: closing confirms nothing either.
    const absent = await as(ATTACKER)(CLOSE, { n: 'NT20261207-ZF0101-000404' });
    expect(errorOf(absent)?.message).toBe(errorOf(attacker)?.message);

    time.set('2026-12-08T03:00:00Z');
    const closed = await as(HOUSING)(CLOSE, n);
    expect(closed.body.data!.closeCase).toMatchObject({
      status: 'CLOSED',
      closedAt: '2026-12-08T03:00:00.000Z',
      closedBy: 'op@housing',
    });
    expect((await as(HOUSING)(READ, n)).body.data!.case).toMatchObject({
      status: 'CLOSED',
      closedAt: '2026-12-08T03:00:00.000Z',
    });
    const gateway = await asGateway(CASE_FOR_GATEWAY_QUERY, { number: n.n });
    expect(caseRecordFromData(gateway.body.data as never)).toMatchObject({
      status: 'CLOSED',
      closedAt: '2026-12-08T03:00:00.000Z',
    });
    const again = await as(HOUSING)(CLOSE, n);
    expect(errorOf(again)?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', problem: 'STATE' });
  });

  it('shows the bureau the cases still open past their time limit', async () => {
    time.set('2027-01-05T02:00:00Z'); // the day after 2027-01-04, the first case's due date
    const overdue = await as(NETWORK)(LIST, { overdue: true });
    expect(overdue.body.data!.cases.nodes).toEqual([
      {
        number: 'NT20261207-ZF0101-000001',
        status: 'OPEN',
        overdue: true,
        application: { id: 'service-network' },
      },
    ]);
    const rest = await as(NETWORK)(LIST, { overdue: false });
    expect(rest.body.data!.cases.nodes).toEqual([
      {
        number: 'NT20261207-ZF0101-000003',
        status: 'CLOSED',
        overdue: false,
        application: { id: 'housing-subsidy' },
      },
    ]);
    expect((await as(HOUSING)(LIST, { overdue: true })).body.data!.cases.totalCount).toBe(0);
  });
}

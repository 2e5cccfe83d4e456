import { createTempDatabase, TempDatabase } from '../../../test/utils/temp-database';
import { QueryCounter } from '../../kit/query-counter';
import { RunningSubgraph, startSubgraphServer } from '../../kit/subgraph-server';
import { grantSnapshotFromData, GRANTS_FOR_QUERY } from '../../../contracts/grants/grant-snapshot';
import { createSharingSubgraph } from '../module';
import { readSharingSettings } from '../sharing-settings';
import { clientFor, manualClock, testCatalogue, testVerifier } from './sharing-fixture';

const APPLY = `mutation($input: SharingApplicationInput!) {
  applyForSharing(input: $input) {
    id dueOn overdue status department { code } application { id }
    requests { id owner { code } items purposes clear status dueOn }
  }
}`;
const APPROVE = `mutation($id: ID!, $input: SharingApprovalInput) {
  approveSharingRequest(id: $id, input: $input) { id status decisionReason answeredLate grant { id coordinates purposes clear validFrom validUntil status } }
}`;
const REJECT = `mutation($id: ID!, $reason: String!) { rejectSharingRequest(id: $id, reason: $reason) { id status decisionReason } }`;
const REVOKE = `mutation($id: ID!, $reason: String!) { revokeGrant(id: $id, reason: $reason) { id status revokedAt revokedBy revokeReason effective } }`;
const GRANTS_FOR = `query($d: ID!) {
  grantsFor(department: $d) {
    version asOf department { code }
    grants { id coordinates purposes clear validFrom validUntil status effective grantedBy { code } application { id } sourceRequest { id } }
  }
}`;
const REGISTER = `mutation($input: RegisterApplicationInput!) { registerApplication(input: $input) { id status department { code } } }`;

function app(id: string, department?: string) {
  return {
    id,
    department,
    name: `系统 ${id}`,
    function: '测试功能',
    scopeOfUse: '本部门',
    usageFrequency: 'DAILY',
    approvingDepartment: '市发展和改革委员会',
    approvalDate: '2017-01-01',
    fundingSource: '市级财政资金',
  };
}

describe('sharing subgraph: applications, answers and grants', () => {
  let temp: TempDatabase;
  let server: RunningSubgraph;
  let as: ReturnType<typeof clientFor>;
  const time = manualClock('2025-03-03T02:00:00Z'); // Monday 10:00 in Nantong
  const published: [string, number][] = [];

  // Filled as the scenario advances.
  let civilApplication: string;
  let publicSecurityRequest: string;
  let marketRequest: string;
  let grantId: string;

  beforeAll(async () => {
    const module = createSharingSubgraph({
      clock: time.clock,
      settings: readSharingSettings({}),
      catalogue: testCatalogue(),
      onGrantsChanged: (department, version) => {
        published.push([department, version]);
      },
      log: () => {},
    });
    temp = await createTempDatabase(module, { empty: true });
    server = await startSubgraphServer(module, {
      db: temp.db,
      port: 0,
      verifyRequest: testVerifier,
      log: () => {},
    });
    as = clientFor(server.url);
    for (const [department, id] of [
      ['civil-affairs', 'minimum-living-allowance'],
      ['housing', 'housing-subsidy'],
    ]) {
      const { body } = await as(department, REGISTER, { input: app(id) });
      expect(body.errors).toBeUndefined();
    }
  });
  afterAll(async () => {
    await server?.stop();
    await temp?.cleanup();
  });

  it('refuses a request without a verified caller as UNAUTHENTICATED', async () => {
    const { body } = await as(null, `{ sharingApplications { totalCount } }`);
    expect(body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('splits an application per owner, each request due 10 working days later', async () => {
    const { body } = await as('civil-affairs', APPLY, {
      input: {
        items: [
          'Person.birthDate',
          'Household.*',
          'Person.enterprises',
          'Person.phone',
          'Person.birthDate',
        ],
        purposes: ['SOCIAL_ASSISTANCE', 'HOUSING_SECURITY'],
        justification: '低保审核：核对家庭成员与收入财产状况',
        application: 'minimum-living-allowance',
        clear: true,
        validUntil: '2026-03-31',
      },
    });
    expect(body.errors).toBeUndefined();
    const sa = body.data!.applyForSharing;
    civilApplication = sa.id;
    expect(sa).toMatchObject({
      dueOn: '2025-03-17',
      overdue: false,
      status: 'PENDING',
      department: { code: 'civil-affairs' },
      application: { id: 'minimum-living-allowance' },
    });
    const byOwner = Object.fromEntries(
      sa.requests.map((r: { owner: { code: string } }) => [r.owner.code, r]),
    );
    expect(Object.keys(byOwner).sort()).toEqual(['market-regulation', 'public-security']);
    expect(byOwner['public-security']).toMatchObject({
      items: ['Household.*', 'Person.birthDate', 'Person.phone'],
      purposes: ['HOUSING_SECURITY', 'SOCIAL_ASSISTANCE'],
      clear: true,
      status: 'PENDING',
      dueOn: '2025-03-17',
    });
    expect(byOwner['market-regulation'].items).toEqual(['Person.enterprises']);
    publicSecurityRequest = byOwner['public-security'].id;
    marketRequest = byOwner['market-regulation'].id;
  });

  it.each([
    [['Person.nickname'], false, 'Person.nickname', 'UNKNOWN'],
    [['Nothing.*'], false, 'Nothing.*', 'UNKNOWN'],
    [['Person.policeNote'], true, 'Person.policeNote', 'NOT_SHARED'],
    [['Person.gender'], true, 'Person.gender', 'NEEDS_NO_APPLICATION'],
    [['Person.name'], false, 'Person.name', 'NEEDS_NO_APPLICATION'],
    [['Industry.*'], true, 'Industry.*', 'NEEDS_NO_APPLICATION'],
    [['BlacklistEntry.*'], true, 'BlacklistEntry.*', 'NOT_SHARED'],
    [['person.phone; drop'], false, 'person.phone; drop', 'FORMAT'],
  ])(
    'rejects items %j (clear: %s) with BAD_USER_INPUT naming %s',
    async (items, clear, coordinate, problem) => {
      const { body } = await as('housing', APPLY, {
        input: { items, purposes: ['HOUSING_SECURITY'], justification: 'x', clear },
      });
      expect(body.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        argumentName: 'items',
        coordinate,
        problem,
      });
      expect(body.errors?.[0].message).toContain(coordinate);
    },
  );

  it('accepts clear values of a masked unconditional field, and refuses an owner applying for its own data', async () => {
    const clearName = await as('housing', APPLY, {
      input: {
        items: ['Person.name'],
        purposes: ['HOUSING_SECURITY'],
        justification: '核对申请人姓名',
        clear: true,
      },
    });
    expect(clearName.body.errors).toBeUndefined();
    expect(
      clearName.body.data!.applyForSharing.requests.map(
        (r: { owner: { code: string } }) => r.owner.code,
      ),
    ).toEqual(['public-security']);
    const own = await as('public-security', APPLY, {
      input: { items: ['Person.phone'], purposes: ['LAW_ENFORCEMENT'], justification: 'x' },
    });
    expect(own.body.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      coordinate: 'Person.phone',
      problem: 'OWN_DATA',
    });
  });

  it("refuses unknown purposes, an empty justification and another department's application", async () => {
    const input = { items: ['Person.phone'], purposes: ['SOCIAL_ASSISTANCE'], justification: 'ok' };
    const purpose = await as('housing', APPLY, { input: { ...input, purposes: ['CURIOSITY'] } });
    expect(purpose.body.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argumentName: 'purposes',
      purposes: ['CURIOSITY'],
    });
    const justification = await as('housing', APPLY, { input: { ...input, justification: '  ' } });
    expect(justification.body.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argumentName: 'justification',
    });
    const foreign = await as('housing', APPLY, {
      input: { ...input, application: 'minimum-living-allowance' },
    });
    expect(foreign.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it("keeps a department out of another department's applications", async () => {
    const byId = await as('housing', `query($id: ID!) { sharingApplication(id: $id) { id } }`, {
      id: civilApplication,
    });
    expect(byId.body.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect(byId.body.errors?.[0].extensions?.reason).toMatch(/civil-affairs/);
    const list = await as(
      'housing',
      `query { sharingApplications { nodes { id department { code } } } }`,
    );
    expect(list.body.errors).toBeUndefined();
    expect(list.body.data!.sharingApplications.nodes.length).toBeGreaterThan(0);
    expect(
      list.body.data!.sharingApplications.nodes.every(
        (n: { department: { code: string } }) => n.department.code === 'housing',
      ),
    ).toBe(true);
    const named = await as(
      'housing',
      `query { sharingApplications(department: "civil-affairs") { totalCount } }`,
    );
    expect(named.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const request = await as('housing', `query($id: ID!) { sharingRequest(id: $id) { id } }`, {
      id: marketRequest,
    });
    expect(request.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('shows an owner the application, but only the request addressed to it', async () => {
    const { body } = await as(
      'market-regulation',
      `query($id: ID!) { sharingApplication(id: $id) { justification requests { id owner { code } } } }`,
      { id: civilApplication },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data!.sharingApplication.requests).toEqual([
      { id: marketRequest, owner: { code: 'market-regulation' } },
    ]);
    const queue = await as(
      'market-regulation',
      `{ sharingRequests(status: PENDING) { nodes { id } } }`,
    );
    expect(queue.body.data!.sharingRequests.nodes).toEqual([{ id: marketRequest }]);
  });

  it.each(['civil-affairs', 'market-regulation', 'big-data-bureau'])(
    'does not let %s approve a request addressed to public-security',
    async (department) => {
      const { body } = await as(department, APPROVE, { id: publicSecurityRequest });
      expect(body.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN' });
      expect(body.errors?.[0].extensions?.reason).toMatch(/only public-security/);
    },
  );

  it('refuses an approval that widens the request', async () => {
    for (const [input, argumentName] of [
      [{ items: ['Person.ethnicity'] }, 'items'],
      [{ purposes: ['LAW_ENFORCEMENT'] }, 'purposes'],
      [{ validUntil: '2026-12-31' }, 'validUntil'],
    ] as const) {
      const { body } = await as('public-security', APPROVE, { id: publicSecurityRequest, input });
      expect(body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName });
    }
  });

  it("grants what the owner approved, narrowed, and raises the holder's grant version", async () => {
    const before = await as('big-data-bureau', GRANTS_FOR, { d: 'civil-affairs' });
    expect(before.body.data!.grantsFor).toMatchObject({ version: 0, grants: [] });
    time.set('2025-03-05T03:00:00Z');
    const { body } = await as('public-security', APPROVE, {
      id: publicSecurityRequest,
      input: {
        items: ['Person.birthDate', 'Household.address'],
        purposes: ['SOCIAL_ASSISTANCE'],
        clear: false,
        validUntil: '2025-12-31',
        note: '仅限低保审核',
      },
    });
    expect(body.errors).toBeUndefined();
    const answered = body.data!.approveSharingRequest;
    expect(answered).toMatchObject({
      status: 'APPROVED',
      decisionReason: '仅限低保审核',
      answeredLate: false,
    });
    expect(answered.grant).toMatchObject({
      coordinates: ['Household.address', 'Person.birthDate'],
      purposes: ['SOCIAL_ASSISTANCE'],
      clear: false,
      validFrom: '2025-03-05',
      validUntil: '2025-12-31',
      status: 'ACTIVE',
    });
    grantId = answered.grant.id;

    const after = await as('civil-affairs', GRANTS_FOR, { d: 'civil-affairs' });
    expect(after.body.errors).toBeUndefined();
    expect(after.body.data!.grantsFor).toMatchObject({
      version: 1,
      asOf: '2025-03-05',
      department: { code: 'civil-affairs' },
      grants: [
        {
          id: grantId,
          effective: true,
          grantedBy: { code: 'public-security' },
          application: { id: 'minimum-living-allowance' },
          sourceRequest: { id: publicSecurityRequest },
        },
      ],
    });
    expect(published).toEqual([['civil-affairs', 1]]);
  });

  it('serves the gateway its snapshot through the GRANTS_FOR_QUERY it will send', async () => {
    const { body } = await as('big-data-bureau', GRANTS_FOR_QUERY, { department: 'civil-affairs' });
    expect(body.errors).toBeUndefined();
    expect(
      grantSnapshotFromData(
        'civil-affairs',
        body.data as Parameters<typeof grantSnapshotFromData>[1],
      ),
    ).toEqual({
      status: 'LOADED',
      department: 'civil-affairs',
      version: '1',
      grants: [
        {
          id: grantId,
          department: 'civil-affairs',
          application: 'minimum-living-allowance',
          coordinates: ['Household.address', 'Person.birthDate'],
          purposes: ['SOCIAL_ASSISTANCE'],
          validFrom: '2025-03-04T16:00:00.000Z',
          validUntil: '2025-12-31T16:00:00.000Z',
          clear: false,
          status: 'ACTIVE',
          grantedBy: 'public-security',
          // Not chosen by the owner: the configured default.
          subjectQuota: 1000,
          // A standing grant: applied for without an approval item.
          item: null,
        },
      ],
    });
  });

  it('refuses to decide a request twice', async () => {
    const { body } = await as('public-security', APPROVE, { id: publicSecurityRequest });
    expect(body.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      problem: 'STATE',
      state: 'APPROVED',
    });
  });

  it('requires a reason to reject, and records it', async () => {
    const blank = await as('market-regulation', REJECT, { id: marketRequest, reason: '   ' });
    expect(blank.body.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argumentName: 'reason',
    });
    const { body } = await as('market-regulation', REJECT, {
      id: marketRequest,
      reason: '任职信息仅对信用联合惩戒开放',
    });
    expect(body.data!.rejectSharingRequest).toEqual({
      id: marketRequest,
      status: 'REJECTED',
      decisionReason: '任职信息仅对信用联合惩戒开放',
    });
    const sa = await as(
      'civil-affairs',
      `query($id: ID!) { sharingApplication(id: $id) { status overdue } }`,
      { id: civilApplication },
    );
    expect(sa.body.data!.sharingApplication).toEqual({
      status: 'PARTIALLY_APPROVED',
      overdue: false,
    });
    expect(published).toHaveLength(1); // a refusal changes no grant
  });

  it('lets only the granting owner revoke, with a reason, raising the version again', async () => {
    const holder = await as('civil-affairs', REVOKE, { id: grantId, reason: '不再需要' });
    expect(holder.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const blank = await as('public-security', REVOKE, { id: grantId, reason: '' });
    expect(blank.body.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argumentName: 'reason',
    });
    const { body } = await as('public-security', REVOKE, { id: grantId, reason: '发现超范围使用' });
    expect(body.data!.revokeGrant).toMatchObject({
      status: 'REVOKED',
      revokedBy: 'op@public-security',
      revokeReason: '发现超范围使用',
      effective: false,
    });
    expect(body.data!.revokeGrant.revokedAt).toBe('2025-03-05T03:00:00.000Z');
    const after = await as('big-data-bureau', GRANTS_FOR, { d: 'civil-affairs' });
    expect(after.body.data!.grantsFor).toMatchObject({ version: 2, grants: [] });
    expect(published).toEqual([
      ['civil-affairs', 1],
      ['civil-affairs', 2],
    ]);
    const history = await as(
      'civil-affairs',
      `{ grants(status: REVOKED) { nodes { id revokeReason } } }`,
    );
    expect(history.body.data!.grants.nodes).toEqual([
      { id: grantId, revokeReason: '发现超范围使用' },
    ]);
  });

  it('lets only the department itself and the big data bureau read its grants', async () => {
    const other = await as('housing', GRANTS_FOR, { d: 'civil-affairs' });
    expect(other.body.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN' });
    const owner = await as(
      'public-security',
      `{ grants(grantedBy: "public-security") { totalCount } }`,
    );
    expect(owner.body.data!.grants.totalCount).toBe(1);
    const unknown = await as('big-data-bureau', GRANTS_FOR, { d: 'nowhere' });
    expect(unknown.body.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argumentName: 'department',
    });
  });

  it('flags a request overdue only after its reply date, and lists it for the big data bureau', async () => {
    time.set('2025-03-07T09:00:00Z'); // Friday 17:00 in Nantong
    const { body } = await as('housing', APPLY, {
      input: {
        items: ['Household.*'],
        purposes: ['HOUSING_SECURITY'],
        justification: '公租房资格审核',
        application: 'housing-subsidy',
      },
    });
    expect(body.errors).toBeUndefined();
    const request = body.data!.applyForSharing.requests[0];
    expect(request.dueOn).toBe('2025-03-21');
    const overdueOf = async (department: string) =>
      (await as(department, `{ overdueSharingRequests { nodes { id overdue dueOn } } }`)).body;
    const idsOf = (body: { data?: Record<string, any> | null }) =>
      body.data!.overdueSharingRequests.nodes.map((n: { id: string }) => n.id);

    time.set('2025-03-21T15:59:00Z'); // 23:59 on the due date
    expect(idsOf(await overdueOf('big-data-bureau'))).not.toContain(request.id);
    const onTime = await as('housing', `query($id: ID!) { sharingRequest(id: $id) { overdue } }`, {
      id: request.id,
    });
    expect(onTime.body.data!.sharingRequest.overdue).toBe(false);

    time.set('2025-03-21T16:00:00Z'); // 00:00 the day after, Nantong time
    const late = await overdueOf('big-data-bureau');
    expect(idsOf(late)).toContain(request.id);
    expect(
      late.data!.overdueSharingRequests.nodes.every((n: { overdue: boolean }) => n.overdue),
    ).toBe(true);
    expect(idsOf(await overdueOf('public-security'))).toContain(request.id);
    expect((await overdueOf('market-regulation')).data!.overdueSharingRequests.nodes).toEqual([]);
    const foreign = await as(
      'housing',
      `{ overdueSharingRequests(owner: "public-security") { totalCount } }`,
    );
    expect(foreign.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const approved = await as('public-security', APPROVE, { id: request.id });
    expect(approved.body.data!.approveSharingRequest).toMatchObject({
      status: 'APPROVED',
      answeredLate: true,
    });
    expect(idsOf(await overdueOf('big-data-bureau'))).not.toContain(request.id);
    expect(published.at(-1)).toEqual(['housing', 1]);
  });

  it('loads nested records with a number of queries that does not grow with the page', async () => {
    // One department's applications, all of the same shape, so both pages touch the same loaders.
    expect(
      (await as('education', REGISTER, { input: app('school-enrolment') })).body.errors,
    ).toBeUndefined();
    for (let i = 0; i < 11; i++) {
      const { body } = await as('education', APPLY, {
        input: {
          items: ['Person.phone', 'LegalEntity.paidInCapital'],
          purposes: ['EDUCATION_ENROLMENT'],
          justification: `入学核验 ${i}`,
          application: 'school-enrolment',
        },
      });
      expect(body.errors).toBeUndefined();
    }
    // Approved, so the grant of every request is loaded too.
    const queue = await as(
      'public-security',
      `{ sharingRequests(applicant: "education", status: PENDING, first: 20) { nodes { id } } }`,
    );
    expect(queue.body.data!.sharingRequests.nodes).toHaveLength(11);
    for (const { id } of queue.body.data!.sharingRequests.nodes)
      expect((await as('public-security', APPROVE, { id })).body.errors).toBeUndefined();
    const query = `query($n: Int) { sharingApplications(department: "education", first: $n) { nodes { id application { name } dueOn status requests { owner { name } items purposes grant { id } sharingApplication { id } } } } }`;
    const counter = new QueryCounter(temp.db);
    await as('big-data-bureau', query, { n: 1 });
    const one = counter.count;
    counter.reset();
    const { body } = await as('big-data-bureau', query, { n: 10 });
    counter.detach();
    expect(body.data!.sharingApplications.nodes).toHaveLength(10);
    expect(counter.count).toBe(one);
  });
});

describe('sharing subgraph: the application registry', () => {
  let temp: TempDatabase;
  let server: RunningSubgraph;
  let as: ReturnType<typeof clientFor>;
  const STATUS = `mutation($id: ID!, $status: ApplicationStatus!, $reason: String) { setApplicationStatus(id: $id, status: $status, reason: $reason) { id status statusReason } }`;

  beforeAll(async () => {
    const module = createSharingSubgraph({
      clock: manualClock('2025-03-03T02:00:00Z').clock,
      settings: readSharingSettings({}),
      catalogue: testCatalogue(),
      log: () => {},
    });
    temp = await createTempDatabase(module, { empty: true });
    server = await startSubgraphServer(module, {
      db: temp.db,
      port: 0,
      verifyRequest: testVerifier,
      log: () => {},
    });
    as = clientFor(server.url);
  });
  afterAll(async () => {
    await server?.stop();
    await temp?.cleanup();
  });

  it("lets a department register its own systems and the big data bureau anyone's", async () => {
    const own = await as('tax', REGISTER, { input: app('tax-collection') });
    expect(own.body.data!.registerApplication).toEqual({
      id: 'tax-collection',
      status: 'ACTIVE',
      department: { code: 'tax' },
    });
    const foreign = await as('tax', REGISTER, { input: app('housing-subsidy', 'housing') });
    expect(foreign.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const platform = await as('big-data-bureau', REGISTER, {
      input: app('housing-subsidy', 'housing'),
    });
    expect(platform.body.data!.registerApplication.department).toEqual({ code: 'housing' });
    const duplicate = await as('tax', REGISTER, { input: app('tax-collection') });
    expect(duplicate.body.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argumentName: 'id',
      problem: 'DUPLICATE',
    });
    const badId = await as('tax', REGISTER, { input: app('Tax Collection!') });
    expect(badId.body.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argumentName: 'id',
    });
  });

  it('records the self-inspection fields and corrects them', async () => {
    const { body } = await as(
      'tax',
      `mutation { updateApplication(id: "tax-collection", input: { usageFrequency: WEEKLY, approvingDepartment: "国家税务总局" }) { usageFrequency approvingDepartment approvalDate fundingSource scopeOfUse function name } }`,
    );
    expect(body.data!.updateApplication).toEqual({
      usageFrequency: 'WEEKLY',
      approvingDepartment: '国家税务总局',
      approvalDate: '2017-01-01',
      fundingSource: '市级财政资金',
      scopeOfUse: '本部门',
      function: '测试功能',
      name: '系统 tax-collection',
    });
  });

  it('needs a reason to suspend, stops applications from a suspended system, and never revives a retired one', async () => {
    const noReason = await as('tax', STATUS, { id: 'tax-collection', status: 'SUSPENDED' });
    expect(noReason.body.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argumentName: 'reason',
    });
    const suspended = await as('tax', STATUS, {
      id: 'tax-collection',
      status: 'SUSPENDED',
      reason: '等保测评整改',
    });
    expect(suspended.body.data!.setApplicationStatus).toEqual({
      id: 'tax-collection',
      status: 'SUSPENDED',
      statusReason: '等保测评整改',
    });
    const apply = await as('tax', APPLY, {
      input: {
        items: ['LegalEntity.paidInCapital'],
        purposes: ['TAX_ADMINISTRATION'],
        justification: '税源管理',
        application: 'tax-collection',
      },
    });
    expect(apply.body.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argumentName: 'application',
      state: 'SUSPENDED',
    });
    const other = await as('housing', STATUS, { id: 'tax-collection', status: 'ACTIVE' });
    expect(other.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    await as('tax', STATUS, { id: 'tax-collection', status: 'RETIRED', reason: '并入新系统' });
    const revive = await as('big-data-bureau', STATUS, { id: 'tax-collection', status: 'ACTIVE' });
    expect(revive.body.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      state: 'RETIRED',
    });
  });

  it('lists departments with their systems and the purpose vocabulary', async () => {
    const { body } = await as(
      'civil-affairs',
      `{ department(code: "housing") { name kind applications { id } } departments(kind: PLATFORM) { code subgraphs } usePurposes { code } }`,
    );
    expect(body.data!.department).toEqual({
      name: '住房和城乡建设局',
      kind: 'CONSUMER',
      applications: [{ id: 'housing-subsidy' }],
    });
    expect(body.data!.departments).toEqual([
      { code: 'big-data-bureau', subgraphs: ['sharing', 'audit'] },
    ]);
    expect(body.data!.usePurposes.map((p: { code: string }) => p.code)).toContain(
      'SOCIAL_ASSISTANCE',
    );
  });
});

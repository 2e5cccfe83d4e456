/**
 * The conditional-sharing procedure end to end through the gateway (国发〔2016〕51号): a
 * department is refused a conditional field, applies, the owner approves, and within a second
 * the field is served; the owner revokes, and within a second it is withheld again. A request
 * left unanswered past its reply date is flagged overdue for the big data bureau.
 *
 * No Redis here: the gateway's in-process grant cache lives at most 1 s, which is the bound
 * these tests hold it to.
 */
import { postGraphQL } from '../../utils/graphql-client';
import { Platform, startPlatform } from '../../utils/platform';
import { describeWithService } from '../../utils/services';
import { APPLY, APPROVE, call, REVOKE } from './sharing-fixtures';

const QUERY =
  'query Resident($id: ID!) { person(idNumber: $id) { name birthDate householdAddress } }';

/** Polls until `done` holds; returns how long that took from the start. Fails after `limitMs`. */
async function within(limitMs: number, attempt: () => Promise<boolean>): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (await attempt()) return Date.now() - started;
    if (Date.now() - started > limitMs) throw new Error(`not within ${limitMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

function workflowSuite(backend: 'sqlite' | 'mysql') {
  let platform: Platform;
  let resident: { id_number: string; name: string; birth_date: string; household_number: string };
  let address: string;

  beforeAll(async () => {
    platform = await startPlatform({ backend, persons: 300, subgraphs: ['population', 'sharing'] });
    const db = platform.subgraphs.population!.db;
    resident = await db('people')
      .orderBy('id_number')
      .first('id_number', 'name', 'birth_date', 'household_number');
    address = (await db('households').where({ number: resident.household_number }).first('address'))
      .address;
  });
  afterAll(async () => {
    await platform?.stop();
  });

  const ask = async () => {
    const { status, body } = await postGraphQL(
      platform.gatewayUrl,
      QUERY,
      { id: resident.id_number },
      await platform.headers({ department: 'housing', purpose: 'HOUSING_SECURITY' }),
    );
    expect(status).toBe(200);
    return body;
  };
  const reasons = (body: Awaited<ReturnType<typeof ask>>) =>
    (body.errors ?? []).map((e) => [e.path?.join('.'), e.extensions?.code, e.extensions?.reason]);

  let requestId: string;
  let grantId: string;

  it('withholds conditional fields from a department without a grant, and keeps serving the rest', async () => {
    const body = await ask();
    expect(body.data!.person).toEqual({
      name: `${resident.name[0]}${'*'.repeat(resident.name.length - 1)}`,
      birthDate: null,
      householdAddress: null,
    });
    expect(reasons(body)).toEqual([
      ['person.birthDate', 'FORBIDDEN_FIELD', 'NO_GRANT'],
      ['person.householdAddress', 'FORBIDDEN_FIELD', 'NO_GRANT'],
    ]);
  });

  it('files an application as one request to the owning department, pending with a reply date', async () => {
    const applied = await call(platform, platform.gatewayUrl, 'housing', APPLY, {
      input: {
        items: ['Person.birthDate', 'Person.householdAddress'],
        purposes: ['HOUSING_SECURITY'],
        justification: '公租房资格审核',
        clear: true,
      },
    });
    expect(applied.applyForSharing.status).toBe('PENDING');
    expect(applied.applyForSharing.requests).toEqual([
      {
        id: expect.any(String),
        owner: { code: 'public-security' },
        items: ['Person.birthDate', 'Person.householdAddress'],
        status: 'PENDING',
      },
    ]);
    requestId = applied.applyForSharing.requests[0].id;
    const queue = await call(
      platform,
      platform.gatewayUrl,
      'public-security',
      '{ sharingRequests(status: PENDING) { nodes { id applicant { code } overdue dueOn } } }',
    );
    expect(queue.sharingRequests.nodes).toContainEqual(
      expect.objectContaining({ id: requestId, applicant: { code: 'housing' }, overdue: false }),
    );
    // Pending is not granted.
    expect(reasons(await ask())).toHaveLength(2);
  });

  it('serves the fields within a second of the owner approving', async () => {
    const before = await ask(); // the housing bureau's grants are now cached as they were
    expect(before.data!.person.birthDate).toBeNull();
    const approved = await call(platform, platform.gatewayUrl, 'public-security', APPROVE, {
      id: requestId,
    });
    expect(approved.approveSharingRequest).toMatchObject({
      status: 'APPROVED',
      grant: { clear: true, purposes: ['HOUSING_SECURITY'] },
    });
    grantId = approved.approveSharingRequest.grant.id;
    const took = await within(1500, async () => (await ask()).data!.person.birthDate !== null);
    expect(took).toBeLessThan(1100);
    const body = await ask();
    expect(body.errors).toBeUndefined();
    expect(body.data!.person).toMatchObject({
      birthDate: String(resident.birth_date).slice(0, 10),
      householdAddress: address,
    });
  });

  it('serves them only for the purpose granted', async () => {
    const { body } = await postGraphQL(
      platform.gatewayUrl,
      QUERY,
      { id: resident.id_number },
      await platform.headers({ department: 'housing', purpose: 'TAX_ADMINISTRATION' }),
    );
    expect(reasons(body)).toEqual([
      ['person.birthDate', 'FORBIDDEN_FIELD', 'PURPOSE_NOT_GRANTED'],
      ['person.householdAddress', 'FORBIDDEN_FIELD', 'PURPOSE_NOT_GRANTED'],
    ]);
  });

  it('withholds them again within a second of the owner revoking', async () => {
    const revoked = await call(platform, platform.gatewayUrl, 'public-security', REVOKE, {
      id: grantId,
      reason: '保障房审核结束',
    });
    expect(revoked.revokeGrant.status).toBe('REVOKED');
    const took = await within(1500, async () => (await ask()).data!.person.birthDate === null);
    expect(took).toBeLessThan(1100);
    expect(reasons(await ask())).toEqual([
      ['person.birthDate', 'FORBIDDEN_FIELD', 'NO_GRANT'],
      ['person.householdAddress', 'FORBIDDEN_FIELD', 'NO_GRANT'],
    ]);
  });

  it('flags a request left unanswered past its reply date as overdue, for the big data bureau', async () => {
    const applied = await call(platform, platform.gatewayUrl, 'housing', APPLY, {
      input: {
        items: ['Person.phone'],
        purposes: ['HOUSING_SECURITY'],
        justification: '联系申请人',
      },
    });
    const id = applied.applyForSharing.requests[0].id;
    // Ten working days pass: the reply date moves into the past (the workflow cannot be back-dated).
    await platform.subgraphs
      .sharing!.db('sharing_requests')
      .where({ id })
      .update({ due_on: '2020-01-10' });
    const overdue = await call(
      platform,
      platform.gatewayUrl,
      'big-data-bureau',
      '{ overdueSharingRequests(first: 100) { nodes { id overdue owner { code } applicant { code } } } }',
    );
    expect(overdue.overdueSharingRequests.nodes).toContainEqual({
      id,
      overdue: true,
      owner: { code: 'public-security' },
      applicant: { code: 'housing' },
    });
    const mine = await call(
      platform,
      platform.gatewayUrl,
      'housing',
      `query($id: ID!) { sharingRequest(id: $id) { overdue status } }`,
      { id },
    );
    expect(mine.sharingRequest).toEqual({ overdue: true, status: 'PENDING' });
  });
}

describe('sharing application workflow through the gateway on SQLite', () =>
  workflowSuite('sqlite'));
describeWithService('mysql', 'sharing application workflow through the gateway on MariaDB', () =>
  workflowSuite('mysql'),
);

import { describeWithService } from '../../../test/utils/services';
import { createTempDatabase, TempDatabase } from '../../../test/utils/temp-database';
import { RunningSubgraph, startSubgraphServer } from '../../kit/subgraph-server';
import { createSharingSubgraph } from '../module';
import { readSharingSettings } from '../sharing-settings';
import { clientFor, manualClock, testCatalogue, testVerifier } from './sharing-fixture';

describeWithService('mysql', 'sharing subgraph on MariaDB', () => {
  let temp: TempDatabase;
  let server: RunningSubgraph;
  let as: ReturnType<typeof clientFor>;
  const time = manualClock('2025-03-03T02:00:00Z');
  const published: [string, number][] = [];

  const APPLY = `mutation($input: SharingApplicationInput!) { applyForSharing(input: $input) { id requests { id owner { code } items } } }`;
  const APPROVE = `mutation($id: ID!) { approveSharingRequest(id: $id) { status grant { id clear } } }`;
  const VERSION = `query($d: ID!) { grantsFor(department: $d) { version grants { id coordinates } } }`;

  beforeAll(async () => {
    const module = createSharingSubgraph({
      clock: time.clock,
      settings: readSharingSettings({}),
      catalogue: testCatalogue(),
      onGrantsChanged: (d, v) => {
        published.push([d, v]);
      },
      log: () => {},
    });
    temp = await createTempDatabase(module, { backend: 'mysql', empty: true });
    server = await startSubgraphServer(module, {
      db: temp.db,
      port: 0,
      verifyRequest: testVerifier,
      log: () => {},
    });
    as = clientFor(server.url);
    // Migrating a fresh MariaDB database takes seconds on a loaded machine.
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    await temp?.cleanup();
  });

  it('runs apply, split, approve and revoke with versions raised in the same transaction', async () => {
    const applied = await as('civil-affairs', APPLY, {
      input: {
        items: ['Household.*', 'Person.enterprises'],
        purposes: ['SOCIAL_ASSISTANCE'],
        justification: '低保审核',
        clear: true,
      },
    });
    expect(applied.body.errors).toBeUndefined();
    const requests = applied.body.data!.applyForSharing.requests;
    expect(requests.map((r: { owner: { code: string } }) => r.owner.code).sort()).toEqual([
      'market-regulation',
      'public-security',
    ]);
    const police = requests.find(
      (r: { owner: { code: string } }) => r.owner.code === 'public-security',
    );
    const approved = await as('public-security', APPROVE, { id: police.id });
    expect(approved.body.data!.approveSharingRequest).toMatchObject({
      status: 'APPROVED',
      grant: { clear: true },
    });
    const snapshot = await as('civil-affairs', VERSION, { d: 'civil-affairs' });
    expect(snapshot.body.data!.grantsFor).toEqual({
      version: 1,
      grants: [
        { id: approved.body.data!.approveSharingRequest.grant.id, coordinates: ['Household.*'] },
      ],
    });
    const revoked = await as(
      'public-security',
      `mutation($id: ID!) { revokeGrant(id: $id, reason: "到期清理") { status } }`,
      { id: approved.body.data!.approveSharingRequest.grant.id },
    );
    expect(revoked.body.data!.revokeGrant.status).toBe('REVOKED');
    expect(
      (await as('big-data-bureau', VERSION, { d: 'civil-affairs' })).body.data!.grantsFor,
    ).toEqual({ version: 2, grants: [] });
    expect(published).toEqual([
      ['civil-affairs', 1],
      ['civil-affairs', 2],
    ]);
  });

  it('gives concurrent approvals for one department distinct, increasing versions', async () => {
    const ids: string[] = [];
    for (const items of [['Person.phone'], ['Person.birthDate'], ['Person.ethnicity']]) {
      const { body } = await as('housing', APPLY, {
        input: { items, purposes: ['HOUSING_SECURITY'], justification: '公租房审核' },
      });
      ids.push(body.data!.applyForSharing.requests[0].id);
    }
    const results = await Promise.all(ids.map((id) => as('public-security', APPROVE, { id })));
    expect(results.every((r) => r.body.data?.approveSharingRequest.status === 'APPROVED')).toBe(
      true,
    );
    const housing = published
      .filter(([d]) => d === 'housing')
      .map(([, v]) => v)
      .sort();
    expect(housing).toEqual([1, 2, 3]);
    expect((await as('housing', VERSION, { d: 'housing' })).body.data!.grantsFor.version).toBe(3);
  });

  it('lists overdue requests by the China-time date', async () => {
    time.set('2025-03-17T16:00:00Z'); // Tuesday 18 March in Nantong; the 3 March requests were due on the 17th
    const { body } = await as(
      'big-data-bureau',
      `{ overdueSharingRequests { totalCount nodes { owner { code } overdue dueOn } } }`,
    );
    expect(body.data!.overdueSharingRequests.totalCount).toBe(1);
    expect(body.data!.overdueSharingRequests.nodes).toEqual([
      { owner: { code: 'market-regulation' }, overdue: true, dueOn: '2025-03-17' },
    ]);
  });
});

import { createTempDatabase, TempDatabase } from '../../../test/utils/temp-database';
import { RunningSubgraph, startSubgraphServer } from '../../kit/subgraph-server';
import { DEMO_APPLICATIONS } from '../demo-registry';
import { sharingSubgraph } from '../module';
import { clientFor, testVerifier } from './sharing-fixture';

// The demo seed goes through the real registry and workflow, against the committed supergraph.
describe('sharing subgraph demo seed', () => {
  let temp: TempDatabase;
  let server: RunningSubgraph;
  let as: ReturnType<typeof clientFor>;

  beforeAll(async () => {
    temp = await createTempDatabase(sharingSubgraph);
    server = await startSubgraphServer(sharingSubgraph, {
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

  it('registers every demo system, with the idle one retired', async () => {
    const { body } = await as(
      'big-data-bureau',
      `{ applications(first: 100) { totalCount nodes { id status } } }`,
    );
    expect(body.data!.applications.totalCount).toBe(DEMO_APPLICATIONS.length);
    const status = Object.fromEntries(
      body.data!.applications.nodes.map((a: { id: string; status: string }) => [a.id, a.status]),
    );
    expect(status['elderly-care-subsidy']).toBe('RETIRED');
    expect(status['minimum-living-allowance']).toBe('ACTIVE');
  });

  it('gives civil affairs a grant from public security for its allowance system', async () => {
    const { body } = await as(
      'civil-affairs',
      `{ grantsFor(department: "civil-affairs") { version grants { coordinates purposes clear grantedBy { code } application { id } } } }`,
    );
    const snapshot = body.data!.grantsFor;
    expect(snapshot.version).toBeGreaterThan(0);
    expect(snapshot.grants).toContainEqual(
      expect.objectContaining({
        grantedBy: { code: 'public-security' },
        application: { id: 'minimum-living-allowance' },
        purposes: ['SOCIAL_ASSISTANCE'],
        clear: true,
      }),
    );
  });

  it('narrows the service network to approvals, refuses one request with a reason and leaves one overdue', async () => {
    const network = await as(
      'big-data-bureau',
      `{ grantsFor(department: "big-data-bureau") { grants { purposes } } }`,
    );
    expect(network.body.data!.grantsFor.grants.length).toBeGreaterThan(0);
    expect(
      network.body.data!.grantsFor.grants.every(
        (g: { purposes: string[] }) => g.purposes.join() === 'ADMINISTRATIVE_APPROVAL',
      ),
    ).toBe(true);
    const refused = await as(
      'big-data-bureau',
      `{ sharingRequests(applicant: "human-resources") { nodes { status decisionReason } } }`,
    );
    expect(refused.body.data!.sharingRequests.nodes[0]).toMatchObject({
      status: 'REJECTED',
      decisionReason: expect.stringMatching(/\S/),
    });
    const overdue = await as(
      'big-data-bureau',
      `{ overdueSharingRequests { nodes { applicant { code } owner { code } overdue } } }`,
    );
    expect(overdue.body.data!.overdueSharingRequests.nodes).toContainEqual({
      applicant: { code: 'housing' },
      owner: { code: 'public-security' },
      overdue: true,
    });
  });
});

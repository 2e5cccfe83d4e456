/**
 * The citizen's view of a case-bound access, through the gateway: whoAccessedMyData shows, for
 * each access, the case (办件) and its approval item by name ("公共租赁住房申请, 办件 NT…"), the name
 * joined from the sharing subgraph's ApprovalItem, within the citizen token's scope. The
 * case-bound record is appended to the gateway's own trail as the audit stage writes it for a
 * request bound to a case (evidence.case), beside a real request recorded by the gateway.
 */
import '../../utils/e2e-timeout';
import { issueToken } from '../../../gateway/auth/issue-token';
import { postGraphQL } from '../../utils/graphql-client';
import { Platform, startPlatform } from '../../utils/platform';

const SERVICE_NETWORK = {
  department: 'big-data-bureau',
  application: 'service-network',
  operator: 'clerk-01',
  purpose: 'ADMINISTRATIVE_APPROVAL',
};
const CASE = { number: 'NT20261206-ZF0101-000042', item: 'ZF0101' };
const WHO = `query WhoLooked($id: ID!) {
  whoAccessedMyData(idNumber: $id) {
    subject { idNumber }
    nodes { time department { code name } application { id } purpose case { number item { code name } } }
  }
}`;

describe("the case in a citizen's access list, through the gateway", () => {
  let platform: Platform;
  let person: string;
  const citizen = async (idNumber: string) => ({
    authorization: `Bearer ${await issueToken(platform.security!.tokenKeys.signing!, platform.security!.tokenSettings, { department: 'citizen', citizenIdNumber: idNumber, ttlSeconds: 600 })}`,
  });

  beforeAll(async () => {
    platform = await startPlatform({ subgraphs: ['population', 'sharing', 'audit'], persons: 200 });
    person = (
      await platform.subgraphs.population!.db('people').orderBy('id_number').first('id_number')
    ).id_number;
    // An access outside any case, recorded by the gateway itself.
    const plain = await postGraphQL(
      platform.gatewayUrl,
      'query Resident($id: ID!) { person(idNumber: $id) { name } }',
      { id: person },
      await platform.headers(SERVICE_NETWORK),
    );
    expect(plain.status).toBe(200);
    // The record of a pull bound to the applicant's case, as the audit stage appends it.
    await platform.audit!.stage.trail!.append({
      requestId: 'case-bound-pull-1',
      time: Date.now() + 1_000,
      caller: { ...SERVICE_NETWORK, roles: [], clientAddress: '127.0.0.1' },
      operationName: 'ApplicantProfile',
      document: 'query ApplicantProfile($id: ID!) { person(idNumber: $id) { name } }',
      variables: { id: person },
      purpose: SERVICE_NETWORK.purpose,
      fields: {
        requested: ['Query.person', 'Person.name'],
        served: ['Query.person', 'Person.name'],
      },
      subgraphs: ['population'],
      outcome: 'ok',
      httpStatus: 200,
      latencyMs: 5,
      responseBytes: 60,
      subjects: [{ kind: 'person', id: person }],
      case: CASE,
    });
    await platform.audit!.ship();
  });
  afterAll(async () => {
    await platform?.stop();
  });

  it('names the case and its item for the case-bound access, and no case for the other', async () => {
    const { status, body } = await postGraphQL(
      platform.gatewayUrl,
      WHO,
      { id: person },
      await citizen(person),
    );
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const nodes = body.data!.whoAccessedMyData.nodes;
    expect(nodes.map((n: { case: unknown }) => n.case)).toEqual([
      { number: CASE.number, item: { code: 'ZF0101', name: '公共租赁住房申请' } },
      null,
    ]);
    expect(nodes[0]).toMatchObject({
      department: { code: 'big-data-bureau' },
      application: { id: 'service-network' },
      purpose: 'ADMINISTRATIVE_APPROVAL',
    });
  });

  it("keeps the rest of the item, served by the sharing subgraph, outside the citizen's scope", async () => {
    const { status, body } = await postGraphQL(
      platform.gatewayUrl,
      `query($id: ID!) { whoAccessedMyData(idNumber: $id) { subject { idNumber } nodes { case { item { dataItems { coordinate } } } } } }`,
      { id: person },
      await citizen(person),
    );
    expect(status).toBe(403);
    expect(body.errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'CITIZEN_SCOPE',
    });
  });
});

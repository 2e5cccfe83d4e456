/**
 * SHUJUTONG_INSECURE_DISABLE_AUDIT turns off the record, never a guard: a gateway without its
 * audit trail still finds each response's subjects, holds a grant to its daily subject quota and
 * withholds what lies past it, exactly as the audited gateway does (subject-quotas.test.ts).
 */
import { postGraphQL } from '../../utils/graphql-client';
import { Platform, startPlatform } from '../../utils/platform';
import { call } from '../sharing-policy/sharing-fixtures';
import { CIVIL_APP } from '../workbench/api-fixtures';

const QUOTA = 3;
/** The minimum living allowance system, asking for the purpose of its grant. */
const CIVIL = { ...CIVIL_APP, purpose: 'SOCIAL_ASSISTANCE' };

interface Member {
  idNumber: string;
  birthDate: string | null;
}

describe('a gateway without its audit trail', () => {
  let platform: Platform;
  let numbers: string[];
  let grantId: string;

  const ok = (query: string, variables: Record<string, unknown>, department: string) =>
    call(platform, platform.gatewayUrl, department, query, variables);

  beforeAll(async () => {
    platform = await startPlatform({
      persons: 300,
      subgraphs: ['population', 'sharing'],
      audit: false,
    });
    numbers = (await platform.subgraphs
      .population!.db('households')
      .orderBy('number')
      .limit(12)
      .pluck('number')) as string[];
    // The owner replaces the seeded grant with one of a small daily subject quota.
    const held = await ok(
      '{ grants(department: "civil-affairs", grantedBy: "public-security", status: ACTIVE) { nodes { id } } }',
      {},
      'public-security',
    );
    const revoked: string[] = held.grants.nodes.map((g: { id: string }) => g.id);
    for (const id of revoked)
      await ok(
        'mutation($id: ID!) { revokeGrant(id: $id, reason: "重新核定配额") { id } }',
        { id },
        'public-security',
      );
    const applied = await ok(
      'mutation($input: SharingApplicationInput!) { applyForSharing(input: $input) { requests { id } } }',
      {
        input: {
          items: ['Household.*', 'Person.birthDate'],
          purposes: ['SOCIAL_ASSISTANCE'],
          justification: '低保审核',
          clear: true,
          application: CIVIL.application,
        },
      },
      'civil-affairs',
    );
    const approved = await ok(
      'mutation($id: ID!, $q: Int) { approveSharingRequest(id: $id, input: { subjectQuota: $q }) { grant { id } } }',
      { id: applied.applyForSharing.requests[0].id, q: QUOTA },
      'public-security',
    );
    grantId = approved.approveSharingRequest.grant.id;
    const started = Date.now();
    for (;;) {
      const snapshot = await platform.security!.grants.snapshotFor('civil-affairs');
      if (
        snapshot.status === 'LOADED' &&
        snapshot.grants.some((g) => g.id === grantId) &&
        !snapshot.grants.some((g) => revoked.includes(g.id))
      )
        break;
      if (Date.now() - started > 5000) throw new Error('the new grant never reached the gateway');
      await new Promise((r) => setTimeout(r, 25));
    }
  });
  afterAll(async () => {
    await platform?.stop();
  });

  it('runs without an audit stage', () => {
    expect(platform.security!.audit).toBeNull();
  });

  it(`still serves the granted data about at most ${QUOTA} residents a day, and withholds the rest with QUOTA_EXCEEDED`, async () => {
    const fields = numbers.map(
      (n, i) => `h${i}: household(number: "${n}") { number members { idNumber birthDate } }`,
    );
    const { status, body } = await postGraphQL(
      platform.gatewayUrl,
      `query Guess { ${fields.join(' ')} }`,
      {},
      await platform.headers(CIVIL),
    );
    expect(status).toBe(200);
    const households = Object.values(body.data ?? {}) as ({ members: Member[] | null } | null)[];
    const served = households.flatMap((h) => h?.members ?? []);
    const withheld = households.filter((h) => h && h.members === null);
    expect(served.length).toBeGreaterThan(0);
    expect(served.length).toBeLessThanOrEqual(QUOTA);
    expect(served.every((m) => m.birthDate !== null)).toBe(true);
    expect(withheld.length).toBeGreaterThan(0);
    const refusals = (body.errors ?? []).filter((e) => e.extensions?.code === 'QUOTA_EXCEEDED');
    expect(refusals.length).toBeGreaterThan(0);
    for (const e of refusals) expect(e.extensions).toMatchObject({ grantId, quota: QUOTA });
  });
});

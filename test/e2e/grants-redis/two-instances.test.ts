/**
 * Two gateway instances on one Redis (REDIS_URL): grants are cached in each process and shared
 * in Redis, and an approval or revocation made through one instance is honoured by the other
 * within a second, because the sharing subgraph publishes the change and every instance drops
 * that department's snapshot. Without the notice the other instance would keep its snapshot for
 * GRANTS_REDIS_TTL_MS (30 s).
 */
import { createClient } from 'redis';
import { grantsRedisNames } from '../../../contracts/grants/grant-snapshot';
import { postGraphQL } from '../../utils/graphql-client';
import { ExtraGateway, Platform, startPlatform } from '../../utils/platform';
import { describeWithService } from '../../utils/services';
import { applyAndApprove, MadeGrant, revoke } from '../sharing-policy/sharing-fixtures';

const QUERY = 'query Resident($id: ID!) { person(idNumber: $id) { gender birthDate } }';

async function within(limitMs: number, attempt: () => Promise<boolean>): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (await attempt()) return Date.now() - started;
    if (Date.now() - started > limitMs) throw new Error(`not within ${limitMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describeWithService('redis', 'grants shared by two gateway instances on one Redis', () => {
  const namespace = `test-two-${process.pid}-${Date.now().toString(36)}`;
  let platform: Platform;
  let second: ExtraGateway;
  let residentId: string;
  let grants: MadeGrant[];
  const lines: string[] = [];
  const redis = createClient({ url: process.env.REDIS_URL });

  beforeAll(async () => {
    await redis.connect();
    platform = await startPlatform({
      persons: 300,
      subgraphs: ['population', 'sharing'],
      redis: { url: process.env.REDIS_URL!, namespace },
      log: (l) => lines.push(l),
    });
    second = await platform.addGateway();
    residentId = (
      await platform.subgraphs.population!.db('people').orderBy('id_number').first('id_number')
    ).id_number;
  });
  afterAll(async () => {
    await platform?.stop();
    await redis.close();
  });

  const birthDateVia = async (url: string): Promise<string | null> => {
    const { body } = await postGraphQL(
      url,
      QUERY,
      { id: residentId },
      await platform.headers({ department: 'health', purpose: 'HEALTH_SERVICES' }),
    );
    return body.data!.person.birthDate;
  };

  it('runs both instances with grants in Redis and change notices', () => {
    expect(platform.security!.grants.mode).toBe('REDIS');
    expect(second.security!.grants.mode).toBe('REDIS');
    expect(
      lines.filter((l) => l.includes('[grants] grants cached in process and in Redis')),
    ).toHaveLength(2);
  });

  it('serves an approval made through one instance on the other within a second', async () => {
    // Both instances now hold the health commission's snapshot without the grant.
    expect(await birthDateVia(platform.gatewayUrl)).toBeNull();
    expect(await birthDateVia(second.url)).toBeNull();
    grants = await applyAndApprove(
      platform,
      {
        department: 'health',
        items: ['Person.birthDate'],
        purposes: ['HEALTH_SERVICES'],
        clear: true,
      },
      platform.gatewayUrl,
    );
    const took = await within(2000, async () => (await birthDateVia(second.url)) !== null);
    expect(took).toBeLessThan(1000);
  });

  it('shares the snapshot with the other instances through Redis', async () => {
    const key = grantsRedisNames(namespace).snapshotKey('health');
    const copy = await redis.hGetAll(key);
    expect(JSON.parse(copy.snapshot)).toMatchObject({
      status: 'LOADED',
      department: 'health',
      version: copy.version,
    });
    expect(JSON.parse(copy.snapshot).grants.map((g: { id: string }) => g.id)).toEqual(
      grants.map((g) => g.id),
    );
  });

  it("keeps a department's grants in process between notices, asking neither Redis nor the subgraph per request", async () => {
    // A grant written behind the workflow's back (no version raised, no notice) stays unseen.
    const db = platform.subgraphs.sharing!.db;
    await db('grants').insert({
      id: 'GR-UNANNOUNCED',
      department: 'health',
      application_id: null,
      coordinates: JSON.stringify(['Person.phone']),
      purposes: JSON.stringify(['HEALTH_SERVICES']),
      valid_from: '2020-01-01',
      valid_until: null,
      clear: true,
      status: 'ACTIVE',
      granted_by: 'public-security',
      source_request_id: null,
      granted_at: new Date().toISOString(),
      revoked_at: null,
      revoked_by: null,
      revoke_reason: null,
    });
    await redis.del(grantsRedisNames(namespace).snapshotKey('health'));
    const ask = async (url: string) =>
      (
        await postGraphQL(
          url,
          'query($id: ID!) { person(idNumber: $id) { phone } }',
          { id: residentId },
          await platform.headers({ department: 'health', purpose: 'HEALTH_SERVICES' }),
        )
      ).body;
    for (let i = 0; i < 10; i++) {
      expect((await ask(second.url)).errors?.[0].extensions?.reason).toBe('NO_GRANT');
      await new Promise((r) => setTimeout(r, 100));
    }
    await db('grants').where({ id: 'GR-UNANNOUNCED' }).delete();
  });

  it('honours a revocation made through one instance on the other within a second', async () => {
    expect(await birthDateVia(second.url)).not.toBeNull();
    expect(await birthDateVia(platform.gatewayUrl)).not.toBeNull();
    for (const grant of grants) await revoke(platform, grant, platform.gatewayUrl);
    const took = await within(2000, async () => (await birthDateVia(second.url)) === null);
    expect(took).toBeLessThan(1000);
    expect(await birthDateVia(platform.gatewayUrl)).toBeNull();
  });
});

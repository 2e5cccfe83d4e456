/**
 * Redis stopped mid-run (its own redis-server child, never the machine's shared one): every
 * gateway instance keeps serving from its in-process cache, logs that it is degraded, bounds the
 * age of what it serves by GRANTS_DEGRADED_TTL_MS (so a revocation still applies, later), and
 * logs its recovery when Redis is back, after which notices apply changes within a second again.
 */
import { postGraphQL } from '../../utils/graphql-client';
import { ExtraGateway, Platform, startPlatform } from '../../utils/platform';
import { describeWithService } from '../../utils/services';
import { applyAndApprove, MadeGrant, revoke } from '../sharing-policy/sharing-fixtures';
import { RedisChild, startRedisChild } from './redis-server';

const QUERY = 'query Resident($id: ID!) { person(idNumber: $id) { gender birthDate } }';
const DEGRADED_TTL_MS = 2000;

async function within(limitMs: number, attempt: () => Promise<boolean>): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (await attempt()) return Date.now() - started;
    if (Date.now() - started > limitMs) throw new Error(`not within ${limitMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

// Needs the redis-server binary rather than a running Redis; the shared one is left alone.
describeWithService('redis', 'grants when Redis goes away and comes back', () => {
  let redis: RedisChild;
  let platform: Platform;
  let second: ExtraGateway;
  let residentId: string;
  let grants: MadeGrant[];
  const lines: string[] = [];

  beforeAll(async () => {
    redis = await startRedisChild();
    platform = await startPlatform({
      persons: 300,
      subgraphs: ['population', 'sharing'],
      redis: { url: redis.url },
      gateway: { grantsDegradedTtlMs: DEGRADED_TTL_MS },
      log: (l) => lines.push(l),
    });
    second = await platform.addGateway();
    residentId = (
      await platform.subgraphs.population!.db('people').orderBy('id_number').first('id_number')
    ).id_number;
    grants = await applyAndApprove(platform, {
      department: 'health',
      items: ['Person.birthDate'],
      purposes: ['HEALTH_SERVICES'],
      clear: true,
    });
  });
  afterAll(async () => {
    await platform?.stop();
    await redis?.stop();
  });

  const ask = async (url: string) => {
    const { status, body } = await postGraphQL(
      url,
      QUERY,
      { id: residentId },
      await platform.headers({ department: 'health', purpose: 'HEALTH_SERVICES' }),
    );
    expect(status).toBe(200);
    return body;
  };
  const birthDate = async (url: string) => (await ask(url)).data!.person.birthDate as string | null;

  it('serves the grant on both instances while Redis is up', async () => {
    await within(1000, async () => (await birthDate(second.url)) !== null);
    expect(await birthDate(platform.gatewayUrl)).not.toBeNull();
    expect(second.security!.grants.mode).toBe('REDIS');
  });

  it('keeps serving, degraded, when Redis is killed, and says so in the log', async () => {
    await redis.kill();
    await within(
      2000,
      async () =>
        second.security!.grants.mode === 'DEGRADED' &&
        platform.security!.grants.mode === 'DEGRADED',
    );
    expect(lines.filter((l) => l.includes('[grants] DEGRADED: Redis at'))).toHaveLength(2);
    expect(lines).toContainEqual(
      expect.stringMatching(new RegExp(`at most ${DEGRADED_TTL_MS / 1000} s`)),
    );
    // Requests go on: granted fields from the in-process cache, the rest as always.
    for (const url of [platform.gatewayUrl, second.url]) {
      const body = await ask(url);
      expect(body.errors).toBeUndefined();
      expect(body.data!.person.birthDate).not.toBeNull();
    }
  });

  it('still applies a revocation while degraded, within the degraded lifetime instead of a second', async () => {
    for (const grant of grants) await revoke(platform, grant);
    // The sharing subgraph could not publish the notice: it logged that and committed anyway.
    expect(lines).toContainEqual(
      expect.stringMatching(
        /\[sharing\] (Redis for grant-change notices unavailable|onGrantsChanged)/,
      ),
    );
    const took = await within(
      DEGRADED_TTL_MS + 1500,
      async () => (await birthDate(second.url)) === null,
    );
    expect(took).toBeLessThan(DEGRADED_TTL_MS + 1000);
    expect((await ask(second.url)).errors![0].extensions).toMatchObject({
      code: 'FORBIDDEN_FIELD',
      reason: 'NO_GRANT',
    });
  });

  it('logs its recovery when Redis is back, and notices apply changes within a second again', async () => {
    await redis.restart();
    await within(
      3000,
      async () =>
        second.security!.grants.mode === 'REDIS' && platform.security!.grants.mode === 'REDIS',
    );
    expect(lines.filter((l) => l.includes('is back: change notices arrive again'))).toHaveLength(2);
    // Both instances hold the health commission's current snapshot again.
    expect(await birthDate(second.url)).toBeNull();
    expect(await birthDate(platform.gatewayUrl)).toBeNull();
    grants = await applyAndApprove(platform, {
      department: 'health',
      items: ['Person.birthDate'],
      purposes: ['HEALTH_SERVICES'],
      clear: true,
    });
    const took = await within(2000, async () => (await birthDate(second.url)) !== null);
    expect(took).toBeLessThan(1000);
  });
});

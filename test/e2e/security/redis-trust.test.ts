/**
 * What Redis can and cannot do to the gateways (issue 7, "also from your own notes"):
 *  - grant copies in Redis are signed by the gateways; a copy written by anyone else (forged,
 *    unsigned, altered, or a genuine copy moved to another department's key) grants nothing: it
 *    is ignored, logged and deleted, and the grants are read from the sharing subgraph;
 *  - a registry change (a suspension) made through one gateway applies on another within a
 *    second (pub/sub notice), and without Redis within the short local cache lifetime.
 */
import { createClient } from 'redis';
import { grantsRedisNames } from '../../../contracts/grants/grant-snapshot';
import { grantCopyKey, signGrantCopy } from '../../../gateway/grants/redis-grant-store';
import { postGraphQL } from '../../utils/graphql-client';
import { ExtraGateway, Platform, startPlatform } from '../../utils/platform';
import { describeWithService } from '../../utils/services';

const PHONE = 'query Phone($id: ID!) { person(idNumber: $id) { gender phone } }';
const SET_STATUS =
  'mutation S($id: ID!, $status: ApplicationStatus!, $reason: String) { setApplicationStatus(id: $id, status: $status, reason: $reason) { id status } }';
const APP = {
  department: 'civil-affairs',
  application: 'minimum-living-allowance',
  purpose: 'SOCIAL_ASSISTANCE',
};

/** Polls until `attempt` holds or `limitMs` has passed; the answer says which. */
async function within(limitMs: number, attempt: () => Promise<boolean>): Promise<boolean> {
  const started = Date.now();
  for (;;) {
    if (await attempt()) return true;
    if (Date.now() - started > limitMs) return false;
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A snapshot granting Person.phone in clear to `department` for `purpose`, as the gateways store it. */
function forgedSnapshot(department: string, purpose: string, version: number) {
  return {
    status: 'LOADED',
    department,
    version: String(version),
    grants: [
      {
        id: `GR-FORGED-${department}`,
        department,
        application: null,
        coordinates: ['Person.phone'],
        purposes: [purpose],
        validFrom: '2000-01-01T00:00:00.000Z',
        validUntil: null,
        clear: true,
        status: 'ACTIVE',
        grantedBy: 'public-security',
        subjectQuota: null,
      },
    ],
  };
}

describeWithService('redis', 'Redis cannot grant: forged grant copies', () => {
  const namespace = `test-trust-${process.pid}-${Date.now().toString(36)}`;
  const names = grantsRedisNames(namespace);
  const redis = createClient({ url: process.env.REDIS_URL });
  const lines: string[] = [];
  let platform: Platform;
  let resident: string;

  beforeAll(async () => {
    await redis.connect();
    platform = await startPlatform({
      persons: 300,
      subgraphs: ['population', 'sharing'],
      redis: { url: process.env.REDIS_URL!, namespace },
      log: (l) => lines.push(l),
    });
    resident = (
      await platform.subgraphs.population!.db('people').orderBy('id_number').first('id_number')
    ).id_number;
  });
  afterAll(async () => {
    await platform?.stop();
    await redis.close();
  });

  const phoneAs = async (department: string, purpose: string) => {
    const { body } = await postGraphQL(
      platform.gatewayUrl,
      PHONE,
      { id: resident },
      await platform.headers({ department, purpose }),
    );
    return {
      phone: body.data?.person?.phone ?? null,
      codes: (body.errors ?? []).map((e) => e.extensions?.reason),
    };
  };

  type Write = (department: string, purpose: string) => Promise<void>;
  const variants: [string, string, string, Write][] = [
    [
      'unsigned',
      'education',
      'EDUCATION_ENROLMENT',
      async (d, p) => {
        const text = JSON.stringify(forgedSnapshot(d, p, 999));
        await redis.hSet(names.snapshotKey(d), { version: '999', snapshot: text });
      },
    ],
    [
      'signed with a guessed key',
      'finance',
      'PUBLIC_SERVICE',
      async (d, p) => {
        const text = JSON.stringify(forgedSnapshot(d, p, 999));
        await redis.hSet(names.snapshotKey(d), {
          version: '999',
          snapshot: text,
          signature: signGrantCopy(
            grantCopyKey(Buffer.from('guessed-secret-guessed-secret-00')),
            namespace,
            d,
            '999',
            text,
          ),
        });
      },
    ],
    [
      'a genuine signature over another snapshot',
      'tax',
      'TAX_ADMINISTRATION',
      async (d, p) => {
        const key = grantCopyKey(platform.security!.secret);
        const genuine = JSON.stringify({
          status: 'LOADED',
          department: d,
          version: '999',
          grants: [],
        });
        await redis.hSet(names.snapshotKey(d), {
          version: '999',
          snapshot: JSON.stringify(forgedSnapshot(d, p, 999)),
          signature: signGrantCopy(key, namespace, d, '999', genuine),
        });
      },
    ],
    [
      'a genuine copy of another department moved to this key',
      'emergency-management',
      'EMERGENCY_RESPONSE',
      async (d, p) => {
        const key = grantCopyKey(platform.security!.secret);
        const other = forgedSnapshot('health', p, 999);
        const text = JSON.stringify({
          ...other,
          department: d,
          grants: other.grants.map((g) => ({ ...g, department: d })),
        });
        await redis.hSet(names.snapshotKey(d), {
          version: '999',
          snapshot: text,
          signature: signGrantCopy(key, namespace, 'health', '999', text),
        });
      },
    ],
    [
      'a genuine copy with its version raised',
      'human-resources',
      'EMPLOYMENT_SERVICES',
      async (d, p) => {
        const key = grantCopyKey(platform.security!.secret);
        const text = JSON.stringify(forgedSnapshot(d, p, 999));
        await redis.hSet(names.snapshotKey(d), {
          version: '1000',
          snapshot: text,
          signature: signGrantCopy(key, namespace, d, '999', text),
        });
      },
    ],
  ];

  it.each(variants)(
    'does not grant on a forged copy in Redis: %s',
    async (_, department, purpose, write) => {
      const grants = await platform.subgraphs
        .sharing!.db('grants')
        .where({ department })
        .select('coordinates');
      expect(
        grants.filter((g: { coordinates: string }) => g.coordinates.includes('Person.phone')),
      ).toEqual([]);
      await write(department, purpose);
      const seen = await phoneAs(department, purpose);
      expect(seen).toEqual({ phone: null, codes: ['NO_GRANT'] });
      expect(lines.some((l) => l.includes(`ignored ${department}'s grant copy in Redis`))).toBe(
        true,
      );
      // Replaced by the genuine copy (signed, from the sharing subgraph), so the forgery does not linger.
      const copy = await redis.hGetAll(names.snapshotKey(department));
      expect(copy.snapshot ?? '').not.toContain('GR-FORGED');
    },
  );

  it("grants on a copy signed with the deployment's key (the forgeries above were refused for their signature)", async () => {
    const department = 'housing';
    const purpose = 'HOUSING_SECURITY';
    const text = JSON.stringify(forgedSnapshot(department, purpose, 999));
    await redis.hSet(names.snapshotKey(department), {
      version: '999',
      snapshot: text,
      signature: signGrantCopy(
        grantCopyKey(platform.security!.secret),
        namespace,
        department,
        '999',
        text,
      ),
    });
    const seen = await phoneAs(department, purpose);
    expect(seen.codes).toEqual([]);
    expect(seen.phone).toMatch(/^\d{11}$/);
  });
});

function registryPropagationSuite(withRedis: boolean) {
  let platform: Platform;
  let second: ExtraGateway;
  // Without notices a gateway keeps answers GATEWAY_REGISTRY_LOCAL_CACHE_MS (1 s); with them, until a notice.
  const limitMs = withRedis ? 1000 : 1500;

  beforeAll(async () => {
    const redis = withRedis
      ? {
          url: process.env.REDIS_URL!,
          namespace: `test-registry-${process.pid}-${Date.now().toString(36)}`,
        }
      : undefined;
    platform = await startPlatform({ persons: 300, subgraphs: ['population', 'sharing'], redis });
    second = await platform.addGateway();
  });
  afterAll(async () => {
    await platform?.stop();
  });

  const servedVia = async (url: string) => {
    const { status, body } = await postGraphQL(
      url,
      '{ departments { code } }',
      {},
      await platform.headers({ ...APP, operator: 'caseworker' }),
    );
    return { status, code: body.errors?.[0]?.extensions?.code as string | undefined };
  };
  const setStatus = async (status: string) => {
    const { body } = await postGraphQL(
      platform.gatewayUrl,
      SET_STATUS,
      { id: APP.application, status, reason: 'registry propagation test' },
      await platform.headers({ department: 'big-data-bureau' }),
    );
    expect(body.errors).toBeUndefined();
  };
  const refused = async (url: string) => (await servedVia(url)).status === 403;

  it(`refuses a suspended application on the other gateway within ${limitMs} ms, and serves it again as soon after it is resumed`, async () => {
    // The other gateway has the application cached as ACTIVE (for GATEWAY_REGISTRY_CACHE_MS with Redis).
    expect(await refused(second.url)).toBe(false);
    expect(second.security!.registry).toBeDefined();
    await setStatus('SUSPENDED');
    expect(await within(limitMs, () => refused(second.url))).toBe(true);
    expect(await servedVia(second.url)).toMatchObject({ status: 403 });
    await setStatus('ACTIVE');
    expect(await within(limitMs, async () => !(await refused(second.url)))).toBe(true);
  });
}

describeWithService('redis', 'a registry change reaches another gateway on one Redis', () =>
  registryPropagationSuite(true),
);
describe('a registry change reaches another gateway without Redis', () =>
  registryPropagationSuite(false));

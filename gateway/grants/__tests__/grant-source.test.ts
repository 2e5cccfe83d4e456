import net from 'node:net';
import { createClient } from 'redis';
import { encodeGrantsChanged, grantsRedisNames } from '../../../contracts/grants/grant-snapshot';
import { describeWithService } from '../../../test/utils/services';
import { LoadedSnapshot, UNAVAILABLE } from '../grant-cache';
import { createGrantSource, GrantSourceOptions } from '../grant-source';
import { grantCopyKey, signGrantCopy } from '../redis-grant-store';

/** The subgraph signing secret the Redis copies are signed with. */
const SECRET = Buffer.from('a-test-signing-secret-of-32-characters!!');

const snapshot = (department: string, version: number): LoadedSnapshot => ({
  status: 'LOADED',
  department,
  version: String(version),
  grants: [],
});

function source(overrides: Partial<GrantSourceOptions> = {}) {
  const fetched: string[] = [];
  const lines: string[] = [];
  let version = 1;
  const grants = createGrantSource({
    fetchSnapshot: async (department) => {
      fetched.push(department);
      return snapshot(department, version);
    },
    redis: null,
    localTtlMs: 1000,
    redisTtlMs: 30_000,
    degradedTtlMs: 5000,
    loadTimeoutMs: 500,
    log: (line) => lines.push(line),
    ...overrides,
  });
  return { grants, fetched, lines, setVersion: (v: number) => (version = v) };
}

/** A port nothing listens on. */
async function deadPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('grant source without Redis', () => {
  it('loads from the sharing subgraph once and serves from the process until the 1 s lifetime ends', async () => {
    let now = 0;
    const s = source({ now: () => now });
    await s.grants.start();
    expect(s.grants.mode).toBe('LOCAL');
    expect(await s.grants.snapshotFor('tax')).toEqual(snapshot('tax', 1));
    now = 400;
    expect(s.grants.snapshotFor('tax')).toEqual(snapshot('tax', 1));
    expect(s.fetched).toEqual(['tax']);
    s.setVersion(2);
    now = 1000;
    expect(await s.grants.snapshotFor('tax')).toEqual(snapshot('tax', 2));
    await s.grants.close();
  });

  it('gives a caller that is not a registered department (a citizen) no grants, without asking', async () => {
    const s = source();
    expect(s.grants.snapshotFor('citizen')).toEqual({
      status: 'LOADED',
      department: 'citizen',
      version: 'none',
      grants: [],
    });
    expect(s.fetched).toEqual([]);
  });

  it('fails closed (UNAVAILABLE) when the sharing subgraph does not answer in time, and logs it', async () => {
    const s = source({ fetchSnapshot: () => new Promise(() => {}), loadTimeoutMs: 50 });
    expect(await s.grants.snapshotFor('tax')).toBe(UNAVAILABLE);
    expect(s.lines).toEqual([
      expect.stringMatching(/could not load tax's grants .*did not answer within 50 ms/),
    ]);
  });
});

describe('grant source with Redis unreachable', () => {
  it('starts degraded, says so, serves from the subgraph with the degraded lifetime, and closes promptly', async () => {
    let now = 0;
    const s = source({
      redis: { url: `redis://127.0.0.1:${await deadPort()}`, namespace: 'unit', secret: SECRET },
      connectWaitMs: 200,
      now: () => now,
    });
    await s.grants.start();
    expect(s.grants.mode).toBe('DEGRADED');
    expect(s.lines).toEqual([
      expect.stringMatching(
        /DEGRADED: Redis at redis:\/\/127\.0\.0\.1:\d+\/? does not answer; .*at most 5 s/,
      ),
    ]);
    expect(await s.grants.snapshotFor('tax')).toEqual(snapshot('tax', 1));
    now = 4999;
    expect(s.grants.snapshotFor('tax')).toEqual(snapshot('tax', 1));
    now = 5000;
    expect(s.grants.snapshotFor('tax')).toBeInstanceOf(Promise);
    const started = Date.now();
    await s.grants.close();
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describeWithService('redis', 'grant source with Redis', () => {
  const url = process.env.REDIS_URL!;
  const namespace = `unit-${process.pid}-${Date.now().toString(36)}`;
  const names = grantsRedisNames(namespace);
  const publisher = createClient({ url });

  beforeAll(() => publisher.connect());
  afterAll(() => publisher.close());

  it("shares a department's snapshot between instances, so the subgraph is asked once", async () => {
    const a = source({ redis: { url, namespace, secret: SECRET } });
    const b = source({ redis: { url, namespace, secret: SECRET } });
    await Promise.all([a.grants.start(), b.grants.start()]);
    expect([a.grants.mode, b.grants.mode]).toEqual(['REDIS', 'REDIS']);
    expect(await a.grants.snapshotFor('health')).toEqual(snapshot('health', 1));
    await new Promise((r) => setTimeout(r, 50)); // the copy is written after the answer
    expect(await b.grants.snapshotFor('health')).toEqual(snapshot('health', 1));
    expect([a.fetched, b.fetched]).toEqual([['health'], []]);
    expect(Number((await publisher.hGet(names.snapshotKey('health'), 'version')) ?? -1)).toBe(1);
    await Promise.all([a.grants.close(), b.grants.close()]);
  });

  it('drops a department on a change notice and skips a shared copy older than the notice', async () => {
    const a = source({ redis: { url, namespace, secret: SECRET } });
    await a.grants.start();
    expect(await a.grants.snapshotFor('housing')).toEqual(snapshot('housing', 1));
    await new Promise((r) => setTimeout(r, 50));
    a.setVersion(2);
    // The copy in Redis still says version 1; the notice says 2.
    await publisher.publish(names.channel, encodeGrantsChanged('housing', 2));
    const deadline = Date.now() + 1000;
    let seen: unknown;
    while (Date.now() < deadline) {
      seen = await a.grants.snapshotFor('housing');
      if ((seen as LoadedSnapshot).version === '2') break;
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(seen).toEqual(snapshot('housing', 2));
    expect(a.fetched).toEqual(['housing', 'housing']);
    await a.grants.close();
  });

  it('never lets an older snapshot overwrite a newer shared copy', async () => {
    const a = source({ redis: { url, namespace, secret: SECRET } });
    await a.grants.start();
    const copy = JSON.stringify(snapshot('finance', 9));
    await publisher.hSet(names.snapshotKey('finance'), {
      version: '9',
      snapshot: copy,
      signature: signGrantCopy(grantCopyKey(SECRET), namespace, 'finance', '9', copy),
    });
    a.setVersion(3);
    await publisher.publish(names.channel, encodeGrantsChanged('finance', 10)); // makes the copy (9) too old to use
    await new Promise((r) => setTimeout(r, 50));
    expect(await a.grants.snapshotFor('finance')).toEqual(snapshot('finance', 3));
    await new Promise((r) => setTimeout(r, 50));
    expect(await publisher.hGet(names.snapshotKey('finance'), 'version')).toBe('9');
    await a.grants.close();
  });
});

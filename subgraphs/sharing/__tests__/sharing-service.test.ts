import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createClient } from 'redis';
import { decodeGrantsChanged, grantsRedisNames } from '../../../contracts/grants/grant-snapshot';
import { databaseTarget } from '../../../contracts/database/database';
import { describeWithService } from '../../../test/utils/services';
import { createSubgraphService, RunningService } from '../../kit/subgraph-service';
import { readSharingServiceSettings, sharingService } from '../sharing-service';
import { clientFor, testVerifier } from './sharing-fixture';

const APPLY = `mutation($input: SharingApplicationInput!) { applyForSharing(input: $input) { requests { id owner { code } } } }`;
const APPROVE = `mutation($id: ID!) { approveSharingRequest(id: $id) { grant { id } } }`;

/** The sharing service over an empty SQLite database in a temp folder, as its process builds it. */
async function startSharing(
  env: Record<string, string>,
): Promise<{ service: RunningService; cleanup(): Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shujutong-sharing-service-'));
  const settings = readSharingServiceSettings(env);
  const service = await createSubgraphService(sharingService, settings, {
    database: databaseTarget('sharing', { DATA_DIR: dir }),
    port: 0,
    verifyRequest: testVerifier,
    log: () => {},
  });
  return {
    service,
    async cleanup() {
      await service.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

describe('sharing service', () => {
  it('reads its workflow and notice settings together, reporting every invalid one', () => {
    expect(readSharingServiceSettings({ REDIS_URL: 'redis://10.0.0.7:6379' }).notices.url).toBe(
      'redis://10.0.0.7:6379',
    );
    expect(() =>
      readSharingServiceSettings({ SHARING_REPLY_WORKING_DAYS: '0', REDIS_URL: 'http://x' }),
    ).toThrow(/SHARING_REPLY_WORKING_DAYS.*; REDIS_URL/);
  });

  it('runs nothing in the background without REDIS_URL', async () => {
    const { service, cleanup } = await startSharing({});
    try {
      expect(service.tasks).toEqual([]);
    } finally {
      await cleanup();
    }
  });
});

describeWithService('redis', 'sharing service with REDIS_URL', () => {
  const namespace = `unit-service-${process.pid}-${Date.now().toString(36)}`;
  const names = grantsRedisNames(namespace);
  const client = createClient({ url: process.env.REDIS_URL });
  const subscriber = client.duplicate();

  beforeAll(async () => {
    await Promise.all([client.connect(), subscriber.connect()]);
  });
  afterAll(async () => {
    await Promise.all([client.close(), subscriber.close()]);
  });

  it("announces an approval on Redis and drops the consumer's shared snapshot", async () => {
    const heard: unknown[] = [];
    await subscriber.subscribe(names.channel, (message) =>
      heard.push(decodeGrantsChanged(message)),
    );
    await client.hSet(names.snapshotKey('health'), { version: '0', snapshot: '{}' });
    const { service, cleanup } = await startSharing({
      REDIS_URL: process.env.REDIS_URL!,
      GRANTS_REDIS_NAMESPACE: namespace,
    });
    try {
      expect(service.tasks.map((t) => t.name)).toEqual(['grant-change notices on Redis']);
      const as = clientFor(service.url);
      const applied = await as('health', APPLY, {
        input: {
          items: ['Person.birthDate'],
          purposes: ['HEALTH_SERVICES'],
          justification: '测试用途',
        },
      });
      expect(applied.body.errors).toBeUndefined();
      for (const request of applied.body.data!.applyForSharing.requests as {
        id: string;
        owner: { code: string };
      }[]) {
        const approved = await as(request.owner.code, APPROVE, { id: request.id });
        expect(approved.body.errors).toBeUndefined();
      }
      const deadline = Date.now() + 2000;
      while (heard.length === 0 && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 20));
      expect(heard).toEqual([{ department: 'health', version: expect.any(Number) }]);
      expect(await client.exists(names.snapshotKey('health'))).toBe(0);
    } finally {
      await cleanup();
    }
    // A sharing service, several approvals and Redis round trips: over 5 s once on a loaded CI machine.
  }, 30_000);
});

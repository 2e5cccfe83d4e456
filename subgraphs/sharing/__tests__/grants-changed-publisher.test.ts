import { createClient } from 'redis';
import { describeWithService } from '../../../test/utils/services';
import {
  decodeGrantsChanged,
  GRANTS_CHANGED_CHANNEL,
  grantsRedisNames,
} from '../../../contracts/grants/grant-snapshot';
import {
  createGrantsChangedPublisher,
  readGrantsPublisherSettings,
} from '../grants-changed-publisher';

describe('grant-change publisher settings', () => {
  it('publishes nothing without REDIS_URL, and on the plain channel without a namespace', () => {
    expect(readGrantsPublisherSettings({})).toEqual({ url: null, namespace: null });
    expect(
      readGrantsPublisherSettings({
        REDIS_URL: 'redis://10.0.0.7:6379',
        GRANTS_REDIS_NAMESPACE: 'staging',
      }),
    ).toEqual({ url: 'redis://10.0.0.7:6379', namespace: 'staging' });
    expect(grantsRedisNames(null).channel).toBe(GRANTS_CHANGED_CHANNEL);
    expect(grantsRedisNames('staging').channel).toBe(`${GRANTS_CHANGED_CHANNEL}:staging`);
  });

  it('refuses a REDIS_URL that is not redis:// and a malformed namespace', () => {
    expect(() => readGrantsPublisherSettings({ REDIS_URL: 'http://127.0.0.1:6379' })).toThrow(
      /REDIS_URL/,
    );
    expect(() =>
      readGrantsPublisherSettings({
        REDIS_URL: 'redis://127.0.0.1',
        GRANTS_REDIS_NAMESPACE: 'a:b',
      }),
    ).toThrow(/GRANTS_REDIS_NAMESPACE/);
  });
});

describeWithService('redis', 'grant-change publisher', () => {
  const url = process.env.REDIS_URL!;
  const namespace = `unit-pub-${process.pid}-${Date.now().toString(36)}`;
  const names = grantsRedisNames(namespace);
  const client = createClient({ url });
  const subscriber = client.duplicate();

  beforeAll(async () => {
    await Promise.all([client.connect(), subscriber.connect()]);
  });
  afterAll(async () => {
    await Promise.all([client.close(), subscriber.close()]);
  });

  it("deletes the department's shared snapshot and publishes the notice", async () => {
    const heard: unknown[] = [];
    await subscriber.subscribe(names.channel, (message) =>
      heard.push(decodeGrantsChanged(message)),
    );
    await client.hSet(names.snapshotKey('civil-affairs'), { version: '3', snapshot: '{}' });
    const publisher = createGrantsChangedPublisher({ url, namespace, log: () => {} });
    await new Promise((r) => setTimeout(r, 100));
    await publisher.publish('civil-affairs', 4);
    await new Promise((r) => setTimeout(r, 50));
    expect(heard).toEqual([{ department: 'civil-affairs', version: 4 }]);
    expect(await client.exists(names.snapshotKey('civil-affairs'))).toBe(0);
    await publisher.close();
  });

  it("fails the notice, not the caller's process, when Redis cannot be reached", async () => {
    const lines: string[] = [];
    const publisher = createGrantsChangedPublisher({
      url: 'redis://127.0.0.1:1',
      log: (l) => lines.push(l),
    });
    await expect(publisher.publish('tax', 1)).rejects.toThrow();
    await publisher.close();
    expect(lines[0]).toMatch(/Redis for grant-change notices unavailable/);
  });
});

import { createRevokedSessions } from '../revoked-sessions';
import { describeWithService } from '../../../../test/utils/services';

describe('revoked sessions in process', () => {
  it('remember a sign-out until its time, then forget it', async () => {
    let now = 1_000_000;
    const store = createRevokedSessions({ log: () => {}, now: () => now });
    await store.revoke('sid-a', now + 60_000);
    expect(await store.check('sid-a')).toEqual({ revoked: true, complete: true });
    expect(await store.check('sid-b')).toEqual({ revoked: false, complete: true });
    now += 60_000;
    expect(await store.check('sid-a')).toEqual({ revoked: false, complete: true });
    await store.close();
  });
});

describe('revoked sessions while Redis does not answer', () => {
  it('keep this instance’s sign-outs, say the check is incomplete, and log it once', async () => {
    const lines: string[] = [];
    const store = createRevokedSessions({
      redisUrl: 'redis://127.0.0.1:1',
      log: (l) => lines.push(l),
      commandTimeoutMs: 100,
    });
    await store.revoke('sid-a', Date.now() + 60_000);
    expect(await store.check('sid-a')).toEqual({ revoked: true, complete: true });
    expect(await store.check('sid-b')).toEqual({ revoked: false, complete: false });
    expect(lines.filter((l) => l.includes('DEGRADED'))).toHaveLength(1);
    await store.close();
  });
});

describeWithService('redis', 'revoked sessions shared through Redis', () => {
  it('are refused by every instance on the same Redis and namespace, not another namespace', async () => {
    const namespace = `test-revoked-${process.pid}-${Date.now().toString(36)}`;
    const options = { redisUrl: process.env.REDIS_URL!, namespace, log: () => {} };
    const one = createRevokedSessions(options);
    const two = createRevokedSessions(options);
    const other = createRevokedSessions({ ...options, namespace: `${namespace}-other` });
    try {
      await one.revoke('sid-shared', Date.now() + 60_000);
      expect(await two.check('sid-shared')).toEqual({ revoked: true, complete: true });
      expect(await two.check('sid-never')).toEqual({ revoked: false, complete: true });
      expect(await other.check('sid-shared')).toEqual({ revoked: false, complete: true });
    } finally {
      await Promise.all([one.close(), two.close(), other.close()]);
    }
  });
});

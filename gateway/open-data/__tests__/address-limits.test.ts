import { describeWithService } from '../../../test/utils/services';
import { HttpError } from '../../../contracts/http/http-error';
import { createAddressLimits } from '../address-limits';

async function refusal(work: Promise<void>): Promise<HttpError> {
  try {
    await work;
  } catch (err) {
    if (err instanceof HttpError) return err;
    throw err;
  }
  throw new Error('not refused');
}

describe('open-data limits per client address, in process', () => {
  it('refuses an address past its burst with 429 and Retry-After, and no other address', async () => {
    const limits = createAddressLimits({ perMinute: 60, burst: 2, redis: null });
    await limits.consume('203.0.113.1');
    await limits.consume('203.0.113.1');
    const err = await refusal(limits.consume('203.0.113.1'));
    expect(err).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    expect(Number(err.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    await expect(limits.consume('203.0.113.2')).resolves.toBeUndefined();
    await limits.close();
  });

  it('falls back to the in-process count when Redis cannot be reached', async () => {
    const limits = createAddressLimits({
      perMinute: 60,
      burst: 1,
      redis: { url: 'redis://127.0.0.1:1', namespace: null },
    });
    await limits.consume('203.0.113.3');
    expect((await refusal(limits.consume('203.0.113.3'))).status).toBe(429);
    await limits.close();
  });
});

describeWithService('redis', 'open-data limits per client address, through Redis', () => {
  it('are counted together by every gateway instance on one Redis', async () => {
    const redis = {
      url: process.env.REDIS_URL!,
      namespace: `test-open-${process.pid}-${Date.now().toString(36)}`,
    };
    const a = createAddressLimits({ perMinute: 60, burst: 2, redis });
    const b = createAddressLimits({ perMinute: 60, burst: 2, redis });
    try {
      // Until connected each would count in process alone (its fallback), which is not the point here.
      await Promise.all([a.ready(), b.ready()]);
      await a.consume('203.0.113.9');
      await b.consume('203.0.113.9');
      expect((await refusal(a.consume('203.0.113.9'))).status).toBe(429);
    } finally {
      await a.close();
      await b.close();
    }
  }, 30_000);
});

import { rateLimitRefusal, retryAfterSeconds } from '../rate-limit-refusal';

const target = {
  scope: 'APPLICATION' as const,
  id: 'housing-subsidy',
  limits: { requestsPerMinute: 600, burst: 100, concurrency: 8 },
};

describe('a rate-limit refusal', () => {
  it('is a 429 RATE_LIMITED naming the limit, with Retry-After in whole seconds', () => {
    const err = rateLimitRefusal(target, 'RATE', 1200);
    expect(err.status).toBe(429);
    expect(err.code).toBe('RATE_LIMITED');
    expect(err.extensions).toEqual({ reason: 'APPLICATION_RATE', retryAfterSeconds: 2 });
    expect(err.headers).toEqual({ 'retry-after': '2' });
    expect(err.message).toContain(
      'application housing-subsidy is over its rate of 600 requests per minute',
    );
  });

  it('says which concurrency limit is full', () => {
    const err = rateLimitRefusal(
      { ...target, scope: 'DEPARTMENT', id: 'housing' },
      'CONCURRENCY',
      1000,
    );
    expect(err.extensions.reason).toBe('DEPARTMENT_CONCURRENCY');
    expect(err.message).toContain('department housing already has 8 requests in flight');
  });

  it.each([
    [0, 1],
    [1, 1],
    [999, 1],
    [1000, 1],
    [1001, 2],
    [59_999, 60],
  ])('asks to wait %p ms as Retry-After %p', (ms, seconds) => {
    expect(retryAfterSeconds(ms)).toBe(seconds);
  });
});

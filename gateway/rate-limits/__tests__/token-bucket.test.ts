import { bucketTtlSeconds, fixedWindowFor, tokenBucketScript } from '../token-bucket';

describe('token bucket settings', () => {
  it('keeps an idle bucket until it would be full again', () => {
    // 60 per minute refills 1 a second: 10 tokens take 10 s, plus a second of slack.
    expect(bucketTtlSeconds({ requestsPerMinute: 60, burst: 10, concurrency: 1 })).toBe(11);
  });

  it('falls back to a fixed window of the same average rate', () => {
    expect(fixedWindowFor({ requestsPerMinute: 600, burst: 100, concurrency: 1 })).toEqual({
      points: 100,
      duration: 10,
    });
    // Never a window under a second (the library's unit).
    expect(fixedWindowFor({ requestsPerMinute: 600_000, burst: 1, concurrency: 1 })).toEqual({
      points: 1,
      duration: 1,
    });
  });

  it('writes the refill rate into the script as tokens per millisecond', () => {
    expect(tokenBucketScript({ requestsPerMinute: 60_000, burst: 1, concurrency: 1 })).toContain(
      'local perMs = 1.0000000000000000',
    );
  });
});

import {
  effectiveLimits,
  LIMIT_FREQUENCIES,
  limitBasisAfterChange,
  LIMITS_BY_FREQUENCY,
  limitProblem,
} from '../request-limits';

describe('request limits', () => {
  it('never gives a less frequent system more than a more frequent one', () => {
    for (let i = 1; i < LIMIT_FREQUENCIES.length; i++) {
      const more = LIMITS_BY_FREQUENCY[LIMIT_FREQUENCIES[i - 1]];
      const less = LIMITS_BY_FREQUENCY[LIMIT_FREQUENCIES[i]];
      expect(less.requestsPerMinute).toBeLessThanOrEqual(more.requestsPerMinute);
      expect(less.burst).toBeLessThanOrEqual(more.burst);
      expect(less.concurrency).toBeLessThanOrEqual(more.concurrency);
    }
  });

  it('takes each limit the bureau set and the usage-frequency default for the rest', () => {
    expect(
      effectiveLimits('WEEKLY', { requestsPerMinute: 10, burst: null, concurrency: null }),
    ).toEqual({
      requestsPerMinute: 10,
      burst: LIMITS_BY_FREQUENCY.WEEKLY.burst,
      concurrency: LIMITS_BY_FREQUENCY.WEEKLY.concurrency,
    });
    expect(
      effectiveLimits('RARELY', { requestsPerMinute: null, burst: null, concurrency: null }),
    ).toEqual(LIMITS_BY_FREQUENCY.RARELY);
  });

  it.each([
    ['a department lowering its frequency lowers its limits', 'DAILY', 'MONTHLY', false, 'MONTHLY'],
    [
      'a department raising its frequency keeps the lower limits',
      'MONTHLY',
      'DAILY',
      false,
      'MONTHLY',
    ],
    ['the bureau raising the frequency raises them', 'MONTHLY', 'DAILY', true, 'DAILY'],
    ['the bureau lowering the frequency lowers them', 'DAILY', 'RARELY', true, 'RARELY'],
  ] as const)('%s', (_name, current, declared, byBureau, basis) => {
    expect(limitBasisAfterChange(current, declared, byBureau)).toBe(basis);
  });

  it.each([0, -1, 1.5, 600_001, '60', null])('refuses %p as a rate', (value) => {
    expect(limitProblem('requestsPerMinute', value)).toMatch(/whole number from 1 to 600000/);
  });

  it('accepts a rate within bounds', () => {
    expect(limitProblem('requestsPerMinute', 1)).toBeNull();
    expect(limitProblem('concurrency', 10_000)).toBeNull();
  });
});

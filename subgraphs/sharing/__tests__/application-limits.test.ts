import { LIMITS_BY_FREQUENCY } from '../../../domain/request-limits';
import { applicationLimits, limitColumns, mayChangeRequestLimits } from '../application-limits';
import type { ApplicationRow } from '../store';

const row = (over: Partial<ApplicationRow>): ApplicationRow =>
  ({
    usage_frequency: 'WEEKLY',
    limits_basis: 'WEEKLY',
    requests_per_minute: null,
    request_burst: null,
    request_concurrency: null,
    ...over,
  }) as ApplicationRow;
const caller = (department: string) => ({
  department,
  application: null,
  operator: null,
  purpose: null,
  roles: [],
});

describe('application request limits in the registry', () => {
  it('follows the usage frequency until the bureau sets a limit', () => {
    expect(applicationLimits(row({}))).toEqual({
      ...LIMITS_BY_FREQUENCY.WEEKLY,
      source: 'USAGE_FREQUENCY',
      basis: 'WEEKLY',
    });
  });

  it('shows a limit the bureau set, and the rest from the basis', () => {
    expect(applicationLimits(row({ request_concurrency: 3 }))).toEqual({
      ...LIMITS_BY_FREQUENCY.WEEKLY,
      concurrency: 3,
      source: 'BIG_DATA_BUREAU',
      basis: 'WEEKLY',
    });
  });

  it('follows the basis, not the frequency a department declared since', () => {
    expect(
      applicationLimits(row({ usage_frequency: 'DAILY', limits_basis: 'MONTHLY' }))
        .requestsPerMinute,
    ).toBe(LIMITS_BY_FREQUENCY.MONTHLY.requestsPerMinute);
  });

  it('lets only the big data bureau change them', () => {
    expect(mayChangeRequestLimits(caller('big-data-bureau'))).toBeNull();
    expect(mayChangeRequestLimits(caller('housing'))).toMatch(/only the big data bureau/);
  });

  it('checks every value and names the wrong one', () => {
    expect(limitColumns({ requestsPerMinute: 10, burst: null })).toEqual({
      requests_per_minute: 10,
      request_burst: null,
      request_concurrency: null,
    });
    expect(() => limitColumns({ concurrency: 0 })).toThrow(
      /limits.concurrency: concurrency is a whole number from 1 to 10000/,
    );
  });
});

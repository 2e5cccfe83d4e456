import { CITIZEN_LIMITS } from '../../../domain/request-limits';
import { limitTargets } from '../limit-targets';

const app = { requestsPerMinute: 60, burst: 5, concurrency: 2 };
const dept = { requestsPerMinute: 600, burst: 50, concurrency: 10 };

describe('limit targets', () => {
  it('counts an application token against its application, then its department', () => {
    expect(
      limitTargets({ department: 'housing', application: 'housing-subsidy' }, app, dept),
    ).toEqual([
      { scope: 'APPLICATION', id: 'housing-subsidy', limits: app },
      { scope: 'DEPARTMENT', id: 'housing', limits: dept },
    ]);
  });

  it('counts a token without an application against its department alone', () => {
    expect(limitTargets({ department: 'tax', application: null }, null, dept)).toEqual([
      { scope: 'DEPARTMENT', id: 'tax', limits: dept },
    ]);
  });

  it("gives an application the registry has no limits for its department's, never none", () => {
    expect(
      limitTargets({ department: 'tax', application: 'tax-collection' }, null, dept)[0],
    ).toEqual({ scope: 'APPLICATION', id: 'tax-collection', limits: dept });
  });

  it('counts a citizen against that citizen alone, under the citizen limits', () => {
    expect(
      limitTargets({ department: 'citizen', application: null, citizenKey: 'k1' }, null, dept),
    ).toEqual([{ scope: 'CITIZEN', id: 'k1', limits: CITIZEN_LIMITS }]);
  });
});

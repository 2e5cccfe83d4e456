import { PlanCache } from '../plan-cache';

describe('PlanCache', () => {
  it('never holds more than its bound', () => {
    const cache = new PlanCache<number>(4);
    for (let i = 0; i < 50; i++) cache.set(`k${i}`, i);
    expect(cache.size).toBeLessThanOrEqual(4);
    expect(cache.get('k49')).toBe(49);
    expect(cache.get('k0')).toBeUndefined();
  });

  it('keeps an entry that is used while newer ones arrive, and drops one that is not', () => {
    const cache = new PlanCache<number>(4);
    cache.set('used', 1);
    cache.set('unused', 2);
    for (let i = 0; i < 20; i++) {
      expect(cache.get('used')).toBe(1);
      cache.set(`k${i}`, i);
    }
    expect(cache.get('used')).toBe(1);
    expect(cache.get('unused')).toBeUndefined();
  });

  it('drops an entry its freshness check refuses, counting a miss', () => {
    const cache = new PlanCache<{ until: number }>(4);
    cache.set('k', { until: 10 });
    expect(cache.get('k', (v) => 5 < v.until)).toEqual({ until: 10 });
    expect(cache.get('k', (v) => 10 < v.until)).toBeUndefined();
    expect(cache.get('k')).toBeUndefined();
    expect(cache.size).toBe(0);
    expect([cache.hits, cache.misses]).toEqual([1, 2]);
  });

  it('refuses a bound below two', () => {
    expect(() => new PlanCache(1)).toThrow(/at least 2/);
  });
});

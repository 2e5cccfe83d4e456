import { GrantCache, LoadedSnapshot } from '../grant-cache';

const snapshot = (department: string): LoadedSnapshot => ({
  status: 'LOADED',
  department,
  version: '1',
  grants: [],
});

describe('GrantCache.oldestAgeMs (for the grant cache age metric)', () => {
  it('is the age of the oldest snapshot still served, and null when none is', async () => {
    let now = 1_000_000;
    const cache = new GrantCache({
      now: () => now,
      ttlMs: () => 10_000,
      load: async (department) => snapshot(department),
    });
    expect(cache.oldestAgeMs()).toBeNull();
    await cache.snapshotFor('civil-affairs');
    now += 3000;
    await cache.snapshotFor('education');
    now += 1000;
    expect(cache.oldestAgeMs()).toBe(4000);
    // Past its lifetime a snapshot is no longer served, so it no longer counts.
    now += 6500;
    expect(cache.oldestAgeMs()).toBe(7500);
    now += 3000;
    expect(cache.oldestAgeMs()).toBeNull();
  });
});

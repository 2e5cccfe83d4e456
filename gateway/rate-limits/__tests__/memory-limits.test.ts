import { createMemoryLeases } from '../concurrency-leases';
import { createMemoryRequestRate } from '../request-rate';

const limits = { requestsPerMinute: 60, burst: 3, concurrency: 2 };
const app = { scope: 'APPLICATION' as const, id: 'a1', limits };
const other = { scope: 'APPLICATION' as const, id: 'a2', limits };
const dept = { scope: 'DEPARTMENT' as const, id: 'd1', limits: { ...limits, concurrency: 3 } };

describe('in-process limits', () => {
  it('admits a burst, then refuses with the wait until the window ends', async () => {
    const rate = createMemoryRequestRate();
    for (let i = 0; i < 3; i++) expect((await rate.take(app)).allowed).toBe(true);
    const refused = await rate.take(app);
    expect(refused.allowed).toBe(false);
    expect(refused.waitMs).toBeGreaterThan(0);
    expect((await rate.take(other)).allowed).toBe(true);
  });

  it('refuses a lease past the concurrency limit and takes none then', async () => {
    const leases = createMemoryLeases();
    const first = await leases.acquire([app, dept], 'r1');
    const second = await leases.acquire([app, dept], 'r2');
    expect('lease' in first && 'lease' in second).toBe(true);
    expect(await leases.acquire([app, dept], 'r3')).toEqual({ refused: app });
    expect(leases.inFlight(dept)).toBe(2);
    // The department still has a slot for another application.
    const third = await leases.acquire([other, dept], 'r4');
    expect('lease' in third).toBe(true);
    expect(await leases.acquire([{ ...other, id: 'a3' }, dept], 'r5')).toEqual({ refused: dept });
  });

  it('frees a slot once on release, however often it is released', async () => {
    const leases = createMemoryLeases();
    const held = await leases.acquire([app], 'r1');
    await leases.acquire([app], 'r2');
    if (!('lease' in held)) throw new Error('expected a lease');
    held.lease.release();
    held.lease.release();
    expect(leases.inFlight(app)).toBe(1);
    expect('lease' in (await leases.acquire([app], 'r3'))).toBe(true);
    expect('refused' in (await leases.acquire([app], 'r4'))).toBe(true);
  });
});

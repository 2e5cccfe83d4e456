import { GrantCache, LoadedSnapshot, UNAVAILABLE } from '../grant-cache';

const snapshot = (department: string, version: number): LoadedSnapshot => ({
  status: 'LOADED',
  department,
  version: String(version),
  grants: [],
});

interface Deferred {
  department: string;
  minVersion: number;
  resolve(s: LoadedSnapshot): void;
  reject(e: Error): void;
}

/** A cache over a loader the test answers by hand, and a clock it moves by hand. */
function harness(ttl = 1000) {
  let now = 1_000_000;
  const calls: Deferred[] = [];
  const errors: string[] = [];
  const cache = new GrantCache({
    now: () => now,
    ttlMs: () => ttl,
    failureBackoffMs: 500,
    onLoadError: (d, e) => errors.push(`${d}: ${(e as Error).message}`),
    load: (department, minVersion) =>
      new Promise((resolve, reject) => calls.push({ department, minVersion, resolve, reject })),
  });
  return {
    cache,
    calls,
    errors,
    advance: (ms: number) => (now += ms),
    setTtl: (ms: number) => (ttl = ms),
  };
}

const flush = () => new Promise((r) => setImmediate(r));

describe('GrantCache', () => {
  it('serves a loaded snapshot synchronously, without loading again, while it is current', async () => {
    const h = harness();
    const first = h.cache.snapshotFor('civil-affairs');
    expect(first).toBeInstanceOf(Promise);
    h.calls[0].resolve(snapshot('civil-affairs', 3));
    expect(await first).toEqual(snapshot('civil-affairs', 3));
    h.advance(400);
    expect(h.cache.snapshotFor('civil-affairs')).toEqual(snapshot('civil-affairs', 3));
    expect(h.calls).toHaveLength(1);
  });

  it('loads once for concurrent requests of one department', async () => {
    const h = harness();
    const a = h.cache.snapshotFor('tax');
    const b = h.cache.snapshotFor('tax');
    expect(h.calls).toHaveLength(1);
    h.calls[0].resolve(snapshot('tax', 1));
    expect(await a).toBe(await b);
  });

  it('never serves a snapshot longer than the TTL counted from the start of its load', async () => {
    const h = harness(1000);
    const p = h.cache.snapshotFor('tax');
    h.advance(300); // the load takes 300 ms
    h.calls[0].resolve(snapshot('tax', 1));
    await p;
    h.advance(699);
    expect(h.cache.snapshotFor('tax')).toEqual(snapshot('tax', 1));
    h.advance(1);
    expect(h.cache.snapshotFor('tax')).toBeInstanceOf(Promise);
  });

  it('reloads in the background past half its life, so steady use never waits', async () => {
    const h = harness(1000);
    const p = h.cache.snapshotFor('tax');
    h.calls[0].resolve(snapshot('tax', 1));
    await p;
    h.advance(600);
    expect(h.cache.snapshotFor('tax')).toEqual(snapshot('tax', 1));
    expect(h.calls).toHaveLength(2);
    h.calls[1].resolve(snapshot('tax', 2));
    await flush();
    h.advance(900); // past the first snapshot's life, within the reloaded one's
    expect(h.cache.snapshotFor('tax')).toEqual(snapshot('tax', 2));
  });

  it('drops a department on a notice of a newer version and tells the loader the version to reach', async () => {
    const h = harness(30_000);
    const p = h.cache.snapshotFor('tax');
    h.calls[0].resolve(snapshot('tax', 4));
    await p;
    h.cache.invalidate('tax', 4); // not newer: kept
    expect(h.cache.snapshotFor('tax')).toEqual(snapshot('tax', 4));
    h.cache.invalidate('tax', 5);
    const next = h.cache.snapshotFor('tax');
    expect(next).toBeInstanceOf(Promise);
    expect(h.calls[1].minVersion).toBe(5);
    h.calls[1].resolve(snapshot('tax', 5));
    expect(await next).toEqual(snapshot('tax', 5));
  });

  it('repeats a load that a notice overtook, since it may have read the grants before the change', async () => {
    const h = harness(30_000);
    const p = h.cache.snapshotFor('tax');
    h.cache.invalidate('tax', 8);
    h.calls[0].resolve(snapshot('tax', 7));
    await flush();
    expect(h.calls).toHaveLength(2);
    h.calls[1].resolve(snapshot('tax', 8));
    expect(await p).toEqual(snapshot('tax', 8));
    expect(h.cache.snapshotFor('tax')).toEqual(snapshot('tax', 8));
  });

  it('answers UNAVAILABLE when grants cannot be loaded, and does not retry at once for every request', async () => {
    const h = harness();
    const p = h.cache.snapshotFor('tax');
    h.calls[0].reject(new Error('sharing subgraph down'));
    expect(await p).toBe(UNAVAILABLE);
    expect(h.errors).toEqual(['tax: sharing subgraph down']);
    expect(h.cache.snapshotFor('tax')).toBe(UNAVAILABLE);
    expect(h.calls).toHaveLength(1);
    h.advance(500);
    const retry = h.cache.snapshotFor('tax');
    expect(h.calls).toHaveLength(2);
    h.calls[1].resolve(snapshot('tax', 1));
    expect(await retry).toEqual(snapshot('tax', 1));
  });

  it('keeps serving a current snapshot when a background reload fails, until it expires', async () => {
    const h = harness(1000);
    const p = h.cache.snapshotFor('tax');
    h.calls[0].resolve(snapshot('tax', 1));
    await p;
    h.advance(600);
    h.cache.snapshotFor('tax');
    h.calls[1].reject(new Error('timeout'));
    await flush();
    expect(h.cache.snapshotFor('tax')).toEqual(snapshot('tax', 1));
    h.advance(400);
    expect(h.cache.snapshotFor('tax')).toBe(UNAVAILABLE);
  });

  it('shortens every snapshot to a new bound (Redis went away) and forgets all on clear (Redis came back)', async () => {
    const h = harness(30_000);
    const p = h.cache.snapshotFor('tax');
    h.calls[0].resolve(snapshot('tax', 1));
    await p;
    h.cache.shortenAll(5000);
    h.advance(4999);
    expect(h.cache.snapshotFor('tax')).toEqual(snapshot('tax', 1));
    expect(h.cache.versions()).toEqual({ tax: '1' });
    h.cache.clear();
    expect(h.cache.versions()).toEqual({});
    expect(h.cache.snapshotFor('tax')).toBeInstanceOf(Promise);
  });

  it('refuses a snapshot of another department (fail closed)', async () => {
    const h = harness();
    const p = h.cache.snapshotFor('tax');
    h.calls[0].resolve(snapshot('health', 1));
    expect(await p).toBe(UNAVAILABLE);
    expect(h.errors[0]).toMatch(/returned health's grants for tax/);
  });
});

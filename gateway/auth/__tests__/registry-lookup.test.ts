import { PlatformCallError } from '../../signing/platform-client';
import {
  createRegistryLookup,
  REGISTERED_APPLICATION_QUERY,
  RegistryUnavailableError,
} from '../registry-lookup';

type Row = {
  department: { code: string };
  status: 'ACTIVE' | 'SUSPENDED' | 'RETIRED';
  limits?: { requestsPerMinute: number; burst: number; concurrency: number };
} | null;

function fakeRegistry(rows: Record<string, Row>) {
  const calls: string[] = [];
  let down = false;
  const client = {
    async query<T>(
      subgraph: string,
      query: string,
      variables?: Readonly<Record<string, unknown>>,
    ): Promise<T> {
      expect(subgraph).toBe('sharing');
      expect(query).toBe(REGISTERED_APPLICATION_QUERY);
      const id = variables!.id as string;
      calls.push(id);
      await new Promise((resolve) => setImmediate(resolve));
      if (down) throw new PlatformCallError('sharing', 'UNREACHABLE', 'connection refused');
      return { application: rows[id] ?? null } as T;
    },
  };
  return { client, calls, setDown: (value: boolean) => (down = value) };
}

describe('registry lookup', () => {
  let now = 0;
  const clock = () => now;
  beforeEach(() => {
    now = 1_000_000;
  });

  it('answers from the registry and remembers the answer for the TTL', async () => {
    const registry = fakeRegistry({
      'tax-collection': { department: { code: 'tax' }, status: 'ACTIVE' },
    });
    const { lookup } = createRegistryLookup({ client: registry.client, ttlMs: 30_000, now: clock });
    expect(await lookup('tax-collection')).toEqual({ department: 'tax', status: 'ACTIVE' });
    now += 29_000;
    expect(await lookup('tax-collection')).toEqual({ department: 'tax', status: 'ACTIVE' });
    expect(registry.calls).toEqual(['tax-collection']);
    now += 2000;
    await lookup('tax-collection');
    expect(registry.calls).toEqual(['tax-collection', 'tax-collection']);
  });

  it('remembers "not registered" for a shorter time', async () => {
    const registry = fakeRegistry({});
    const { lookup } = createRegistryLookup({
      client: registry.client,
      ttlMs: 30_000,
      unknownTtlMs: 5000,
      now: clock,
    });
    expect(await lookup('ghost')).toBeNull();
    now += 4000;
    expect(await lookup('ghost')).toBeNull();
    now += 2000;
    expect(await lookup('ghost')).toBeNull();
    expect(registry.calls).toEqual(['ghost', 'ghost']);
  });

  it('asks once for concurrent lookups of the same application', async () => {
    const registry = fakeRegistry({ a1: { department: { code: 'tax' }, status: 'ACTIVE' } });
    const { lookup } = createRegistryLookup({ client: registry.client, now: clock });
    await Promise.all([lookup('a1'), lookup('a1'), lookup('a1')]);
    expect(registry.calls).toEqual(['a1']);
  });

  it('forgets everything on invalidate, including an answer still in flight', async () => {
    const registry = fakeRegistry({ a1: { department: { code: 'tax' }, status: 'ACTIVE' } });
    const { lookup, invalidate } = createRegistryLookup({ client: registry.client, now: clock });
    const pending = lookup('a1');
    invalidate();
    await pending;
    await lookup('a1');
    expect(registry.calls).toEqual(['a1', 'a1']);
  });

  it('throws RegistryUnavailableError when the registry cannot be asked, and does not remember the failure', async () => {
    const registry = fakeRegistry({ a1: { department: { code: 'tax' }, status: 'SUSPENDED' } });
    const { lookup } = createRegistryLookup({ client: registry.client, now: clock });
    registry.setDown(true);
    await expect(lookup('a1')).rejects.toBeInstanceOf(RegistryUnavailableError);
    registry.setDown(false);
    expect(await lookup('a1')).toEqual({ department: 'tax', status: 'SUSPENDED' });
  });

  it("carries the application's request limits in the same cached answer", async () => {
    const limits = { requestsPerMinute: 600, burst: 100, concurrency: 8 };
    const registry = fakeRegistry({
      'housing-subsidy': { department: { code: 'housing' }, status: 'ACTIVE', limits },
    });
    const cached = createRegistryLookup({ client: registry.client, now: clock });
    expect(await cached.lookup('housing-subsidy')).toEqual({
      department: 'housing',
      status: 'ACTIVE',
    });
    expect(await cached.limits('housing-subsidy')).toEqual(limits);
    expect(await cached.limits('ghost')).toBeNull();
    expect(registry.calls).toEqual(['housing-subsidy', 'ghost']);
  });
});

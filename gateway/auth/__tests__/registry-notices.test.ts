import {
  decodeRegistryChanged,
  encodeRegistryChanged,
  registryChangedChannel,
} from '../../../domain/registry-notice';
import { createRegistryLookup, REGISTERED_APPLICATION_QUERY } from '../registry-lookup';

type Status = 'ACTIVE' | 'SUSPENDED' | 'RETIRED';

/** A registry whose answers the test changes, and whose calls can be held in flight. */
function registry(initial: Record<string, Status>) {
  const status = { ...initial };
  const calls: string[] = [];
  let hold: Promise<void> | null = null;
  const client = {
    async query<T>(
      _subgraph: string,
      query: string,
      variables?: Readonly<Record<string, unknown>>,
    ): Promise<T> {
      expect(query).toBe(REGISTERED_APPLICATION_QUERY);
      const id = variables!.id as string;
      calls.push(id);
      const answer = status[id];
      if (hold) await hold;
      return {
        application: answer ? { department: { code: 'civil-affairs' }, status: answer } : null,
      } as T;
    },
  };
  return { client, calls, status, holdWith: (p: Promise<void> | null) => (hold = p) };
}

describe('registry cache and change notices', () => {
  let now = 1_000_000;
  const clock = () => now;

  it('forgets one application on a notice and asks the registry again for it only', async () => {
    const r = registry({ a: 'ACTIVE', b: 'ACTIVE' });
    const lookup = createRegistryLookup({ client: r.client, ttlMs: 30_000, now: clock });
    await lookup.lookup('a');
    await lookup.lookup('b');
    r.status.a = 'SUSPENDED';
    lookup.forget('a');
    expect(await lookup.lookup('a')).toMatchObject({ status: 'SUSPENDED' });
    expect(await lookup.lookup('b')).toMatchObject({ status: 'ACTIVE' });
    expect(r.calls).toEqual(['a', 'b', 'a']);
  });

  it('does not keep an answer fetched before the notice, nor let a later request join that fetch', async () => {
    const r = registry({ a: 'ACTIVE' });
    const lookup = createRegistryLookup({ client: r.client, ttlMs: 30_000, now: clock });
    let release!: () => void;
    r.holdWith(new Promise<void>((resolve) => (release = resolve)));
    const stale = lookup.lookup('a');
    await new Promise((resolve) => setImmediate(resolve));
    r.status.a = 'SUSPENDED';
    lookup.forget('a');
    r.holdWith(null);
    const fresh = lookup.lookup('a');
    release();
    expect(await stale).toMatchObject({ status: 'ACTIVE' });
    expect(await fresh).toMatchObject({ status: 'SUSPENDED' });
    expect(await lookup.lookup('a')).toMatchObject({ status: 'SUSPENDED' });
    expect(r.calls).toEqual(['a', 'a']);
  });

  it('keeps answers as long as the lifetime says at the time of asking (long with notices, short without)', async () => {
    const r = registry({ a: 'ACTIVE' });
    let notified = true;
    const lookup = createRegistryLookup({
      client: r.client,
      ttlMs: () => (notified ? 30_000 : 1000),
      now: clock,
    });
    await lookup.lookup('a');
    now += 20_000;
    await lookup.lookup('a');
    expect(r.calls).toHaveLength(1);
    notified = false;
    lookup.invalidate();
    await lookup.lookup('a');
    now += 1001;
    await lookup.lookup('a');
    expect(r.calls).toHaveLength(3);
  });
});

describe('registry change notices', () => {
  it('round-trip, and anything else is ignored', () => {
    expect(decodeRegistryChanged(encodeRegistryChanged('minimum-living-allowance'))).toEqual({
      application: 'minimum-living-allowance',
    });
    for (const text of [
      '',
      'null',
      '{}',
      '{"application":""}',
      '{"application":5}',
      `{"application":"${'x'.repeat(65)}"}`,
      'not json',
    ])
      expect(decodeRegistryChanged(text)).toBeNull();
  });

  it('are published per deployment namespace', () => {
    expect(registryChangedChannel(null)).toBe('shujutong:registry-changed');
    expect(registryChangedChannel('blue')).toBe('shujutong:registry-changed:blue');
  });
});

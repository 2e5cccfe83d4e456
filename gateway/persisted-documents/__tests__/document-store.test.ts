import { sha256Hex } from '../document-hash';
import {
  createPersistedDocumentStore,
  PersistedDocumentsUnavailableError,
} from '../document-store';

const TEXT = 'query P { a }';
const H = sha256Hex(TEXT);

function registry() {
  const docs = new Map<string, { document: string; apps: string[] }>();
  let calls = 0;
  let down = false;
  return {
    docs,
    calls: () => calls,
    down: (value: boolean) => (down = value),
    client: {
      async query<T>(_s: string, _q: string, variables?: Readonly<Record<string, unknown>>) {
        calls++;
        if (down) throw new Error('connect ECONNREFUSED');
        const d = docs.get(variables!.sha256 as string);
        return {
          persistedDocument: d && {
            sha256: variables!.sha256,
            document: d.document,
            registrations: d.apps.map((id) => ({ application: { id } })),
          },
        } as T;
      },
    },
  };
}

describe('the gateway’s persisted-document store', () => {
  it('keeps a found document: one registry call however often it runs', async () => {
    const r = registry();
    r.docs.set(H, { document: TEXT, apps: ['service-network'] });
    const store = createPersistedDocumentStore({ client: r.client });
    expect(await store.lookup(H, 'service-network')).toBe(TEXT);
    expect(await store.lookup(H, 'service-network')).toBe(TEXT);
    r.down(true);
    expect(await store.lookup(H, 'service-network')).toBe(TEXT);
    expect(r.calls()).toBe(1);
  });

  it('keeps a miss briefly, and forgets it on request', async () => {
    let now = 0;
    const r = registry();
    const logs: string[] = [];
    const store = createPersistedDocumentStore({
      client: r.client,
      missTtlMs: 1000,
      now: () => now,
      log: (line) => logs.push(line),
    });
    expect(await store.lookup(H, 'service-network')).toBeNull();
    r.docs.set(H, { document: TEXT, apps: ['service-network'] });
    expect(await store.lookup(H, 'service-network')).toBeNull();
    now = 1001;
    expect(await store.lookup(H, 'service-network')).toBe(TEXT);
    const other = 'c'.repeat(64);
    expect(await store.lookup(other, 'service-network')).toBeNull();
    r.docs.set(other, { document: 'x', apps: ['service-network'] });
    store.forgetMisses();
    // The registry's text does not hash to the id: never run.
    expect(await store.lookup(other, 'service-network')).toBeNull();
    expect(logs).toEqual([
      expect.stringMatching(/SECURITY: the registry's text for c{64} does not hash/),
    ]);
  });

  it('does not lend a document to an application it is not registered for, but sees a later registration', async () => {
    let now = 0;
    const r = registry();
    r.docs.set(H, { document: TEXT, apps: ['minimum-living-allowance'] });
    const store = createPersistedDocumentStore({
      client: r.client,
      missTtlMs: 1000,
      now: () => now,
    });
    expect(await store.lookup(H, 'minimum-living-allowance')).toBe(TEXT);
    expect(await store.lookup(H, 'service-network')).toBeNull();
    r.docs.set(H, { document: TEXT, apps: ['minimum-living-allowance', 'service-network'] });
    now = 1001;
    expect(await store.lookup(H, 'service-network')).toBe(TEXT);
  });

  it('evicts the least recently used document when full', async () => {
    const r = registry();
    const texts = ['query A { a }', 'query B { b }', 'query C { c }'];
    for (const t of texts) r.docs.set(sha256Hex(t), { document: t, apps: ['s'] });
    const store = createPersistedDocumentStore({ client: r.client, maxDocuments: 2 });
    for (const t of texts) await store.lookup(sha256Hex(t), 's');
    expect(r.calls()).toBe(3);
    await store.lookup(sha256Hex(texts[2]), 's');
    expect(r.calls()).toBe(3);
    await store.lookup(sha256Hex(texts[0]), 's');
    expect(r.calls()).toBe(4);
  });

  it('shares one registry call between concurrent lookups, and reports the registry down', async () => {
    const r = registry();
    r.docs.set(H, { document: TEXT, apps: ['s'] });
    const store = createPersistedDocumentStore({ client: r.client });
    await Promise.all([store.lookup(H, 's'), store.lookup(H, 's'), store.lookup(H, 's')]);
    expect(r.calls()).toBe(1);
    r.down(true);
    await expect(store.lookup('d'.repeat(64), 's')).rejects.toBeInstanceOf(
      PersistedDocumentsUnavailableError,
    );
  });
});

import { createHash } from 'node:crypto';
import { buildRecordBody, storableText } from '../audit-record';
import { canonicalJson } from '../canonical-json';
import { chainRecord, emptyChain, GENESIS_HASH, isRecordIntact, recordHash } from '../record-chain';
import { documentHash, subjectHash, variablesHash } from '../keyed-hash';
import { uuidV7 } from '../record-id';
import { chainOf, entry, PERSON_A, testKeys } from '../../../test/utils/audit-fixtures';

const keys = testKeys();

describe('buildRecordBody', () => {
  it('stores subjects and variables only as keyed hashes, and the document only as its SHA-256', () => {
    const body = buildRecordBody(entry(1), { instance: 'gw-1', key: keys.hmac, id: 'id-1' });
    const text = JSON.stringify(body);
    expect(text).not.toContain(PERSON_A);
    expect(text).not.toContain('PersonLookup($id');
    expect(body.subjects).toEqual([
      { kind: 'person', hash: subjectHash(keys.hmac, 'person', PERSON_A) },
    ]);
    expect(body.variablesHash).toBe(variablesHash(keys.hmac, { id: PERSON_A }));
    expect(body.documentHash).toBe(
      createHash('sha256').update(entry(1).document!, 'utf8').digest('hex'),
    );
  });

  it("puts a plan's field lists, shared by its requests, in the same canonical form as fresh ones, and keeps them unchangeable", () => {
    // A cached policy plan hands every record the same arrays, unsorted and with repeats.
    const requested = ['Person.phone', 'Person.name', 'Person.phone'];
    const denied = [
      { coordinate: 'Person.address', reason: 'NO_GRANT' },
      { coordinate: 'Household.address', reason: 'NO_GRANT' },
      { coordinate: 'Person.address', reason: 'NO_GRANT' },
    ];
    const shared = { requested, served: requested, masked: [], denied };
    const context = { instance: 'gw', key: keys.hmac, id: 'x' };
    const first = buildRecordBody(entry(5, { fields: shared }), context);
    const second = buildRecordBody(entry(5, { fields: shared }), context);
    const fresh = buildRecordBody(
      entry(5, {
        fields: {
          requested: [...requested],
          served: [...requested],
          masked: [],
          denied: [...denied],
        },
      }),
      context,
    );
    expect(first.fieldsRequested).toEqual(['Person.name', 'Person.phone']);
    expect(first.fieldsDenied).toEqual([denied[1], denied[0]]);
    expect(second).toEqual(first);
    expect(fresh).toEqual(first);
    expect(Object.isFrozen(first.fieldsServed)).toBe(true);
    expect(Object.isFrozen(first.fieldsDenied)).toBe(true);
    // The plan's own arrays are left as they were.
    expect(requested).toEqual(['Person.phone', 'Person.name', 'Person.phone']);
  });

  it('puts sets in one canonical order, so equal requests give equal records', () => {
    const a = buildRecordBody(entry(4, { subgraphs: ['b', 'a', 'b'], errorCodes: ['Y', 'X'] }), {
      instance: 'gw',
      key: keys.hmac,
      id: 'x',
    });
    const b = buildRecordBody(
      entry(4, {
        subgraphs: ['a', 'b'],
        errorCodes: ['X', 'Y'],
        subjects: [...entry(4).subjects!].reverse(),
        caller: { ...entry(4).caller, roles: ['auditor', 'reader', 'reader'] },
      }),
      { instance: 'gw', key: keys.hmac, id: 'x' },
    );
    expect(a).toEqual(b);
    expect(a.subgraphs).toEqual(['a', 'b']);
    expect(a.subjects.map((s) => s.kind)).toEqual(['legal-entity', 'person']);
  });

  it('keeps each subject once, ordered by kind and then by hash', () => {
    const ids = Array.from({ length: 40 }, (_, i) => `32060219900101${String(1000 + i)}`);
    const subjects = [
      ...ids.map((id) => ({ kind: 'person' as const, id })),
      { kind: 'legal-entity' as const, id: '91320602MA1XXXXXX0' },
      ...ids.slice(0, 10).map((id) => ({ kind: 'person' as const, id: id.toLowerCase() })),
    ].reverse();
    const body = buildRecordBody(entry(5, { subjects }), { instance: 'gw', key: keys.hmac });
    const expected = [
      { kind: 'legal-entity', hash: subjectHash(keys.hmac, 'legal-entity', '91320602MA1XXXXXX0') },
      ...ids.map((id) => ({ kind: 'person', hash: subjectHash(keys.hmac, 'person', id) })),
    ].sort((a, b) => (a.kind !== b.kind ? (a.kind < b.kind ? -1 : 1) : a.hash < b.hash ? -1 : 1));
    expect(body.subjects).toEqual(expected);
  });

  it('gives a person one hash however the check character is written, and different kinds different hashes', () => {
    expect(subjectHash(keys.hmac, 'person', '32060219900101123x')).toBe(
      subjectHash(keys.hmac, 'person', ' 32060219900101123X '),
    );
    expect(subjectHash(keys.hmac, 'person', PERSON_A)).not.toBe(
      subjectHash(keys.hmac, 'legal-entity', PERSON_A),
    );
    expect(subjectHash(testKeys().hmac, 'person', PERSON_A)).toBe(
      subjectHash(keys.hmac, 'person', PERSON_A),
    );
  });

  it('depends on the key: without it an ID number cannot be confirmed from the log', () => {
    const other = { secret: Buffer.alloc(32, 8) };
    expect(subjectHash(other, 'person', PERSON_A)).not.toBe(
      subjectHash(keys.hmac, 'person', PERSON_A),
    );
  });

  it('hashes variables independently of key order, and leaves them null when there are none', () => {
    expect(variablesHash(keys.hmac, { a: 1, b: { c: 2.5 } })).toBe(
      variablesHash(keys.hmac, { b: { c: 2.5 }, a: 1 }),
    );
    expect(
      buildRecordBody(entry(1, { variables: {} }), { instance: 'gw', key: keys.hmac })
        .variablesHash,
    ).toBeNull();
  });

  it('cuts over-long text by code points before hashing, never splitting a surrogate pair', () => {
    expect(storableText('😀😀😀', 2)).toBe('😀😀');
    expect(storableText('a\ud800b', 10)).toBe('a\ufffdb');
    const body = buildRecordBody(entry(1, { purpose: '审'.repeat(600) }), {
      instance: 'gw',
      key: keys.hmac,
    });
    expect(Array.from(body.purpose!)).toHaveLength(500);
  });

  it('rejects an unknown outcome or subject kind', () => {
    expect(() =>
      buildRecordBody(entry(1, { outcome: 'fine' as never }), { instance: 'gw', key: keys.hmac }),
    ).toThrow(/outcome/);
    expect(() =>
      buildRecordBody(entry(1, { subjects: [{ kind: 'car' as never, id: 'x' }] }), {
        instance: 'gw',
        key: keys.hmac,
      }),
    ).toThrow(/kind/);
  });

  it('documents are hashed as UTF-8 text', () => {
    expect(documentHash('{ a }')).toBe(
      createHash('sha256').update(Buffer.from('{ a }')).digest('hex'),
    );
  });
});

describe('chainRecord', () => {
  it('numbers records from 1 and links each to its predecessor, the first to the genesis hash', () => {
    const records = chainOf(3, keys);
    expect(records.map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(records[0].prevHash).toBe(GENESIS_HASH);
    expect(records[1].prevHash).toBe(records[0].hash);
    expect(records[2].prevHash).toBe(records[1].hash);
    expect(records.every(isRecordIntact)).toBe(true);
  });

  it('hashes the SHA-256 of the canonical JSON of every property but the hash', () => {
    const [r] = chainOf(1, keys);
    const { hash, ...rest } = r;
    expect(hash).toBe(createHash('sha256').update(canonicalJson(rest), 'utf8').digest('hex'));
  });

  it('changes the hash when any property changes, the chain position included', () => {
    const [r] = chainOf(1, keys);
    for (const change of [
      { department: 'other' },
      { seq: 2 },
      { chain: 'other' },
      { prevHash: '1'.repeat(64) },
      { fieldsServed: [] },
      { subjects: [] },
      { latencyMs: 13 },
    ]) {
      expect(recordHash({ ...r, ...change })).not.toBe(r.hash);
    }
  });

  it('gives the record as JSON text: the canonical text it hashed, with its hash last', () => {
    const body = buildRecordBody(
      entry(2, {
        caller: { department: 'dept "quoted" \\ 民政\u2028', application: 'a\nb' },
        quotaRefusals: [
          {
            grantId: 'g',
            quota: 2,
            day: '2026-12-07',
            coordinates: ['Person.name'],
            subjects: ['h'],
          },
        ],
      }),
      { instance: 'gw', key: keys.hmac },
    );
    const { record, json } = chainRecord(body, emptyChain('c'));
    expect(JSON.parse(json)).toEqual(record);
    const { hash, ...rest } = record;
    expect(json).toBe(`${canonicalJson(rest).slice(0, -1)},"hash":"${hash}"}`);
  });

  it('returns the new head', () => {
    const body = buildRecordBody(entry(1), { instance: 'gw', key: keys.hmac });
    const { record, head } = chainRecord(body, emptyChain('c'));
    expect(head).toEqual({ chain: 'c', seq: 1, hash: record.hash });
  });
});

describe('uuidV7', () => {
  it('is a version-7, variant-1 UUID whose first 48 bits are the time in milliseconds', () => {
    const ms = Date.UTC(2026, 10, 26, 18, 32, 22, 123);
    const id = uuidV7(ms);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(ms);
  });

  it('sorts by time, so primary keys grow at one end', () => {
    const ids = [1_000, 2_000, 1_000_000, 2 ** 40].map((t) => uuidV7(1_700_000_000_000 + t));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(Array.from({ length: 1000 }, () => uuidV7(5))).size).toBe(1000);
  });
});

import fc from 'fast-check';
import { canonicalJson } from '../canonical-json';

describe('canonicalJson', () => {
  it('sorts object keys by UTF-16 code units at every depth and drops whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: null, y: true }], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[3,{"y":true,"z":null}]},"b":1}',
    );
    // Code-unit order puts "Z" before "a" and U+00E9 before U+4E2D before an astral character.
    expect(canonicalJson({ a: 1, Z: 2, 中: 3, é: 4, '😀': 5 })).toBe(
      '{"Z":2,"a":1,"é":4,"中":3,"😀":5}',
    );
  });

  it('gives the same text for the same value built in any key order', () => {
    expect(canonicalJson({ x: 1, y: [1, 2], z: { q: 'r', p: 's' } })).toBe(
      canonicalJson({ z: { p: 's', q: 'r' }, y: [1, 2], x: 1 }),
    );
  });

  it('escapes strings as JSON.stringify does (RFC 8785), keeping non-ASCII literal', () => {
    expect(canonicalJson('a"b\\c\n\u0001中')).toBe('"a\\"b\\\\c\\n\\u0001中"');
    expect(canonicalJson('\ud800')).toBe('"\\ud800"');
  });

  it('keeps array order', () => {
    expect(canonicalJson([3, 1, 2])).toBe('[3,1,2]');
  });

  it('refuses values that would not round-trip exactly', () => {
    expect(() => canonicalJson({ a: 1.5 })).toThrow(/safe integers.*\$\.a/);
    expect(() => canonicalJson({ a: undefined })).toThrow(/undefined at \$\.a/);
    expect(() => canonicalJson(2 ** 53)).toThrow(/safe integers/);
    expect(() => canonicalJson(-0)).toThrow(/-0/);
    expect(() => canonicalJson(new Date(0))).toThrow(/plain objects/);
    expect(() => canonicalJson([NaN])).toThrow();
  });

  it('accepts finite fractional numbers when asked, formatted as ECMAScript does', () => {
    expect(canonicalJson({ lon: 120.89, big: 1e21, tiny: 1e-7 }, { numbers: 'finite' })).toBe(
      '{"big":1e+21,"lon":120.89,"tiny":1e-7}',
    );
    expect(() => canonicalJson(Infinity, { numbers: 'finite' })).toThrow();
  });
});

/** The rules of canonical-json.ts written out plainly, to check its fast way against. */
function reference(value: unknown, finite: boolean): string {
  if (value === null) return 'null';
  if (typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'number') {
    const allowed = finite
      ? Number.isFinite(value)
      : Number.isSafeInteger(value) && !Object.is(value, -0);
    if (!allowed) throw new TypeError('refused number');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    const items: string[] = [];
    for (let i = 0; i < value.length; i++) {
      if (!(i in value)) throw new TypeError('refused hole');
      items.push(reference(value[i], finite));
    }
    return `[${items.join(',')}]`;
  }
  const proto: unknown = typeof value === 'object' ? Object.getPrototypeOf(value) : undefined;
  if (proto === Object.prototype || proto === null) {
    const record = value as Record<string, unknown>;
    const members = Object.keys(record)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${reference(record[k], finite)}`);
    return `{${members.join(',')}}`;
  }
  throw new TypeError('refused value');
}

describe('canonicalJson written as it is where the value allows', () => {
  const leaf = fc.oneof(
    fc.string(),
    fc.string({ unit: 'binary' }),
    fc.boolean(),
    fc.constant(null),
    fc.integer(),
    fc.double(),
    fc.constantFrom(-0, Number.MAX_SAFE_INTEGER + 2, Number.NaN, undefined),
  );
  const value = fc.letrec((tie) => ({
    node: fc.oneof({ depthSize: 'small' }, leaf, tie('array'), tie('object')),
    array: fc.array(tie('node'), { maxLength: 5 }),
    object: fc.dictionary(
      fc.oneof(fc.string({ maxLength: 3 }), fc.constantFrom('10', '9', 'a', 'Z')),
      tie('node'),
      {
        maxKeys: 6,
      },
    ),
  })).node;
  const outcome = (f: () => string) => {
    try {
      return f();
    } catch {
      return 'refused';
    }
  };

  it.each(['integers', 'finite'] as const)(
    'gives the plain rules’ bytes, or refuses what they refuse, for any value (numbers: %s)',
    (numbers) => {
      fc.assert(
        fc.property(value, (v) => {
          expect(outcome(() => canonicalJson(v, { numbers }))).toBe(
            outcome(() => reference(v, numbers === 'finite')),
          );
        }),
        { numRuns: 2000 },
      );
    },
  );

  it('treats a sparse array and a value with a toJSON method like the walk does', () => {
    const sparse: unknown[] = [1];
    sparse[2] = 3;
    expect(() => canonicalJson(sparse)).toThrow();
    const withToJson = { a: 1, toJSON: () => 'replaced' };
    expect(() => canonicalJson(withToJson)).toThrow(/cannot represent function/);
  });
});

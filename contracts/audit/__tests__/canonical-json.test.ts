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

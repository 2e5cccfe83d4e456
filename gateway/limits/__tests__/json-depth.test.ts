import { jsonDepth } from '../json-depth';

describe('the nesting depth of a JSON text', () => {
  it('counts arrays and objects, not brackets inside strings', () => {
    expect(jsonDepth('{"query":"{ a { b } }","variables":{"v":[1,[2]]}}')).toBe(4);
    expect(jsonDepth('"[[[["')).toBe(0);
    expect(jsonDepth('{"a":"\\"[[["}')).toBe(1);
  });

  it('measures 50,000 levels without recursion', () => {
    expect(jsonDepth(`${'['.repeat(50_000)}${']'.repeat(50_000)}`)).toBe(50_000);
  });
});

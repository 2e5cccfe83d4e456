import { countTokens, parseWithinTokens } from '../token-count';

describe('parsing within a token bound', () => {
  it('parses a document within the bound and says how many tokens it had', () => {
    const parsed = parseWithinTokens('{ person(idNumber: "1") { name } }', 100);
    expect(parsed).toMatchObject({ kind: 'parsed', tokens: 11 });
  });

  it('stops at the bound and counts the tokens with the lexer alone', () => {
    const query = `{ ${Array.from({ length: 50 }, (_, i) => `a${i}: name`).join(' ')} }`;
    expect(parseWithinTokens(query, 20)).toEqual({ kind: 'too-many-tokens', tokens: 2 + 50 * 3 });
    expect(countTokens(query)).toBe(152);
  });

  it('leaves a syntax error to Apollo, which reports it as GRAPHQL_PARSE_FAILED', () => {
    expect(parseWithinTokens('{ person(', 100)).toEqual({ kind: 'unparsable' });
  });
});

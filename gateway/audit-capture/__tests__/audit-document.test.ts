import { parse } from 'graphql';
import { auditDocument, hashedVariables, LITERALS_KEY, REDACTED } from '../audit-document';

const ID = '320685199609156438';
const CODE = '91320602MA1M9XYZ3K';
const R = REDACTED;

describe('the document as the audit stores it', () => {
  it('is the text as received when it has no literal', () => {
    const query = 'query P($id: ID!) { person(idNumber: $id) { name } }';
    expect(auditDocument(query)).toEqual({ text: query, literals: [] });
  });

  const cases: [string, string, string, string[]][] = [
    [
      'an ID number as an integer',
      `{ person(idNumber: ${ID.slice(0, 17)}1) { name } }`,
      `{ person(idNumber: ${R}) { name } }`,
      [`${ID.slice(0, 17)}1`],
    ],
    [
      'a string',
      `{ person(idNumber: "${ID}") { name } }`,
      `{ person(idNumber: ${R}) { name } }`,
      [`"${ID}"`],
    ],
    [
      'a block string',
      `{ legalEntity(creditCode: """${CODE}""") { name } }`,
      `{ legalEntity(creditCode: ${R}) { name } }`,
      [`"""${CODE}"""`],
    ],
    [
      'a float and an enum value',
      '{ a(x: 1.5e3, s: ACTIVE, b: true, n: null) }',
      `{ a(x: ${R}, s: ${R}, b: true, n: null) }`,
      ['1.5e3', 'ACTIVE'],
    ],
    [
      'a variable default',
      `query Q($id: ID = ${ID.slice(0, 17)}1, $s: EntityStatus = REVOKED) { a }`,
      `query Q($id: ID = ${R}, $s: EntityStatus = ${R}) { a }`,
      [`${ID.slice(0, 17)}1`, 'REVOKED'],
    ],
    [
      'a directive argument',
      `{ a @tag(id: "${ID}") @include(if: true) }`,
      `{ a @tag(id: ${R}) @include(if: true) }`,
      [`"${ID}"`],
    ],
    [
      'a list and an input object',
      `{ a(ids: [1, "${ID}"], input: { code: """${CODE}""", n: { k: V } }) }`,
      `{ a(ids: [${R}, ${R}], input: { code: ${R}, n: { k: ${R} } }) }`,
      ['1', `"${ID}"`, `"""${CODE}"""`, 'V'],
    ],
    ['a comment', `# for ${ID}\n{ a }`, '#\n{ a }', [`# for ${ID}`]],
    [
      'digits in an alias, operation, fragment and variable name',
      `query Q${ID}($v${ID}: ID) { p${ID}: person(idNumber: $v${ID}) { ...F${ID} } } fragment F${ID} on Person { name }`,
      'query Q_($v_: ID) { p_: person(idNumber: $v_) { ...F_ } } fragment F_ on Person { name }',
      [`Q${ID}`, `v${ID}`, `p${ID}`, `v${ID}`, `F${ID}`, `F${ID}`],
    ],
  ];
  it.each(cases)('redacts %s, keeping the values for the hash', (_, query, text, literals) => {
    const doc = auditDocument(query);
    expect(doc).toEqual({ text, literals });
    expect(() => parse(doc.text)).not.toThrow();
  });

  const invalid: [string, string][] = [
    ['an unterminated string', `{ person(idNumber: "${ID}\n}`],
    [
      'an ID with its check character as a number',
      `{ person(idNumber: 32068519960915643X) { name } }`,
    ],
    ['a syntax error before the literal', `{ person(idNumber: ) x(y: ${ID}) }`],
    ['an enum in an unclosed argument list', `{ a(s: ${CODE}`],
    ['an illegal character before the literal', `{ a(x: ~ "${ID}", y: ${ID}) # ${CODE}`],
    ['a list in a broken operation', `query { a(ids: [${ID}, "${CODE}", ${CODE}]`],
  ];
  it.each(invalid)('redacts a document that does not parse: %s', (_, query) => {
    const doc = auditDocument(query);
    expect(doc.text).not.toMatch(/\d{6}/);
    expect(doc.text).not.toContain(CODE);
    expect(doc.literals.join(' ')).toMatch(/320685|91320602/);
  });

  it('puts the literals into the hashed variables under a key no variable can have', () => {
    expect(hashedVariables({ id: 'x' }, auditDocument('{ a(b: "c") }'))).toEqual({
      id: 'x',
      [LITERALS_KEY]: ['"c"'],
    });
    const variables = { id: 'x' };
    expect(hashedVariables(variables, auditDocument('{ a }'))).toBe(variables);
  });
});

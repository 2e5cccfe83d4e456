import { auditDocument, hashedVariables, LITERALS_KEY } from '../audit-document';

describe('the document as the audit stores it', () => {
  it('is the text as received when it has no string literal', () => {
    const query = 'query P($id: ID!) { person(idNumber: $id) { name } }';
    expect(auditDocument(query)).toEqual({ text: query, literals: [] });
  });

  it('redacts string literals, block strings and unterminated strings, keeping their values for the hash', () => {
    const doc = auditDocument('{ person(idNumber: "320602199001011234") { name } a(x: """blo"ck""", y: "say \\"hi\\"", n: 5, e: ACTIVE) b(z: "unterminated\n}');
    expect(doc.text).toBe('{ person(idNumber: "<redacted>") { name } a(x: "<redacted>", y: "<redacted>", n: 5, e: ACTIVE) b(z: "<redacted>"\n}');
    expect(doc.literals).toEqual(['"320602199001011234"', '"""blo"ck"""', '"say \\"hi\\""', '"unterminated']);
  });

  it('puts the literals into the hashed variables under a key no variable can have', () => {
    expect(hashedVariables({ id: 'x' }, auditDocument('{ a(b: "c") }'))).toEqual({ id: 'x', [LITERALS_KEY]: ['"c"'] });
    const variables = { id: 'x' };
    expect(hashedVariables(variables, auditDocument('{ a }'))).toBe(variables);
  });
});

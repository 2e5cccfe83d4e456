import { buildSchema, parse, print, validate } from 'graphql';
import { doublingDocument } from '../../../test/utils/doubling-documents';
import { subjectKeyRewriter } from '../subject-keys';

const schema = buildSchema(`
  type Query { person(id: ID!): Person, entity(code: ID!): LegalEntity, holder(id: ID!): Holder, node(id: ID!): Node, region: Region }
  interface Node { id: ID! }
  type Person implements Node { id: ID! idNumber: String! name: String! employer: LegalEntity }
  type LegalEntity implements Node { id: ID! creditCode: String! name: String! representative: Person }
  type Region implements Node { id: ID! name: String! }
  union Holder = Person | LegalEntity
`);

const rewrite = subjectKeyRewriter();
const printed = (query: string) => {
  const result = rewrite(schema, parse(query));
  return result ? print(result.document).replace(/\s+/g, ' ') : null;
};

describe("adding the subjects' key fields under reserved aliases", () => {
  it('adds idNumber to a Person selection that did not ask for it', () => {
    expect(printed('{ person(id: "1") { name } }')).toBe(
      '{ person(id: "1") { name _auditIdNumber: idNumber } }',
    );
  });

  it('adds the key to nested subjects of both kinds', () => {
    expect(printed('{ person(id: "1") { employer { name representative { name } } } }')).toBe(
      '{ person(id: "1") { employer { name representative { name _auditIdNumber: idNumber } _auditCreditCode: creditCode } _auditIdNumber: idNumber } }',
    );
  });

  it('adds one inline fragment per subject type on unions and interfaces', () => {
    expect(printed('{ holder(id: "1") { __typename } }')).toBe(
      '{ holder(id: "1") { __typename ... on Person { _auditIdNumber: idNumber } ... on LegalEntity { _auditCreditCode: creditCode } } }',
    );
    expect(printed('{ node(id: "1") { id } }')).toContain(
      '... on Person { _auditIdNumber: idNumber } ... on LegalEntity { _auditCreditCode: creditCode }',
    );
  });

  it('reaches into named fragments and inline fragments', () => {
    const query =
      '{ holder(id: "1") { ...H } } fragment H on Holder { ... on LegalEntity { representative { name } } }';
    expect(printed(query)).toContain(
      'fragment H on Holder { ... on LegalEntity { representative { name _auditIdNumber: idNumber } _auditCreditCode: creditCode } ... on Person',
    );
    expect(validate(schema, rewrite(schema, parse(query))!.document)).toEqual([]);
  });

  it('leaves an operation without subjects alone (null, nothing to strip)', () => {
    expect(rewrite(schema, parse('{ region { name } }'))).toBeNull();
  });

  it('keeps the rewritten document valid, even where the caller already uses the reserved alias', () => {
    const document = parse('{ person(id: "1") { _auditIdNumber: name } }');
    const result = rewrite(schema, document)!;
    expect(validate(schema, result.document)).toEqual([]);
    expect([...result.keys]).toEqual([
      ['_auditIdNumber2', 'person'],
      ['_auditCreditCode', 'legal-entity'],
    ]);
    expect(print(result.document)).toContain('_auditIdNumber2: idNumber');
  });

  it('rewrites each document object once and gives it a plan-cache key of its own', () => {
    const document = parse('{ person(id: "1") { name } }');
    const first = rewrite(schema, document);
    expect(rewrite(schema, document)).toBe(first);
    expect(first!.documentKey).toMatch(/^[0-9a-f]{64}$/);
    expect(rewrite(schema, parse('{ person(id: "2") { name } }'))!.documentKey).not.toBe(
      first!.documentKey,
    );
  });
});

describe('a document whose fragments each spread two others', () => {
  it.each([16, 30, 60])(
    'is rewritten once per definition at %i levels, growing by its key fields only',
    (levels) => {
      const query = doublingDocument({
        levels,
        root: 'person(id: "1")',
        leaves: ['name', 'idNumber'],
        wrap: (s) => `employer { representative { ${s} } }`,
      });
      const result = rewrite(schema, parse(query))!;
      const definitions = parse(query).definitions.length;
      expect(result.document.definitions).toHaveLength(definitions);
      // Each definition gains at most its nested selections' key fields: linear, never per route.
      const added = print(result.document).split('_audit').length - 1;
      expect(added).toBeLessThanOrEqual(3 * definitions);
      expect(validate(schema, result.document)).toEqual([]);
    },
  );
});

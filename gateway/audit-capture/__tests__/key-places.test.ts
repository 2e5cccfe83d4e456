import { buildSchema, execute, ExecutionResult, parse } from 'graphql';
import { doublingDocument } from '../../../test/utils/doubling-documents';
import { stripSubjectKeys } from '../strip-subject-keys';
import { KeyPlaces, keyPlaces, subjectKeyRewriter } from '../subject-keys';

const schema = buildSchema(`
  type Query {
    person(id: ID!): Person
    people: [Person!]!
    entity(code: ID!): LegalEntity
    holder(id: ID!): Holder
    node(id: ID!): Node
    region: Region
  }
  interface Node { id: ID! }
  type Person implements Node {
    id: ID! idNumber: String! name: String! employer: LegalEntity certificates: [Certificate!]!
  }
  type LegalEntity implements Node {
    id: ID! creditCode: String! name: String! representative: Person
  }
  type Certificate { number: String! issuer: Region }
  type Region implements Node { id: ID! name: String! }
  union Holder = Person | LegalEntity
`);

const region = { __typename: 'Region', id: 'r', name: '崇川区' };
const certificates = [
  { number: 'C1', issuer: region },
  { number: 'C2', issuer: null },
];
const entity = (n: number): Record<string, unknown> => ({
  __typename: 'LegalEntity',
  id: `e${n}`,
  creditCode: `91320602MA1XXXXX${n}0`,
  name: `企业${n}`,
  representative: person(n + 100, false),
});
function person(n: number, employed = true): Record<string, unknown> {
  return {
    __typename: 'Person',
    id: `p${n}`,
    idNumber: `3206021990010${String(n).padStart(5, '0')}`,
    name: `人${n}`,
    employer: employed ? entity(n) : null,
    certificates,
  };
}
const root = {
  person: () => person(1),
  people: () => [person(2), person(3), person(4, false)],
  entity: () => entity(5),
  holder: () => entity(6),
  node: () => person(7),
  region: () => region,
};

const rewrite = subjectKeyRewriter();

/** Executes the rewritten operation as the gateway would, then strips it both ways. */
function stripBothWays(query: string) {
  const rewritten = rewrite(schema, parse(query))!;
  const result = execute({ schema, document: rewritten.document, rootValue: root });
  if (result instanceof Promise) throw new Error('synchronous resolvers only');
  return {
    rewritten,
    everywhere: stripSubjectKeys(result as ExecutionResult, rewritten.keys),
    byPlaces: stripSubjectKeys(
      result as ExecutionResult,
      rewritten.keys,
      undefined,
      rewritten.places,
    ),
  };
}

function names(places: KeyPlaces | null): unknown {
  if (!places) return null;
  return Object.fromEntries([...places.children].map(([k, v]) => [k, names(v)]));
}

describe('the places where subject keys can be', () => {
  it('name only the branches that lead to a key', () => {
    const { rewritten } = stripBothWays(
      '{ people { name certificates { number issuer { name } } employer { name } } region { name } }',
    );
    expect(names(rewritten.places)).toEqual({ people: { employer: {} } });
  });

  it('follow named and inline fragments to where they are spread', () => {
    const { rewritten } = stripBothWays(
      '{ holder(id: "1") { ...H } } fragment H on Holder { ... on LegalEntity { boss: representative { ...P } } } fragment P on Person { certificates { number } employer { name } }',
    );
    expect(names(rewritten.places)).toEqual({ holder: { boss: { employer: {} } } });
  });

  it.each([
    '{ people { name certificates { number issuer { name } } employer { name representative { name } } } }',
    '{ person(id: "1") { ...P } entity(code: "5") { representative { ...P } } } fragment P on Person { employer { ... on LegalEntity { name } } certificates { issuer { id } } }',
    '{ holder(id: "1") { __typename ... on LegalEntity { representative { employer { name } } } } node(id: "7") { id } }',
    '{ a: person(id: "1") { name } b: person(id: "1") { employer { name } } region { name } }',
    '{ region { name } people { certificates { number } } }',
  ])('strip the same keys and find the same subjects as a walk of everything: %s', (query) => {
    const { everywhere, byPlaces } = stripBothWays(query);
    expect(byPlaces.result).toEqual(everywhere.result);
    expect(JSON.stringify(byPlaces.result)).not.toContain('_audit');
    expect(byPlaces.subjects).toEqual(everywhere.subjects);
    expect(byPlaces.subjects.length).toBeGreaterThan(0);
  });

  it('leave a branch without keys unread', () => {
    let reads = 0;
    const watched = {
      get number() {
        reads++;
        return 'C9';
      },
      issuer: null,
    };
    const data = {
      people: [{ name: '人', _auditIdNumber: '320602199001011234', certificates: [watched] }],
    };
    const keys = new Map([['_auditIdNumber', 'person' as const]]);
    const places: KeyPlaces = { children: new Map([['people', { children: new Map() }]]) };
    const { result, subjects } = stripSubjectKeys({ data }, keys, undefined, places);
    expect(reads).toBe(0);
    expect(subjects).toEqual([{ kind: 'person', id: '320602199001011234' }]);
    expect(result.data).toEqual({ people: [{ name: '人', certificates: [watched] }] });
  });

  it('are mapped once per fragment and place in a document whose fragments each spread two others', () => {
    const query = doublingDocument({
      levels: 40,
      root: 'person(id: "1")',
      leaves: ['name', 'certificates { number }'],
      wrap: (s) => `employer { representative { ${s} } }`,
    });
    const rewritten = rewrite(schema, parse(query))!;
    let depth = 0;
    for (let p = rewritten.places; p && p.children.size > 0; depth++)
      p =
        p.children.get('person') ?? p.children.get('employer') ?? p.children.get('representative')!;
    // person, then employer and representative once per level: 2^40 routes, 81 places.
    expect(depth).toBe(81);
  });

  it('give up past their budget, and the walk then reads everything', () => {
    const document = parse(
      doublingDocument({ levels: 12, root: 'person(id: "1")', leaves: ['name', 'idNumber'] }),
    );
    expect(keyPlaces(document, new Set(['_auditIdNumber']), 10)).toBeNull();
    expect(keyPlaces(document, new Set(['_auditIdNumber']))).not.toBeNull();
  });
});

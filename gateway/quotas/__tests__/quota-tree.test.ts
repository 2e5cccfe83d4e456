import { parse } from 'graphql';
import { CIVIL, fixtureEngine, grant, grantsOf, NOW } from '../../policy/__tests__/policy-harness';
import { buildQuotaTree, QuotaNode } from '../quota-tree';

const engine = fixtureEngine();
const tree = (query: string, grants = [grant({ subjectQuota: 5, purposes: [CIVIL.purpose!] })]) =>
  buildQuotaTree({
    schema: engine.schema,
    rules: engine.rules,
    document: parse(query),
    operationName: null,
    caller: CIVIL,
    grants: grantsOf(CIVIL.department, grants),
    now: NOW,
  });
const bound = (node: QuotaNode | null | undefined, ...path: string[]): string[] => {
  let n = node;
  for (const step of path.slice(0, -1)) n = n?.entries.get(step)?.children;
  return [...(n?.entries.get(path[path.length - 1])?.grantIds ?? [])];
};

describe('where a response holds data bound by a subject quota', () => {
  it('marks the fields a grant with a quota serves, at their aliases, and nothing unconditional', () => {
    const t = tree('{ p: person(idNumber: "1") { name born: birthDate household { number } } }')!;
    expect(t.quotas).toEqual(new Map([['g-birth', 5]]));
    expect(bound(t.root, 'p', 'born')).toEqual(['g-birth']);
    expect(bound(t.root, 'p', 'name')).toEqual([]);
    expect(bound(t.root, 'p')).toEqual([]);
  });

  it('is null when no grant has a quota, or the operation reaches nothing a quota binds', () => {
    expect(
      tree('{ person(idNumber: "1") { birthDate } }', [grant({ purposes: [CIVIL.purpose!] })]),
    ).toBeNull();
    expect(tree('{ person(idNumber: "1") { name gender } }')).toBeNull();
  });

  it('leaves a field alone that a grant without a quota also serves', () => {
    const t = tree('{ person(idNumber: "1") { birthDate } }', [
      grant({ subjectQuota: 5, purposes: [CIVIL.purpose!] }),
      grant({ id: 'g-open', purposes: [CIVIL.purpose!] }),
    ]);
    expect(t).toBeNull();
  });

  it('masks back, rather than withholds, an unconditional value a grant serves in clear', () => {
    const t = tree('{ person(idNumber: "1") { name } }', [
      grant({
        coordinates: ['Person.name'],
        clear: true,
        subjectQuota: 3,
        purposes: [CIVIL.purpose!],
      }),
    ])!;
    expect(t.root.entries.get('person')!.children!.entries.get('name')).toMatchObject({
      coordinate: 'Person.name',
      mask: 'NAME',
    });
  });

  it('follows fragments and inline fragments to the same places', () => {
    const t = tree(
      'query { household(number: "H1") { members { ...Born } } } fragment Born on Person { ... on Person { birthDate } }',
      [
        grant({
          coordinates: ['Household.*', 'Person.birthDate'],
          subjectQuota: 5,
          purposes: [CIVIL.purpose!],
        }),
      ],
    )!;
    expect(bound(t.root, 'household', 'members')).toEqual(['g-birth']);
    expect(bound(t.root, 'household', 'members', 'birthDate')).toEqual(['g-birth']);
  });
});

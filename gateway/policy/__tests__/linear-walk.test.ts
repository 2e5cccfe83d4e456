/**
 * The policy's walk over a document costs at most linear in the document after fragment
 * de-duplication (CONVENTIONS.md; issue 7): fragments that each spread two others, 60 levels
 * deep (2^60 routes), are walked once per place. Measured by the selections the walk visits and
 * the usages it builds, never by time.
 */
import { parse, visit } from 'graphql';
import { doublingDocument, DoublingOptions } from '../../../test/utils/doubling-documents';
import { collectFieldUsages } from '../field-usage';
import { CIVIL, fixtureEngine, run } from './policy-harness';

const schema = fixtureEngine().schema;

function selectionsIn(query: string): number {
  let n = 0;
  visit(parse(query), {
    Field: () => void n++,
    InlineFragment: () => void n++,
    FragmentSpread: () => void n++,
  });
  return n;
}

function work(options: DoublingOptions) {
  const query = doublingDocument(options);
  const fields = collectFieldUsages(schema, parse(query), null);
  return {
    query,
    selections: selectionsIn(query),
    visited: fields.visited,
    usages: fields.usages.length,
  };
}

const shapes: [string, Omit<DoublingOptions, 'levels'>][] = [
  ['spreads side by side', {}],
  ['spreads inside fields of one place', { wrap: (s) => `household { members { ${s} } }` }],
  [
    'spreads under @include conditions',
    { spreadDirective: '@include(if: $x)', variables: '($x: Boolean = true)' },
  ],
  [
    'spreads of an interface fragment',
    { type: 'Holder', leaves: ['displayName contactPhone', 'displayName'] },
  ],
];

describe.each(shapes)('a document whose fragments each spread two others: %s', (_name, shape) => {
  it.each([16, 30, 60])('is walked in work linear in the document at %i levels', (levels) => {
    const w = work({ ...shape, levels });
    // Each fragment is walked at most once per place and condition variant (at most 5 of them).
    expect(w.visited).toBeLessThanOrEqual(6 * w.selections);
    expect(w.usages).toBeLessThanOrEqual(6 * w.selections);
  });

  it('costs twice the work for twice the levels, not 2^30 times', () => {
    const at30 = work({ ...shape, levels: 30 });
    const at60 = work({ ...shape, levels: 60 });
    expect(at60.visited / at30.visited).toBeLessThan(2.5);
  });
});

describe('a 60-level doubling document through the whole policy', () => {
  it('is planned, rewritten and applied with one denial for the one withheld place', () => {
    const r = run(
      doublingDocument({ levels: 60, root: 'person(idNumber: "32060219900101123X")' }),
      CIVIL,
    );
    expect(r.data).toEqual({ person: { name: '张*', gender: 'MALE', birthDate: null } });
    expect(r.errors).toEqual([
      expect.objectContaining({
        path: ['person', 'birthDate'],
        extensions: expect.objectContaining({ code: 'FORBIDDEN_FIELD' }),
      }),
    ]);
  });

  it('serves nothing below a place whose field nodes are all withheld, though the fragment below was walked once', () => {
    // `household` under A and under B is one place; M is walked below A's only.
    const query = `{ person(idNumber: "32060219900101123X") { ...A ...B } }
      fragment A on Person { household { members { ...M } } }
      fragment B on Person { household { members { ...M } } }
      fragment M on Person { name }`;
    const r = run(query, CIVIL);
    expect(r.data).toEqual({ person: { household: null } });
    expect(r.plan.coordinates.served).not.toContain('Person.name');
  });
});

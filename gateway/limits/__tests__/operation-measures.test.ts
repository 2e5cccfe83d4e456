import { parse } from 'graphql';
import { aliasedDoublingDocument, doublingDocument } from '../../../test/utils/doubling-documents';
import { DEFAULT_OPERATION_LIMITS } from '../limit-settings';
import { measureDocument, SATURATED } from '../operation-measures';
import { apiSchema } from './known-operations';

const schema = apiSchema();
const measure = (query: string) => measureDocument(parse(query), schema, DEFAULT_OPERATION_LIMITS);
const selectionsIn = (query: string) =>
  (query.match(/\.\.\.|[A-Za-z_]\w*\s*(?=[({}\s])/g) ?? []).length;

describe('measuring an operation in one pass', () => {
  it('counts depth, aliases, root fields and selections through fragments and inline fragments', () => {
    const m = measure(`{
      a: person(idNumber: "1") { ...P }
      b: person(idNumber: "2") { ... on Person { name household { number } } }
    }
    fragment P on Person { name n2: name household { number members { name } } }`);
    expect(m).toMatchObject({ depth: 4, aliases: 3, rootFields: 2 });
    // a: person, name, n2, household, number, members, name; b: person, name, household, number.
    expect(m.selections).toBe(11);
  });

  it('counts a fragment’s fields at every place it is spread', () => {
    const m = measure(
      '{ person(idNumber: "1") { ...P ...P } } fragment P on Person { a: name b: name }',
    );
    expect(m.selections).toBe(5);
    expect(m.aliases).toBe(4);
  });

  it('counts root fields inside fragments spread at the root', () => {
    expect(
      measure('{ ...R ...R } fragment R on Query { a: person(idNumber: "1") { name } }').rootFields,
    ).toBe(2);
  });

  it('measures the largest of several operations, and fragments no operation spreads', () => {
    const m = measure(
      'query A { person(idNumber: "1") { name } } query B { x: person(idNumber: "1") { household { number } } } fragment U on Household { members { household { members { name } } } }',
    );
    expect(m.aliases).toBe(1);
    expect(m.depth).toBe(4);
  });

  it('accepts what validation will refuse: unknown fields, unknown fragments, fragment cycles', () => {
    expect(measure('{ nothing { here { ...Missing } } }').depth).toBe(2);
    expect(
      measure(
        '{ person(idNumber: "1") { ...A } } fragment A on Person { ...B name } fragment B on Person { ...A }',
      ).selections,
    ).toBe(2);
  });

  describe.each([16, 30, 60])('fragments that each spread two others, %i levels', (levels) => {
    it('are measured visiting each selection of the document once', () => {
      const query = doublingDocument({ levels });
      const m = measure(query);
      expect(m.visited).toBeLessThanOrEqual(selectionsIn(query));
      // person, then 2^(levels+1) leaf fields under each of the two top fragments.
      expect(m.selections).toBe(Math.min(1 + 2 ** (levels + 2), SATURATED));
    });

    it('with aliased fields too, whose response doubles per level', () => {
      const query = aliasedDoublingDocument(levels);
      const m = measure(query);
      expect(m.visited).toBeLessThanOrEqual(selectionsIn(query));
      expect(m.aliases).toBeGreaterThan(DEFAULT_OPERATION_LIMITS.maxAliases);
      expect(m.depth).toBe(2 * levels + 2);
    });
  });
});

describe('the estimated cost', () => {
  it('is 1 per object and 0 per scalar', () => {
    expect(measure('{ person(idNumber: "1") { name household { number } } }').cost).toBe(2);
  });

  it('multiplies a connection’s lists by its `first`', () => {
    expect(measure('{ people(regionCode: "1", first: 50) { nodes { name } } }').cost).toBe(1 + 50);
    expect(
      measure(
        '{ people(regionCode: "1", first: 50) { ...N } } fragment N on PersonConnection { nodes { name } }',
      ).cost,
    ).toBe(1 + 50);
  });

  it('takes the schema’s default page when `first` is not given', () => {
    const d = schema
      .getQueryType()!
      .getFields()
      .people.args.find((a) => a.name === 'first')!.defaultValue as number;
    expect(measure('{ people(regionCode: "1") { nodes { name } } }').cost).toBe(1 + d);
  });

  it('assumes the largest page for `first: $variable`', () => {
    expect(
      measure('query ($n: Int!) { people(regionCode: "1", first: $n) { nodes { name } } }').cost,
    ).toBe(1 + DEFAULT_OPERATION_LIMITS.maxListSize);
  });

  it('multiplies nested lists down the tree, unsized lists by the default size', () => {
    const size = DEFAULT_OPERATION_LIMITS.defaultListSize;
    expect(
      measure('{ people(regionCode: "1", first: 20) { nodes { household { members { name } } } } }')
        .cost,
    ).toBe(1 + 20 * (1 + 1 + size));
  });

  it('weighs a mutation’s root field 10', () => {
    expect(
      measure('mutation { setApplicationStatus(id: "1", status: ACTIVE) { id } }').cost,
    ).toBeGreaterThanOrEqual(10);
  });
});

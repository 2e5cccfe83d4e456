import { parse } from 'graphql';
import { collectFieldUsages, FieldUsage, isIncluded } from '../field-usage';
import { fixtureEngine } from './policy-harness';

const schema = fixtureEngine().schema;

function usages(query: string, operationName: string | null = null): FieldUsage[] {
  return [...collectFieldUsages(schema, parse(query), operationName).usages];
}

const summary = (u: FieldUsage) => ({
  path: u.path.join('.'),
  coordinates: u.coordinates,
  onTypes: u.onTypes && [...u.onTypes].sort(),
});

describe('collectFieldUsages', () => {
  it('collects every field with its coordinate and response path', () => {
    expect(usages('{ person(idNumber: "1") { name birthDate } }').map(summary)).toEqual([
      { path: 'person', coordinates: ['Query.person'], onTypes: null },
      { path: 'person.name', coordinates: ['Person.name'], onTypes: null },
      { path: 'person.birthDate', coordinates: ['Person.birthDate'], onTypes: null },
    ]);
  });

  it('follows aliases in the path and keeps the field’s coordinate', () => {
    expect(usages('{ p: person(idNumber: "1") { born: birthDate } }').map(summary)).toEqual([
      { path: 'p', coordinates: ['Query.person'], onTypes: null },
      { path: 'p.born', coordinates: ['Person.birthDate'], onTypes: null },
    ]);
  });

  it('walks a named fragment at each place it is spread, with the same field node', () => {
    const found = usages(
      '{ a: person(idNumber: "1") { ...F } b: person(idNumber: "2") { ...F } } fragment F on Person { birthDate }',
    );
    const birth = found.filter((u) => u.coordinate === 'Person.birthDate');
    expect(birth.map((u) => u.path.join('.'))).toEqual(['a.birthDate', 'b.birthDate']);
    expect(birth[0].node).toBe(birth[1].node);
  });

  it('decides a field on an interface by the interface field and every implementation', () => {
    const [, contact] = usages('{ holder(id: "1") { contactPhone } }');
    expect(contact.coordinates).toEqual([
      'Holder.contactPhone',
      'Household.contactPhone',
      'Person.contactPhone',
    ]);
    expect(contact.onTypes).toBeNull();
  });

  it('narrows an inline fragment on an interface to its type', () => {
    const [, contact] = usages('{ holder(id: "1") { ... on Household { contactPhone } } }');
    expect(summary(contact)).toEqual({
      path: 'holder.contactPhone',
      coordinates: ['Household.contactPhone'],
      onTypes: ['Household'],
    });
  });

  it('narrows an interface fragment spread where only one implementation can be', () => {
    const [, contact] = usages(
      '{ person(idNumber: "1") { ...H } } fragment H on Holder { contactPhone }',
    );
    expect(contact.coordinates).toEqual(['Holder.contactPhone', 'Person.contactPhone']);
    expect(contact.onTypes).toBeNull();
  });

  it('applies fields inside a union member’s fragment to that member only', () => {
    expect(
      usages('{ search(text: "张") { ... on Person { name } ... on Household { address } } }')
        .slice(1)
        .map(summary),
    ).toEqual([
      { path: 'search.name', coordinates: ['Person.name'], onTypes: ['Person'] },
      { path: 'search.address', coordinates: ['Household.address'], onTypes: ['Household'] },
    ]);
  });

  it('counts fields under @include and @skip and records the conditions for the response', () => {
    const [, , phone] = usages(
      'query ($x: Boolean = false) { person(idNumber: "1") { name ... @include(if: $x) { phone @skip(if: false) } } }',
    );
    expect(phone.coordinate).toBe('Person.phone');
    expect(phone.conditions).toEqual([
      { directive: 'include', value: { variable: 'x' } },
      { directive: 'skip', value: false },
    ]);
    expect(isIncluded(phone.conditions, {}, { x: false })).toBe(false);
    expect(isIncluded(phone.conditions, { x: true }, { x: false })).toBe(true);
  });

  it('follows entity joins across subgraphs like any nested field', () => {
    expect(
      usages('{ person(idNumber: "1") { firms { site { location { latitude } } } } }').map(
        (u) => u.coordinate,
      ),
    ).toEqual(['Query.person', 'Person.firms', 'Firm.site', 'Site.location', 'GeoPoint.latitude']);
  });

  it('records the non-null shape of each field for null propagation', () => {
    const [people, name, household] = usages(
      '{ people(regionCode: "320602") { name household { number } } }',
    );
    expect(people.nonNull).toEqual([true, true]);
    expect(name.nonNull).toEqual([true]);
    expect(household.nonNull).toEqual([false]);
  });

  it('ignores __typename and introspection, which name no data', () => {
    expect(
      usages('{ __typename __schema { types { name } } person(idNumber: "1") { __typename } }').map(
        (u) => u.coordinate,
      ),
    ).toEqual(['Query.person']);
  });

  it('walks only the named operation', () => {
    const query =
      'query A { person(idNumber: "1") { name } } query B { household(number: "1") { number } }';
    expect(usages(query, 'B').map((u) => u.coordinate)).toEqual([
      'Query.household',
      'Household.number',
    ]);
    expect(() => usages(query, 'C')).toThrow('Unknown operation "C"');
  });

  it('refuses the alias the policy reserves for its own __typename', () => {
    expect(() => usages('{ person(idNumber: "1") { _sharingPolicyTypename: name } }')).toThrow(
      /reserved/,
    );
  });

  it('refuses a fragment cycle instead of looping', () => {
    expect(() =>
      usages(
        '{ person(idNumber: "1") { ...A } } fragment A on Person { ...B } fragment B on Person { ...A }',
      ),
    ).toThrow(/within itself/);
  });
});

import { FieldNode, parse, print, SelectionSetNode, validate } from 'graphql';
import { collectFieldUsages } from '../field-usage';
import { rewriteOperation } from '../operation-rewrite';
import { fixtureEngine } from './policy-harness';

const schema = fixtureEngine().schema;

/** Rewrites `query` withholding the given coordinates (as selected) and probing the selection sets of the given paths. */
function rewrite(
  query: string,
  withhold: string[],
  probePaths: string[] = [],
  operationName: string | null = null,
) {
  const document = parse(query);
  const fields = collectFieldUsages(schema, document, operationName);
  const withheld = new Set<FieldNode>(
    fields.usages.filter((u) => withhold.includes(u.coordinate)).map((u) => u.node),
  );
  const probed = new Set<SelectionSetNode>(
    fields.usages
      .filter((u) => probePaths.includes(u.path.join('.')))
      .map((u) => u.node.selectionSet!),
  );
  const out = rewriteOperation({
    document,
    operation: fields.operation,
    fragments: fields.fragments,
    withheld,
    probed,
  });
  return {
    document,
    out,
    text: print(out).replace(/\s+/g, ' ').trim(),
    errors: validate(schema, out),
  };
}

describe('rewriteOperation', () => {
  it('removes a withheld field so no subgraph receives it', () => {
    const { text, errors } = rewrite('{ person(idNumber: "1") { name birthDate } }', [
      'Person.birthDate',
    ]);
    expect(text).toBe('{ person(idNumber: "1") { name } }');
    expect(errors).toEqual([]);
  });

  it('removes it from a named fragment, for every place the fragment is spread', () => {
    const { text, errors } = rewrite(
      '{ a: person(idNumber: "1") { ...F } b: person(idNumber: "2") { ...F } } fragment F on Person { name birthDate }',
      ['Person.birthDate'],
    );
    expect(text).toBe(
      '{ a: person(idNumber: "1") { ...F } b: person(idNumber: "2") { ...F } } fragment F on Person { name }',
    );
    expect(errors).toEqual([]);
  });

  it('fills a selection set left empty with the policy’s __typename probe', () => {
    const { text, errors } = rewrite('{ person(idNumber: "1") { ... on Person { birthDate } } }', [
      'Person.birthDate',
    ]);
    expect(text).toBe(
      '{ person(idNumber: "1") { ... on Person { _sharingPolicyTypename: __typename } } }',
    );
    expect(errors).toEqual([]);
  });

  it('still yields a valid document when every root field is withheld', () => {
    const { text, errors } = rewrite('query Q { people(regionCode: "320602") { name } }', [
      'Query.people',
    ]);
    expect(text).toBe('query Q { _sharingPolicyTypename: __typename }');
    expect(errors).toEqual([]);
  });

  it('drops fragments and variables only the withheld fields used', () => {
    const { text, errors } = rewrite(
      'query ($r: ID!, $id: ID!) { person(idNumber: $id) { name } people(regionCode: $r) { ...P } } fragment P on Person { name }',
      ['Query.people'],
    );
    expect(text).toBe('query ($id: ID!) { person(idNumber: $id) { name } }');
    expect(errors).toEqual([]);
  });

  it('keeps @include and @skip on what remains', () => {
    const { text } = rewrite(
      'query ($x: Boolean!) { person(idNumber: "1") { name @include(if: $x) birthDate @skip(if: $x) } }',
      ['Person.birthDate'],
    );
    expect(text).toBe('query ($x: Boolean!) { person(idNumber: "1") { name @include(if: $x) } }');
  });

  it('keeps only the executed operation', () => {
    const { text, errors } = rewrite(
      'query A { person(idNumber: "1") { name birthDate } } query B { household(number: "1") { number } }',
      ['Person.birthDate'],
      [],
      'A',
    );
    expect(text).toBe('query A { person(idNumber: "1") { name } }');
    expect(errors).toEqual([]);
  });

  it('adds the probe where the response patch must tell runtime types apart', () => {
    const { text, errors } = rewrite(
      '{ search(text: "张") { ... on Person { name } } }',
      [],
      ['search'],
    );
    expect(text).toBe(
      '{ search(text: "张") { ... on Person { name } _sharingPolicyTypename: __typename } }',
    );
    expect(errors).toEqual([]);
  });

  it('returns the very same document when nothing changes, so caches keyed on it keep working', () => {
    const { document, out } = rewrite('{ person(idNumber: "1") { name } }', []);
    expect(out).toBe(document);
  });
});

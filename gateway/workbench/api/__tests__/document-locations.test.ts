import { getOperationAST, parse } from 'graphql';
import { locateResponsePaths } from '../document-locations';

function locate(query: string, paths: string[][]) {
  const document = parse(query);
  return locateResponsePaths(document, getOperationAST(document)!, paths);
}

describe('finding where a response path was selected', () => {
  it('follows aliases, named fragments and inline fragments, and reports every selecting node', () => {
    const query = [
      'query Q($id: ID!) {',
      '  p: person(idNumber: $id) {',
      '    phone',
      '    ...Contact',
      '    ... on Person { phone }',
      '  }',
      '}',
      'fragment Contact on Person {',
      '  phone',
      '  name',
      '}',
    ].join('\n');
    const found = locate(query, [['p', 'phone'], ['p', 'name'], ['person', 'phone'], ['p']]);
    expect(found.get('p.phone')).toEqual([
      { line: 3, column: 5 },
      { line: 5, column: 21 },
      { line: 9, column: 3 },
    ]);
    expect(found.get('p.name')).toEqual([{ line: 10, column: 3 }]);
    // The response key is the alias: `person` is not a path of this response.
    expect(found.get('person.phone')).toEqual([]);
    expect(found.get('p')).toEqual([{ line: 2, column: 3 }]);
  });

  it('counts lines as GraphQL does (CRLF, LF, CR)', () => {
    const found = locate('{\r\n  a {\r    b\n  }\r\n}', [['a', 'b']]);
    expect(found.get('a.b')).toEqual([{ line: 3, column: 5 }]);
  });

  it('walks a fragment spread at many places once per place in the path, so a fragment bomb stays cheap', () => {
    // Each fragment spreads the next twice: 2^40 expanded selections, 40 fragments to walk.
    const levels = 40;
    const fragments = Array.from(
      { length: levels },
      (_, i) => `fragment F${i} on Person { ...F${i + 1} ...F${i + 1} }`,
    );
    fragments.push(`fragment F${levels} on Person { phone }`);
    const query = `{ person(idNumber: "x") { ...F0 } }\n${fragments.join('\n')}`;
    const started = Date.now();
    const found = locate(query, [['person', 'phone']]);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(found.get('person.phone')).toHaveLength(1);
  });
});

import { getOperationAST, parse } from 'graphql';
import { resultRows, TooManyRows } from '../result-rows';
import { selectionOrder } from '../selection-order';

const orderOf = (query: string) => {
  const document = parse(query);
  return selectionOrder(document, getOperationAST(document)!);
};

describe('flattening a result into rows', () => {
  it('names columns by response path and repeats parent values on each innermost list item', () => {
    const data = {
      people: {
        totalCount: 2,
        nodes: [
          { name: '张*', certificates: [{ number: 'A1' }, { number: 'A2' }] },
          { name: '李*', certificates: [{ number: 'B1' }] },
        ],
      },
    };
    expect(resultRows(data, 100)).toEqual({
      columns: ['people.totalCount', 'people.nodes.name', 'people.nodes.certificates.number'],
      rows: [
        [2, '张*', 'A1'],
        [2, '张*', 'A2'],
        [2, '李*', 'B1'],
      ],
    });
  });

  it('keeps aliases as the caller named them, and two aliased roots side by side', () => {
    const data = { a: { name: 'x' }, b: { name: 'y' } };
    expect(resultRows(data, 10)).toEqual({ columns: ['a.name', 'b.name'], rows: [['x', 'y']] });
  });

  it('gives sibling lists rows of their own instead of multiplying them', () => {
    const data = {
      person: {
        name: 'n',
        certificates: [{ number: 'c1' }, { number: 'c2' }],
        creditRecords: [{ id: 'r1' }, { id: 'r2' }, { id: 'r3' }],
      },
    };
    const table = resultRows(data, 100);
    expect(table.columns).toEqual([
      'person.name',
      'person.certificates.number',
      'person.creditRecords.id',
    ]);
    expect(table.rows).toEqual([
      ['n', 'c1', null],
      ['n', 'c2', null],
      ['n', null, 'r1'],
      ['n', null, 'r2'],
      ['n', null, 'r3'],
    ]);
  });

  it('leaves withheld and null fields empty, keeps a late-seen object in its place, and one row for an object with empty lists', () => {
    const data = {
      people: [
        { name: 'a', phone: null, residence: null, certificates: [] },
        { name: 'b', phone: null, residence: { county: 'X' }, certificates: [] },
      ],
      total: 2,
    };
    const table = resultRows(data, 100);
    expect(table.columns).toEqual([
      'people.name',
      'people.phone',
      'people.residence.county',
      'people.certificates',
      'total',
    ]);
    expect(table.rows).toEqual([
      ['a', null, null, null, 2],
      ['b', null, 'X', null, 2],
    ]);
    // Nothing in a list at all: the parent values still make a row.
    expect(resultRows({ people: { totalCount: 0, nodes: [] } }, 10)).toEqual({
      columns: ['people.totalCount', 'people.nodes'],
      rows: [[0, null]],
    });
  });

  it('joins a list of scalars into one cell and keeps numbers and booleans as they are', () => {
    const data = {
      me: { roles: ['a', 'b'], purposes: [], ok: true, n: 3, nested: [['x'], ['y']] },
    };
    expect(resultRows(data, 10)).toEqual({
      columns: ['me.roles', 'me.purposes', 'me.ok', 'me.n', 'me.nested'],
      rows: [['a; b', null, true, 3, 'x; y']],
    });
  });

  it('flattens lists of lists and skips null items', () => {
    const data = { grid: [[{ v: 1 }, null], [{ v: 2 }]] };
    expect(resultRows(data, 10)).toEqual({ columns: ['grid.v'], rows: [[1], [2]] });
  });

  it('stops past the row bound, also inside a nested list', () => {
    const items = Array.from({ length: 6 }, (_, i) => ({ i }));
    expect(resultRows({ items }, 6).rows).toHaveLength(6);
    expect(() => resultRows({ items }, 5)).toThrow(TooManyRows);
    expect(() => resultRows({ outer: [{ inner: items }] }, 5)).toThrow(TooManyRows);
    // Two sibling lists within the bound each, over it together.
    expect(() => resultRows({ a: items.slice(0, 4), b: items.slice(0, 4) }, 5)).toThrow(
      TooManyRows,
    );
  });

  it('follows the selection, through fragments, where the response puts a withheld null last', () => {
    const order = orderOf(`{
      person(idNumber: "x") { idNumber ...Contact certificates { typeName ... on Certificate { status } } }
    }
    fragment Contact on Person { phone name }`);
    // As the policy leaves it: the withheld phone put in after the served fields.
    const data = {
      person: {
        idNumber: '3206',
        name: '张*',
        certificates: [{ typeName: 't', status: 'VALID' }],
        phone: null,
      },
    };
    expect(resultRows(data, 10, order).columns).toEqual([
      'person.idNumber',
      'person.phone',
      'person.name',
      'person.certificates.typeName',
      'person.certificates.status',
    ]);
    expect(resultRows(data, 10, order).rows).toEqual([['3206', null, '张*', 't', 'VALID']]);
    // A fragment bomb costs the order one walk per fragment.
    const levels = 40;
    const bomb = [
      '{ person(idNumber: "x") { ...F0 } }',
      ...Array.from(
        { length: levels },
        (_, i) => `fragment F${i} on Person { ...F${i + 1} ...F${i + 1} }`,
      ),
      `fragment F${levels} on Person { phone }`,
    ].join('\n');
    expect([...orderOf(bomb).children.get('person')!.children.keys()]).toEqual(['phone']);
  });

  it('has no rows for no data', () => {
    expect(resultRows(null, 10)).toEqual({ columns: [], rows: [] });
  });
});

import { subjectsFromResult } from '../subjects-from-result';

describe('subjectsFromResult', () => {
  it('finds people and legal entities by __typename and key field, at any depth and in lists', () => {
    const data = {
      person: {
        __typename: 'Person',
        idNumber: '320602199001011234',
        name: '张三',
        household: { members: [{ __typename: 'Person', idNumber: '32060219920202456X' }] },
      },
      search: {
        nodes: [
          {
            __typename: 'LegalEntity',
            creditCode: '91320602MA1XXXXXX0',
            legalRepresentative: { __typename: 'Person', idNumber: '320602198001018888' },
          },
        ],
      },
    };
    expect(subjectsFromResult(data)).toEqual([
      { kind: 'person', id: '320602199001011234' },
      { kind: 'person', id: '32060219920202456X' },
      { kind: 'legal-entity', id: '91320602MA1XXXXXX0' },
      { kind: 'person', id: '320602198001018888' },
    ]);
  });

  it('records each subject once, however often it was returned', () => {
    const p = { __typename: 'Person', idNumber: '32060219920202456x' };
    expect(
      subjectsFromResult({ a: p, b: [p, { ...p, idNumber: '32060219920202456X' }] }),
    ).toHaveLength(1);
  });

  it('ignores identifiers outside typed positions: untyped objects, other types, plain strings', () => {
    const data = {
      echo: '320602199001011234',
      untyped: { idNumber: '320602199001011234' },
      licence: { __typename: 'Licence', idNumber: '320602199001011234', holderName: 'x' },
    };
    expect(subjectsFromResult(data)).toEqual([]);
  });

  it('skips masked values, which identify nobody', () => {
    expect(subjectsFromResult({ __typename: 'Person', idNumber: '320602********1234' })).toEqual(
      [],
    );
  });

  it('accepts a hint map for other types and for keys fetched under an alias', () => {
    const hints = {
      Person: 'idNumber',
      Enterprise: {
        field: 'creditCode',
        kind: 'legal-entity' as const,
        responseKeys: ['_auditKey'],
      },
    };
    const data = {
      e: { __typename: 'Enterprise', _auditKey: '91320602MA1XXXXXX0' },
      p: { __typename: 'Person', idNumber: '320602199001011234' },
    };
    expect(subjectsFromResult(data, hints)).toEqual([
      { kind: 'legal-entity', id: '91320602MA1XXXXXX0' },
      { kind: 'person', id: '320602199001011234' },
    ]);
    expect(() => subjectsFromResult(data, { Car: 'plate' })).toThrow(/which kind/);
  });

  it('handles null data and very deep responses', () => {
    expect(subjectsFromResult(null)).toEqual([]);
    let deep: Record<string, unknown> = { __typename: 'Person', idNumber: '320602199001011234' };
    for (let i = 0; i < 100_000; i++) deep = { next: deep };
    expect(subjectsFromResult(deep)).toHaveLength(1);
  });
});

import { GraphQLError } from 'graphql';
import { stripSubjectKeys } from '../strip-subject-keys';

const keys = new Map([
  ['_auditIdNumber', 'person' as const],
  ['_auditCreditCode', 'legal-entity' as const],
]);

describe("taking the audit's subject keys out of a result", () => {
  it('removes every key, keeps the rest, and names each subject once', () => {
    const data = {
      entity: {
        name: 'A',
        _auditCreditCode: '91320602MA1XXXXXX0',
        representative: { name: '张*', _auditIdNumber: '320602199001011234' },
      },
      people: [
        { name: 'x', _auditIdNumber: '320602199001011234' },
        { name: 'y', _auditIdNumber: '32060219900101567x' },
      ],
      untouched: { list: [1, 2] },
    };
    const { result, subjects } = stripSubjectKeys({ data }, keys);
    expect(result.data).toEqual({
      entity: { name: 'A', representative: { name: '张*' } },
      people: [{ name: 'x' }, { name: 'y' }],
      untouched: { list: [1, 2] },
    });
    expect(JSON.stringify(result)).not.toContain('_audit');
    expect(subjects).toEqual([
      { kind: 'legal-entity', id: '91320602MA1XXXXXX0' },
      { kind: 'person', id: '320602199001011234' },
      { kind: 'person', id: '32060219900101567x' },
    ]);
    // Copied along the changed branches only; the executor's objects are left as they were.
    expect(data.people[0]).toHaveProperty('_auditIdNumber');
    expect((result.data as typeof data).untouched).toBe(data.untouched);
  });

  it('keeps a member a caller aliased __proto__ as a member, before and after the key', () => {
    const person = JSON.parse(
      '{"__proto__": {"number": "H1"}, "_auditIdNumber": "320602199001011234", "constructor": "x"}',
    ) as Record<string, unknown>;
    const { result } = stripSubjectKeys({ data: { person } }, keys);
    const stripped = (result.data as { person: object }).person;
    expect(Object.keys(stripped)).toEqual(['__proto__', 'constructor']);
    expect(JSON.stringify(stripped)).toBe('{"__proto__":{"number":"H1"},"constructor":"x"}');
    expect('number' in stripped).toBe(false);
  });

  it('returns the same result object when there is nothing to take out', () => {
    const input = { data: { region: { name: 'Chongchuan' } } };
    expect(stripSubjectKeys(input, keys).result).toBe(input);
  });

  it('skips masked and empty keys: they identify nobody', () => {
    const { subjects } = stripSubjectKeys(
      {
        data: {
          a: { _auditIdNumber: '320602********1234' },
          b: { _auditIdNumber: '' },
          c: { _auditIdNumber: null },
        },
      },
      keys,
    );
    expect(subjects).toEqual([]);
  });

  it("drops errors about the audit-only fields, keeps the caller's", () => {
    const mine = new GraphQLError('boom', { path: ['person', 'name'] });
    const theirs = new GraphQLError('key failed', { path: ['person', '_auditIdNumber'] });
    const { result } = stripSubjectKeys(
      { data: { person: { name: null, _auditIdNumber: null } }, errors: [mine, theirs] },
      keys,
    );
    expect(result.errors).toEqual([mine]);
  });
});

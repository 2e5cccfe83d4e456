import { coversItem, splitItemsByOwner } from '../requested-items';
import { testCatalogue } from './sharing-fixture';

const catalogue = testCatalogue();
const split = (items: string[], clear = false, applicant = 'civil-affairs') =>
  splitItemsByOwner(items, clear, applicant, catalogue);
const owners = (items: string[], clear = false, applicant = 'civil-affairs') => {
  const outcome = split(items, clear, applicant);
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems));
  return Object.fromEntries(outcome.byOwner);
};

describe('splitItemsByOwner', () => {
  it('sends each conditional field to the department owning its subgraph', () => {
    expect(
      owners(['Person.phone', 'Person.enterprises', 'LegalEntity.paidInCapital', 'Query.people']),
    ).toEqual({
      'market-regulation': ['LegalEntity.paidInCapital', 'Person.enterprises'],
      'public-security': ['Person.phone', 'Query.people'],
    });
  });

  it('keeps Type.* whole when one owner serves every field that needs a grant', () => {
    expect(owners(['Household.*'])).toEqual({ 'public-security': ['Household.*'] });
  });

  it('spells out Type.* per owner when several owners serve its fields', () => {
    expect(owners(['Person.*'])).toEqual({
      'market-regulation': ['Person.enterprises'],
      'public-security': ['Person.birthDate', 'Person.ethnicity', 'Person.phone'],
    });
  });

  it('with clear values, includes masked unconditional fields and asks every owner that serves them', () => {
    expect(owners(['Person.idNumber', 'Person.name'], true)).toEqual({
      'market-regulation': ['Person.idNumber'],
      'public-security': ['Person.idNumber', 'Person.name'],
    });
  });

  it('drops a field already covered by its type for the same owner, and repeats', () => {
    expect(owners(['Household.address', 'Household.*', 'Household.*'])).toEqual({
      'public-security': ['Household.*'],
    });
  });

  it("leaves out the applicant's own copy of a field served by several owners", () => {
    expect(owners(['Person.idNumber'], true, 'public-security')).toEqual({
      'market-regulation': ['Person.idNumber'],
    });
  });

  it('reports every problem at once, each naming its item', () => {
    const outcome = split([
      'Person.phone',
      'Person.nope',
      'Person.policeNote',
      'LegalEntity.name',
      'bad',
    ]);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.problems.map((p) => [p.coordinate, p.problem])).toEqual([
      ['Person.nope', 'UNKNOWN'],
      ['Person.policeNote', 'NOT_SHARED'],
      ['LegalEntity.name', 'NEEDS_NO_APPLICATION'],
      ['bad', 'FORMAT'],
    ]);
    expect(outcome.problems.every((p) => p.message.includes(p.coordinate))).toBe(true);
  });

  it('refuses an owner applying for its own data', () => {
    const outcome = split(['Household.*'], false, 'public-security');
    expect(outcome.ok ? null : outcome.problems[0].problem).toBe('OWN_DATA');
  });
});

describe('coversItem', () => {
  it.each([
    [['Person.phone'], 'Person.phone', true],
    [['Person.*'], 'Person.phone', true],
    [['Person.*'], 'Household.address', false],
    [['Person.phone'], 'Person.birthDate', false],
    [['Person.phone'], 'Person.*', false],
  ])('%j covers %s: %s', (items, coordinate, expected) => {
    expect(coversItem(items, coordinate)).toBe(expected);
  });
});

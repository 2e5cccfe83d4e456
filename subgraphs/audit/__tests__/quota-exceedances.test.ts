import { aggregateExceedances, RefusalRow } from '../quota-exceedances';
import { supervisedOwner } from '../supervision-rules';

const ownerOf = (c: string) =>
  c.startsWith('Person.') || c.startsWith('Household.')
    ? 'public-security'
    : c.startsWith('LegalEntity.')
      ? 'market-regulation'
      : null;
const refusal = (
  grantId: string,
  subjects: string[],
  coordinates = ['Person.birthDate'],
  quota = 5,
  day = '2025-06-01',
) => ({ grantId, quota, day, coordinates, subjects });
const row = (
  time: string,
  refusals: unknown[],
  department = 'civil-affairs',
  application: string | null = 'relief',
): RefusalRow => ({ time, department, application, quota_refusals: JSON.stringify(refusals) });

describe('subject quota exceedances from the audit records', () => {
  it('counts the distinct subjects refused per day, application and grant: how far over', () => {
    const rows = [
      row('2025-06-01 01:00:00.000', [refusal('g1', ['person:a', 'person:b'])]),
      row('2025-06-01 02:00:00.000', [
        refusal('g1', ['person:b', 'person:c'], ['Household.address']),
      ]),
      row('2025-06-01 02:30:00.000', [
        refusal('g2', ['legal-entity:x'], ['LegalEntity.contactPhone'], 3),
      ]),
    ];
    expect(aggregateExceedances(rows, ownerOf, null)).toEqual([
      expect.objectContaining({
        day: '2025-06-01',
        department: 'civil-affairs',
        application: 'relief',
        grantId: 'g1',
        owner: 'public-security',
        quota: 5,
        subjectsRefused: 3,
        requests: 2,
        coordinates: ['Household.address', 'Person.birthDate'],
        firstTime: '2025-06-01 01:00:00.000',
        lastTime: '2025-06-01 02:00:00.000',
      }),
      expect.objectContaining({
        grantId: 'g2',
        owner: 'market-regulation',
        quota: 3,
        subjectsRefused: 1,
        requests: 1,
      }),
    ]);
  });

  it("keeps an owner's grants only, when asked for one owner", () => {
    const rows = [
      row('2025-06-01 01:00:00.000', [
        refusal('g1', ['person:a']),
        refusal('g2', ['legal-entity:x'], ['LegalEntity.contactPhone']),
      ]),
    ];
    expect(aggregateExceedances(rows, ownerOf, 'market-regulation').map((e) => e.grantId)).toEqual([
      'g2',
    ]);
  });

  it('skips a record whose refusals cannot be read rather than failing the reading', () => {
    expect(
      aggregateExceedances(
        [
          {
            time: '2025-06-01 01:00:00.000',
            department: 'tax',
            application: null,
            quota_refusals: 'not json',
          },
        ],
        ownerOf,
        null,
      ),
    ).toEqual([]);
  });
});

describe("who sees the supervisors' findings", () => {
  const caller = (department: string) => ({
    department,
    application: null,
    operator: null,
    purpose: null,
    roles: [],
  });
  it.each([
    ["the big data bureau, everyone's", 'big-data-bureau', null, { owner: null }],
    [
      "the big data bureau, one owner's",
      'big-data-bureau',
      'public-security',
      { owner: 'public-security' },
    ],
    ['an owner, its own', 'public-security', null, { owner: 'public-security' }],
    ['an owner naming itself', 'public-security', 'public-security', { owner: 'public-security' }],
  ])('allows %s', (_name, department, owner, expected) => {
    expect(supervisedOwner(caller(department), owner, 'findings')).toEqual(expected);
  });

  it.each([
    ['a consuming department', 'civil-affairs', null],
    ['an owner naming another owner', 'public-security', 'market-regulation'],
    ['a citizen', 'citizen', null],
    ['an unknown department', 'nobody', null],
  ])('refuses %s', (_name, department, owner) => {
    expect(typeof supervisedOwner(caller(department), owner, 'findings')).toBe('string');
  });
});

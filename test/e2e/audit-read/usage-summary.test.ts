import { coordinateOwnersFrom } from '../../../subgraphs/audit/coordinate-owners';
import { RecordUsage, summariseUsage } from '../../../subgraphs/audit/usage-summary';
import { chinaDay, monthRange, periodsOf } from '../../../subgraphs/audit/time-window';
import { TEST_SUPERGRAPH } from './audit-fixture';

const { resourceOf, ownedBy, ownerOf } = coordinateOwnersFrom(TEST_SUPERGRAPH);

function usage(time: string, served: string[], extra: Partial<RecordUsage> = {}): RecordUsage {
  return {
    time,
    department: 'civil-affairs',
    application: 'minimum-living-allowance',
    purpose: 'SOCIAL_ASSISTANCE',
    served,
    masked: [],
    denied: [],
    ...extra,
  };
}

describe('usage summaries', () => {
  it('dates a request by its China-time day', () => {
    expect(chinaDay('2025-12-31 15:59:59.999')).toBe('2025-12-31');
    expect(chinaDay('2025-12-31 16:00:00.000')).toBe('2026-01-01');
  });

  it('counts a field once per request as served, masked or denied, with first and last', () => {
    const { fields } = summariseUsage(
      [
        usage('2025-03-03 02:00:00.000', ['Query.person', 'Person.name'], {
          masked: ['Person.name'],
        }),
        // served listing the masked field again or not: the same request, counted the same
        usage('2025-03-03 05:00:00.000', ['Query.person'], {
          masked: ['Person.name'],
          denied: ['Person.phone'],
        }),
        usage('2025-03-03 01:00:00.000', ['Query.person', 'Person.name']),
      ],
      resourceOf,
    );
    const name = fields.filter((f) => f.coordinate === 'Person.name');
    // Once for the day, once for its month.
    expect(name.map((f) => f.period)).toEqual(['2025-03-03', '2025-03']);
    for (const f of name)
      expect(f).toMatchObject({
        served: 3,
        masked: 2,
        denied: 0,
        firstTime: '2025-03-03 01:00:00.000',
        lastTime: '2025-03-03 05:00:00.000',
      });
    expect(fields.find((f) => f.coordinate === 'Person.phone')).toMatchObject({
      served: 0,
      denied: 1,
    });
    expect(fields).toHaveLength(6);
  });

  it('keeps consumers, applications, purposes and days apart', () => {
    const { fields } = summariseUsage(
      [
        usage('2025-03-03 02:00:00.000', ['Person.name']),
        usage('2025-03-03 02:00:00.000', ['Person.name'], { application: null }),
        usage('2025-03-03 02:00:00.000', ['Person.name'], { purpose: 'HOUSING_SECURITY' }),
        usage('2025-03-03 02:00:00.000', ['Person.name'], { department: 'housing' }),
        usage('2025-03-03 17:00:00.000', ['Person.name']),
      ],
      resourceOf,
    );
    const days = fields.filter((f) => f.period.length === 10);
    expect(days).toHaveLength(5);
    expect(days.find((f) => f.period === '2025-03-04')).toMatchObject({
      department: 'civil-affairs',
      application: 'minimum-living-allowance',
      served: 1,
    });
    // In the month, the two days of the same consumer, application and purpose add up.
    const months = fields.filter((f) => f.period === '2025-03');
    expect(months).toHaveLength(4);
    expect(
      months.find(
        (f) =>
          f.application === 'minimum-living-allowance' &&
          f.purpose === 'SOCIAL_ASSISTANCE' &&
          f.department === 'civil-affairs',
      ),
    ).toMatchObject({ served: 2 });
    expect(new Set(fields.map((f) => f.key)).size).toBe(fields.length);
    expect(fields.find((f) => f.application === '')).toBeDefined();
  });

  it('counts requests per resource and owner once, however many of its fields they read, and leaves root fields and anonymous requests out', () => {
    const { resources, fields } = summariseUsage(
      [
        usage(
          '2025-03-03 02:00:00.000',
          ['Query.person', 'Person.name', 'Person.birthDate', 'Person.enterprises'],
          { masked: ['Person.name'], denied: ['Person.phone'] },
        ),
        usage('2025-03-04 02:00:00.000', ['Query.legalEntity', 'LegalEntity.name']),
        usage('2025-03-04 02:00:00.000', ['Person.name'], { department: null }),
      ],
      resourceOf,
    );
    expect(
      resources
        .map(({ key: _key, ...r }) => r)
        .sort((a, b) => (a.resource + a.owner < b.resource + b.owner ? -1 : 1)),
    ).toEqual([
      {
        month: '2025-03',
        department: 'civil-affairs',
        resource: 'LegalEntity',
        owner: 'market-regulation',
        requests: 1,
        served: 1,
        masked: 0,
        denied: 0,
      },
      {
        month: '2025-03',
        department: 'civil-affairs',
        resource: 'Person',
        owner: 'market-regulation',
        requests: 1,
        served: 1,
        masked: 0,
        denied: 0,
      },
      {
        month: '2025-03',
        department: 'civil-affairs',
        resource: 'Person',
        owner: 'public-security',
        requests: 1,
        served: 2,
        masked: 1,
        denied: 1,
      },
    ]);
    expect(fields.every((f) => f.department === 'civil-affairs')).toBe(true);
  });

  it("knows each field's owner as the resource catalogue does, the entity key staying with its home subgraph", () => {
    expect(ownerOf('Person.enterprises')).toBe('market-regulation');
    expect(ownerOf('Person.idNumber')).toBe('public-security');
    expect(ownedBy('market-regulation')).toEqual([
      'LegalEntity.creditCode',
      'LegalEntity.name',
      'Person.enterprises',
      'Query.legalEntity',
    ]);
    expect(resourceOf('Query.person')).toBeNull();
    expect(resourceOf('Gone.field')).toEqual({ resource: 'Gone', owner: '' });
  });

  it('reads a day range as whole months and the days at either end', () => {
    expect(periodsOf({ from: '2025-01-01', to: '2025-12-31' })).toEqual({
      months: [
        '2025-01',
        '2025-02',
        '2025-03',
        '2025-04',
        '2025-05',
        '2025-06',
        '2025-07',
        '2025-08',
        '2025-09',
        '2025-10',
        '2025-11',
        '2025-12',
      ],
      dayRuns: [],
    });
    expect(periodsOf({ from: '2025-01-15', to: '2025-03-10' })).toEqual({
      months: ['2025-02'],
      dayRuns: [
        ['2025-01-15', '2025-01-31'],
        ['2025-03-01', '2025-03-10'],
      ],
    });
    expect(periodsOf({ from: '2024-02-01', to: '2024-02-29' })).toEqual({
      months: ['2024-02'],
      dayRuns: [],
    });
    expect(periodsOf({ from: '2025-03-05', to: '2025-03-05' })).toEqual({
      months: [],
      dayRuns: [['2025-03-05', '2025-03-05']],
    });
  });

  it('reads a year or one month of it', () => {
    expect(monthRange(2025, null)).toEqual({ from: '2025-01', to: '2025-12' });
    expect(monthRange(2025, 3)).toEqual({ from: '2025-03', to: '2025-03' });
    expect(() => monthRange(2025, 0)).toThrow(/month/);
  });
});

import {
  applicationFigures,
  chinaDay,
  cityReport,
  departmentReports,
  errorReportFigures,
  grantFigures,
  reportAsOf,
} from '../report-figures';
import type { ReportSources, SourceRequest, SourceStatistic } from '../report-source';

const request = (over: Partial<SourceRequest>): SourceRequest => ({
  id: 'r',
  owner: 'public-security',
  applicant: 'civil-affairs',
  status: 'PENDING',
  submittedOn: '2026-03-02',
  dueOn: '2026-03-16',
  decidedAt: null,
  decisionReason: null,
  ...over,
});

const line = (over: Partial<SourceStatistic>): SourceStatistic => ({
  month: '2026-03',
  consumer: 'civil-affairs',
  resource: 'Person',
  owner: 'public-security',
  requests: 1,
  fieldsServed: 2,
  fieldsMasked: 0,
  fieldsDenied: 0,
  ...over,
});

function sources(over: Partial<ReportSources> = {}): ReportSources {
  return {
    departments: [
      { code: 'public-security', name: '公安局', kind: 'OWNER' },
      { code: 'civil-affairs', name: '民政局', kind: 'CONSUMER' },
      { code: 'health', name: '卫生健康委员会', kind: 'CONSUMER' },
    ],
    catalogue: [
      {
        coordinate: 'Person.name',
        owner: 'public-security',
        level: 'CONDITIONAL',
        openAttribute: 'NOT_OPEN',
      },
      {
        coordinate: 'Region.name',
        owner: 'public-security',
        level: 'UNCONDITIONAL',
        openAttribute: 'UNCONDITIONAL_OPEN',
      },
    ],
    statistics: [],
    fieldUsage: [],
    usageUpToDate: true,
    requests: [],
    grants: [],
    errorReports: [],
    applications: [],
    unconfirmed: [],
    ...over,
  };
}

describe('the days a report counts in', () => {
  it('takes the China-time day of an instant: 16:30 UTC is the next day in Nantong', () => {
    expect(chinaDay('2026-12-31T16:30:00.000Z')).toBe('2027-01-01');
    expect(chinaDay('2026-12-31T15:59:59.999Z')).toBe('2026-12-31');
  });
  it('judges a past year on its last day and the running year on today', () => {
    expect(reportAsOf(2025, new Date('2026-06-01T00:00:00Z'))).toBe('2025-12-31');
    expect(reportAsOf(2026, new Date('2026-06-01T00:00:00Z'))).toBe('2026-06-01');
  });
});

describe('applications received', () => {
  it('counts an answer on its due day as on time and the day after as late', () => {
    const f = applicationFigures(
      [
        request({ status: 'APPROVED', decidedAt: '2026-03-16T10:00:00.000Z' }),
        request({
          status: 'REJECTED',
          decidedAt: '2026-03-16T16:30:00.000Z',
          decisionReason: '超出职责范围',
        }),
        request({}),
        request({ dueOn: '2026-12-31' }),
      ],
      '2026-06-30',
    );
    expect(f).toEqual({
      received: 4,
      approved: 1,
      rejected: 1,
      pending: 2,
      answeredOnTime: 1,
      answeredLate: 1,
      overduePending: 1,
      refusalReasons: [{ reason: '超出职责范围', count: 1 }],
    });
  });
  it('lists refusal reasons most first, a blank one as unstated', () => {
    const rejected = (reason: string | null) =>
      request({
        status: 'REJECTED',
        decidedAt: '2026-03-03T02:00:00.000Z',
        decisionReason: reason,
      });
    const f = applicationFigures(
      [rejected('b'), rejected('a'), rejected('a'), rejected('  ')],
      '2026-12-31',
    );
    expect(f.refusalReasons).toEqual([
      { reason: 'a', count: 2 },
      { reason: 'b', count: 1 },
      { reason: '（未说明）', count: 1 },
    ]);
  });
});

describe('grants given', () => {
  const grant = (over: object) => ({
    id: 'g',
    grantedBy: 'public-security',
    department: 'civil-affairs',
    validFrom: '2026-01-10',
    validUntil: null,
    grantedAt: '2026-01-10T02:00:00.000Z',
    revokedAt: null,
    ...over,
  });
  it('separates granted, revoked and expired in the year, and what is in force at its end', () => {
    const f = grantFigures(
      [
        grant({}),
        grant({ revokedAt: '2026-05-01T02:00:00.000Z' }),
        grant({ validUntil: '2026-06-30' }),
        grant({ validUntil: '2026-06-30', revokedAt: '2026-03-01T02:00:00.000Z' }),
        grant({ grantedAt: '2025-01-10T02:00:00.000Z', validFrom: '2025-01-10' }),
      ],
      2026,
      '2026-12-31',
    );
    expect(f).toEqual({ granted: 4, activeAtEnd: 2, revoked: 2, expired: 1 });
  });
  it('keeps a grant valid through its last day in force on that day', () => {
    expect(grantFigures([grant({ validUntil: '2026-12-31' })], 2026, '2026-12-31')).toMatchObject({
      activeAtEnd: 1,
      expired: 0,
    });
  });
});

describe('error reports received', () => {
  it('counts corrections on time, late answers and overdue pending reports', () => {
    const f = errorReportFigures(
      [
        {
          owner: 'x',
          status: 'CORRECTED',
          reportedAt: '2026-02-01T02:00:00.000Z',
          dueOn: '2026-02-10',
          answeredAt: '2026-02-09T02:00:00.000Z',
        },
        {
          owner: 'x',
          status: 'REJECTED',
          reportedAt: '2026-02-01T02:00:00.000Z',
          dueOn: '2026-02-10',
          answeredAt: '2026-02-11T02:00:00.000Z',
        },
        {
          owner: 'x',
          status: 'PENDING',
          reportedAt: '2026-02-01T02:00:00.000Z',
          dueOn: '2026-02-10',
          answeredAt: null,
        },
      ],
      '2026-03-01',
    );
    expect(f).toEqual({
      received: 3,
      corrected: 1,
      rejected: 1,
      answeredOnTime: 1,
      answeredLate: 1,
      correctedOnTime: 1,
      pending: 1,
      overdue: 1,
    });
    expect(f.received).toBe(f.corrected + f.rejected + f.pending);
    expect(f.corrected + f.rejected).toBe(f.answeredOnTime + f.answeredLate);
  });
});

describe('departments as providers and consumers', () => {
  const src = sources({
    statistics: [
      line({}),
      line({ month: '2026-04', requests: 3, fieldsServed: 6, fieldsMasked: 2 }),
      line({ consumer: 'health', resource: 'Household', requests: 2 }),
      // Its own use of its own data is not sharing.
      line({ consumer: 'public-security', requests: 50 }),
      // A field no longer in the graph has no owner to credit.
      line({ owner: null, requests: 7 }),
    ],
    fieldUsage: [
      {
        coordinate: 'Person.name',
        owner: 'public-security',
        consumer: 'civil-affairs',
        purpose: 'MINIMUM_LIVING',
        served: 3,
        masked: 0,
        denied: 0,
      },
      {
        coordinate: 'Person.phone',
        owner: 'public-security',
        consumer: 'civil-affairs',
        purpose: 'MINIMUM_LIVING',
        served: 1,
        masked: 1,
        denied: 0,
      },
      {
        coordinate: 'Person.address',
        owner: 'public-security',
        consumer: 'health',
        purpose: null,
        served: 0,
        masked: 0,
        denied: 4,
      },
      {
        coordinate: 'Query.person',
        owner: 'public-security',
        consumer: 'health',
        purpose: null,
        served: 9,
        masked: 0,
        denied: 0,
      },
    ],
  });
  const [civil, health, police] = departmentReports({
    sources: src,
    year: 2026,
    asOf: '2026-12-31',
  });

  it('credits the owner with calls by other departments only', () => {
    expect(police.code).toBe('public-security');
    expect(police.provided).toMatchObject({
      callsByOthers: 6,
      consumers: 2,
      fieldsServed: 10,
      fieldsMasked: 2,
      byConsumer: [
        { department: 'civil-affairs', calls: 4 },
        { department: 'health', calls: 2 },
      ],
    });
  });
  it('counts the distinct data items served to others, not root fields or denied ones', () => {
    expect(police.provided.distinctFieldsUsed).toBe(2);
  });
  it('counts catalogue items by sharing class and open attribute', () => {
    expect(police.provided.catalogue).toEqual({
      unconditional: 1,
      conditional: 1,
      notShared: 0,
      total: 2,
      open: 1,
      conditionallyOpen: 0,
      notOpen: 1,
    });
  });
  it('shows what a consumer used from others, by owner and by purpose', () => {
    expect(civil.used).toEqual({
      calls: 4,
      owners: 1,
      fieldsServed: 8,
      byPurpose: [{ purpose: 'MINIMUM_LIVING', fieldsServed: 4 }],
      byOwner: [{ department: 'public-security', calls: 4 }],
    });
    expect(health.used.byPurpose).toEqual([]);
  });
  it('lays out twelve months of calls', () => {
    expect(police.byMonth).toHaveLength(12);
    expect(police.byMonth[2]).toMatchObject({ month: '2026-03', callsByOthers: 3 });
    expect(police.byMonth[3]).toMatchObject({ month: '2026-04', callsByOthers: 3 });
    expect(civil.byMonth[3]).toMatchObject({ callsToOthers: 3 });
  });
  it('adds the city up and ranks departments, ties by code', () => {
    const city = cityReport({ sources: src, year: 2026, asOf: '2026-12-31' }, [
      civil,
      health,
      police,
    ]);
    expect(city.totals).toMatchObject({ calls: 6, fieldsServed: 10, sharingRelations: 2 });
    expect(city.byMonth.reduce((n, m) => n + m.callsByOthers, 0)).toBe(6);
    expect(city.rankings.byCallsByOthers.map((r) => r.department)).toEqual([
      'public-security',
      'civil-affairs',
      'health',
    ]);
  });
});

describe('the inventory of a department', () => {
  it('leaves retired systems out and lists the flagged ones with their reasons', () => {
    const [, , police] = departmentReports({
      sources: sources({
        applications: [
          {
            id: 'a',
            department: 'public-security',
            name: 'A',
            status: 'ACTIVE',
            zombieCandidate: true,
            notConnected: false,
            reasons: ['IDLE'],
          },
          {
            id: 'b',
            department: 'public-security',
            name: 'B',
            status: 'ACTIVE',
            zombieCandidate: false,
            notConnected: false,
            reasons: [],
          },
          {
            id: 'c',
            department: 'public-security',
            name: 'C',
            status: 'RETIRED',
            zombieCandidate: true,
            notConnected: true,
            reasons: ['NEVER_CALLED'],
          },
        ],
        unconfirmed: ['a', 'c'],
      }),
      year: 2026,
      asOf: '2026-12-31',
    });
    expect(police.inventory).toEqual({
      systems: 2,
      zombieCandidates: 1,
      notConnected: 0,
      unconfirmed: 1,
      flagged: [
        { id: 'a', name: 'A', zombieCandidate: true, notConnected: false, reasons: ['IDLE'] },
      ],
    });
  });
});

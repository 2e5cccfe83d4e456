/**
 * The audit subgraph's behaviour as a specification, run against SQLite (audit-reading.test.ts)
 * and MariaDB (audit-reading-mysql.test.ts): row rules, "who looked at my data", the usage
 * summaries, with records written by the audit library itself.
 */
import { withIdNumberCheck } from '../../../domain/id-number';
import {
  AuditFixture,
  access,
  callerOf,
  citizenOf,
  PERSON_A,
  PERSON_B,
  startAuditFixture,
} from './audit-fixture';
import { catchUpUsage } from '../../../subgraphs/audit/usage-rollup';
import { coordinateOwnersFrom } from '../../../subgraphs/audit/coordinate-owners';
import { TEST_SUPERGRAPH } from './audit-fixture';

const CIVIL = {
  department: 'civil-affairs',
  application: 'minimum-living-allowance',
  operator: 'wang.fang',
};
const CIVIL_OTHER_APP = {
  department: 'civil-affairs',
  application: 'elderly-care-subsidy',
  operator: 'li.na',
};
const HOUSING = { department: 'housing', application: 'housing-subsidy', operator: 'zhao.lei' };
const POLICE = {
  department: 'public-security',
  application: 'household-registration',
  operator: 'chen.gang',
};

/** The trail every case reads, oldest first (times UTC; China time is 8 hours ahead). */
const ENTRIES = [
  access('2025-03-03T02:00:00.000Z', CIVIL, {
    purpose: 'SOCIAL_ASSISTANCE',
    served: ['Query.person', 'Person.name', 'Person.birthDate'],
    masked: ['Person.name'],
    people: [PERSON_A],
    document: 'query Allowance { person(idNumber: "A") { name birthDate } }',
  }),
  access('2025-03-04T02:00:00.000Z', CIVIL_OTHER_APP, {
    purpose: 'SOCIAL_ASSISTANCE',
    served: ['Query.person', 'Person.name'],
    masked: ['Person.name'],
    denied: [{ coordinate: 'Person.phone', reason: 'NO_GRANT' }],
    people: [PERSON_B],
  }),
  access('2025-03-05T02:00:00.000Z', HOUSING, {
    purpose: 'HOUSING_SECURITY',
    served: ['Query.person', 'Person.name', 'Person.householdAddress'],
    masked: ['Person.name', 'Person.householdAddress'],
    people: [PERSON_A],
  }),
  access('2025-03-06T02:00:00.000Z', POLICE, {
    purpose: 'LAW_ENFORCEMENT',
    served: ['Query.person', 'Person.name', 'Person.phone'],
    people: [PERSON_A],
  }),
  access('2025-03-07T02:00:00.000Z', HOUSING, {
    purpose: 'HOUSING_SECURITY',
    served: ['Query.legalEntity', 'LegalEntity.name'],
  }),
  access('2025-03-08T02:00:00.000Z', { department: null, operator: null }, { outcome: 'refused' }),
  // 2025-04-01 00:30 in Nantong: April's, although still March in UTC.
  access('2025-03-31T16:30:00.000Z', CIVIL, {
    purpose: 'SOCIAL_ASSISTANCE',
    served: ['Query.person', 'Person.name', 'Person.birthDate'],
    masked: ['Person.name'],
    people: [PERSON_A],
  }),
  access('2025-03-10T02:00:00.000Z', CIVIL, {
    purpose: 'SOCIAL_ASSISTANCE',
    served: ['Query.person', 'Person.name', 'Person.birthDate'],
    masked: ['Person.name'],
    people: [PERSON_B],
  }),
];

const ACCESS_LOG = `query($consumer: ID, $application: ID, $from: DateTime, $to: DateTime, $first: Int, $after: String) {
  accessLog(consumer: $consumer, application: $application, from: $from, to: $to, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { id time departmentCode department { code } application { id } operator operationName document purpose fieldsServed fieldsMasked fieldsDenied { coordinate reason } outcome httpStatus }
  }
}`;

const OWNED = `query($from: Date!, $to: Date!, $owner: ID, $consumer: ID, $first: Int, $after: String) {
  accessesToOwnedData(from: $from, to: $to, owner: $owner, consumer: $consumer, first: $first, after: $after) {
    totalCount upToDate
    pageInfo { hasNextPage endCursor }
    nodes { coordinate owner { code } consumerCode consumer { code } application { id } purpose served masked denied firstAccess lastAccess }
  }
}`;

const STATISTICS = `query($year: Int!, $month: Int, $department: ID) {
  sharingStatistics(year: $year, month: $month, department: $department) {
    year month upToDate
    lines { month departmentCode resource owner { code } requests fieldsServed fieldsMasked fieldsDenied }
  }
}`;

const WHO = `query($id: ID!, $first: Int, $after: String) {
  whoAccessedMyData(idNumber: $id, first: $first, after: $after) {
    subject { idNumber }
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { recordId time department { code } departmentCode application { id } operator purpose operationName fieldsServed fieldsMasked outcome }
  }
}`;

const code = (body: { errors?: { extensions?: Record<string, unknown> }[] }) =>
  body.errors?.[0]?.extensions?.code;

export function describeAuditReading(backend: 'sqlite' | 'mysql'): void {
  let f: AuditFixture;

  beforeAll(async () => {
    f = await startAuditFixture(backend);
    await f.record(ENTRIES);
  });
  afterAll(async () => {
    await f?.stop();
  });

  describe('accessLog', () => {
    it("shows a department its own applications' requests only, newest first, with fields, document and outcome", async () => {
      const { body } = await f.as(callerOf('civil-affairs'), ACCESS_LOG);
      expect(body.errors).toBeUndefined();
      const log = body.data!.accessLog;
      expect(log.totalCount).toBe(4);
      expect(log.nodes.map((n: { time: string }) => n.time)).toEqual([
        '2025-03-31T16:30:00.000Z',
        '2025-03-10T02:00:00.000Z',
        '2025-03-04T02:00:00.000Z',
        '2025-03-03T02:00:00.000Z',
      ]);
      expect(
        log.nodes.every((n: { departmentCode: string }) => n.departmentCode === 'civil-affairs'),
      ).toBe(true);
      expect(log.nodes[2]).toMatchObject({
        department: { code: 'civil-affairs' },
        application: { id: 'elderly-care-subsidy' },
        operator: 'li.na',
        purpose: 'SOCIAL_ASSISTANCE',
        fieldsServed: ['Person.name', 'Query.person'],
        fieldsMasked: ['Person.name'],
        fieldsDenied: [{ coordinate: 'Person.phone', reason: 'NO_GRANT' }],
        outcome: 'OK',
        httpStatus: 200,
      });
      expect(log.nodes[3].document).toBe(
        'query Allowance { person(idNumber: "A") { name birthDate } }',
      );
    });

    it('narrows to one application and a time window (from inclusive, to exclusive)', async () => {
      const one = await f.as(callerOf('civil-affairs'), ACCESS_LOG, {
        application: 'elderly-care-subsidy',
      });
      expect(
        one.body.data!.accessLog.nodes.map(
          (n: { application: { id: string } }) => n.application.id,
        ),
      ).toEqual(['elderly-care-subsidy']);
      const window = await f.as(callerOf('civil-affairs'), ACCESS_LOG, {
        from: '2025-03-04T02:00:00Z',
        to: '2025-03-31T16:30:00Z',
      });
      expect(window.body.data!.accessLog.nodes.map((n: { time: string }) => n.time)).toEqual([
        '2025-03-10T02:00:00.000Z',
        '2025-03-04T02:00:00.000Z',
      ]);
      expect(window.body.data!.accessLog.totalCount).toBe(2);
    });

    it('pages with cursors without skipping or repeating a record', async () => {
      const first = await f.as(callerOf('civil-affairs'), ACCESS_LOG, { first: 3 });
      expect(first.body.data!.accessLog.pageInfo.hasNextPage).toBe(true);
      const next = await f.as(callerOf('civil-affairs'), ACCESS_LOG, {
        first: 3,
        after: first.body.data!.accessLog.pageInfo.endCursor,
      });
      const ids = [...first.body.data!.accessLog.nodes, ...next.body.data!.accessLog.nodes].map(
        (n: { id: string }) => n.id,
      );
      expect(new Set(ids).size).toBe(4);
      expect(next.body.data!.accessLog.pageInfo.hasNextPage).toBe(false);
      const forged = await f.as(callerOf('civil-affairs'), ACCESS_LOG, {
        after: Buffer.from('k:nonsense').toString('base64url'),
      });
      expect(code(forged.body)).toBe('BAD_USER_INPUT');
    });

    it("refuses another department's log to a department, but not to the big data bureau", async () => {
      const refused = await f.as(callerOf('housing'), ACCESS_LOG, { consumer: 'civil-affairs' });
      expect(code(refused.body)).toBe('FORBIDDEN');
      const bureau = await f.as(callerOf('big-data-bureau'), ACCESS_LOG, {
        consumer: 'civil-affairs',
      });
      expect(bureau.body.data!.accessLog.totalCount).toBe(4);
      const all = await f.as(callerOf('big-data-bureau'), ACCESS_LOG, { first: 100 });
      expect(all.body.data!.accessLog.totalCount).toBe(ENTRIES.length);
      expect(
        all.body.data!.accessLog.nodes.find((n: { outcome: string }) => n.outcome === 'REFUSED'),
      ).toMatchObject({ departmentCode: null, department: null, httpStatus: 401 });
    });

    it('refuses citizens and requests without a verified caller', async () => {
      expect(code((await f.as(citizenOf(PERSON_A), ACCESS_LOG)).body)).toBe('FORBIDDEN');
      expect(code((await f.as(null, ACCESS_LOG)).body)).toBe('UNAUTHENTICATED');
      expect(
        code(
          (
            await f.as(callerOf('civil-affairs'), ACCESS_LOG, {
              from: '2025-03-05T00:00:00Z',
              to: '2025-03-04T00:00:00Z',
            })
          ).body,
        ),
      ).toBe('BAD_USER_INPUT');
      expect(
        code(
          (await f.as(callerOf('civil-affairs'), ACCESS_LOG, { from: '2025-03-05 00:00' })).body,
        ),
      ).toBe('BAD_USER_INPUT');
    });
  });

  describe('accessesToOwnedData', () => {
    it('shows an owner who used its fields, by consumer, application, field and purpose, in China-time days', async () => {
      const { body } = await f.as(callerOf('public-security'), OWNED, {
        from: '2025-03-01',
        to: '2025-03-31',
        first: 100,
      });
      expect(body.errors).toBeUndefined();
      const usage = body.data!.accessesToOwnedData;
      expect(usage.upToDate).toBe(true);
      const birthDates = usage.nodes.filter(
        (n: { coordinate: string }) => n.coordinate === 'Person.birthDate',
      );
      // The request at 2025-04-01 00:30 China time is April's: only the two March ones count.
      expect(birthDates).toEqual([
        {
          coordinate: 'Person.birthDate',
          owner: { code: 'public-security' },
          consumerCode: 'civil-affairs',
          consumer: { code: 'civil-affairs' },
          application: { id: 'minimum-living-allowance' },
          purpose: 'SOCIAL_ASSISTANCE',
          served: 2,
          masked: 0,
          denied: 0,
          firstAccess: '2025-03-03T02:00:00.000Z',
          lastAccess: '2025-03-10T02:00:00.000Z',
        },
      ]);
      expect(
        usage.nodes.find(
          (n: { coordinate: string; application: { id: string } }) =>
            n.coordinate === 'Person.phone' && n.application.id === 'elderly-care-subsidy',
        ),
      ).toMatchObject({ served: 0, denied: 1 });
      expect(
        usage.nodes.find(
          (n: { coordinate: string; consumerCode: string }) =>
            n.coordinate === 'Person.householdAddress' && n.consumerCode === 'housing',
        ),
      ).toMatchObject({ served: 1, masked: 1 });
      // Only its own fields: the legal entity the housing bureau looked up belongs to market regulation.
      expect(
        usage.nodes.some((n: { coordinate: string }) => n.coordinate.startsWith('LegalEntity.')),
      ).toBe(false);
      expect(usage.totalCount).toBe(usage.nodes.length);
      // Part of a month is read from its days: 4 to 10 March holds one of the two.
      const partial = (
        await f.as(callerOf('public-security'), OWNED, {
          from: '2025-03-04',
          to: '2025-03-10',
          first: 100,
        })
      ).body.data!.accessesToOwnedData.nodes;
      expect(
        partial.filter((n: { coordinate: string }) => n.coordinate === 'Person.birthDate'),
      ).toMatchObject([{ served: 1, firstAccess: '2025-03-10T02:00:00.000Z' }]);
      // And across months: 10 March to 1 April (China time) holds both that one and the April one.
      const across = (
        await f.as(callerOf('public-security'), OWNED, {
          from: '2025-03-10',
          to: '2025-04-01',
          first: 100,
        })
      ).body.data!.accessesToOwnedData.nodes;
      expect(
        across.filter((n: { coordinate: string }) => n.coordinate === 'Person.birthDate'),
      ).toMatchObject([{ served: 2, lastAccess: '2025-03-31T16:30:00.000Z' }]);
    });

    it('pages in field, consumer, application, purpose order and narrows to one consumer', async () => {
      const all = (
        await f.as(callerOf('public-security'), OWNED, {
          from: '2025-03-01',
          to: '2025-04-30',
          first: 100,
        })
      ).body.data!.accessesToOwnedData.nodes;
      const keys = all.map(
        (n: {
          coordinate: string;
          consumerCode: string;
          application: { id: string };
          purpose: string;
        }) => [n.coordinate, n.consumerCode, n.application.id, n.purpose].join('|'),
      );
      expect(keys).toEqual([...keys].sort());
      const paged: string[] = [];
      let after: string | null = null;
      for (let i = 0; i < 20; i++) {
        const page: {
          pageInfo: { hasNextPage: boolean; endCursor: string };
          nodes: {
            coordinate: string;
            consumerCode: string;
            application: { id: string };
            purpose: string;
          }[];
        } = (
          await f.as(callerOf('public-security'), OWNED, {
            from: '2025-03-01',
            to: '2025-04-30',
            first: 2,
            after,
          })
        ).body.data!.accessesToOwnedData;
        paged.push(
          ...page.nodes.map((n) =>
            [n.coordinate, n.consumerCode, n.application.id, n.purpose].join('|'),
          ),
        );
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(paged).toEqual(keys);
      const housing = (
        await f.as(callerOf('public-security'), OWNED, {
          from: '2025-03-01',
          to: '2025-04-30',
          consumer: 'housing',
        })
      ).body.data!.accessesToOwnedData.nodes;
      expect(new Set(housing.map((n: { consumerCode: string }) => n.consumerCode))).toEqual(
        new Set(['housing']),
      );
    });

    it("gives a department that owns nothing an empty list, refuses another owner's, and lets the bureau read any", async () => {
      expect(
        (await f.as(callerOf('civil-affairs'), OWNED, { from: '2025-03-01', to: '2025-03-31' }))
          .body.data!.accessesToOwnedData,
      ).toMatchObject({ totalCount: 0, nodes: [] });
      expect(
        code(
          (
            await f.as(callerOf('civil-affairs'), OWNED, {
              from: '2025-03-01',
              to: '2025-03-31',
              owner: 'public-security',
            })
          ).body,
        ),
      ).toBe('FORBIDDEN');
      expect(
        code(
          (await f.as(citizenOf(PERSON_A), OWNED, { from: '2025-03-01', to: '2025-03-31' })).body,
        ),
      ).toBe('FORBIDDEN');
      const market = (
        await f.as(callerOf('big-data-bureau'), OWNED, {
          from: '2025-03-01',
          to: '2025-03-31',
          owner: 'market-regulation',
        })
      ).body.data!.accessesToOwnedData.nodes;
      expect(market.map((n: { coordinate: string }) => n.coordinate)).toEqual([
        'LegalEntity.name',
        'Query.legalEntity',
      ]);
      const everything = (
        await f.as(callerOf('big-data-bureau'), OWNED, {
          from: '2025-03-01',
          to: '2025-03-31',
          first: 100,
        })
      ).body.data!.accessesToOwnedData.nodes;
      expect(
        everything.some((n: { coordinate: string }) => n.coordinate === 'Query.legalEntity'),
      ).toBe(true);
      expect(
        everything.some((n: { coordinate: string }) => n.coordinate === 'Person.birthDate'),
      ).toBe(true);
      expect(
        code(
          (await f.as(callerOf('public-security'), OWNED, { from: '2025-03-31', to: '2025-03-01' }))
            .body,
        ),
      ).toBe('BAD_USER_INPUT');
    });

    it('counts records shipped later on top, and never twice, however often it is read or summarised at once', async () => {
      const read = async () =>
        (
          await f.as(callerOf('public-security'), OWNED, { from: '2025-05-01', to: '2025-05-31' })
        ).body.data!.accessesToOwnedData.nodes.find(
          (n: { coordinate: string }) => n.coordinate === 'Person.birthDate',
        );
      await f.record([
        access('2025-05-02T02:00:00.000Z', CIVIL, {
          purpose: 'SOCIAL_ASSISTANCE',
          served: ['Query.person', 'Person.birthDate'],
        }),
      ]);
      expect((await read()).served).toBe(1);
      expect((await read()).served).toBe(1);
      await f.record(
        [1, 2, 3].map((d) =>
          access(`2025-05-0${d + 2}T02:00:00.000Z`, CIVIL, {
            purpose: 'SOCIAL_ASSISTANCE',
            served: ['Query.person', 'Person.birthDate'],
          }),
        ),
      );
      // Two summarisers on separate connections at once (on MariaDB as two instances of this
      // subgraph would be; SQLite's share one run per file in a process): each batch counts once.
      const owners = coordinateOwnersFrom(TEST_SUPERGRAPH);
      const [a, b] = [await f.connect(), await f.connect()];
      const results = await Promise.all([
        catchUpUsage(a, owners.resourceOf, { batchRecords: 1 }),
        catchUpUsage(b, owners.resourceOf, { batchRecords: 1 }),
      ]);
      if (backend === 'mysql') expect(results[0].records + results[1].records).toBe(3);
      expect(await read()).toMatchObject({
        served: 4,
        firstAccess: '2025-05-02T02:00:00.000Z',
        lastAccess: '2025-05-05T02:00:00.000Z',
      });
    });
  });

  describe('sharingStatistics', () => {
    it('gives the big data bureau requests and fields per month, consumer, resource and owner', async () => {
      const { body } = await f.as(callerOf('big-data-bureau'), STATISTICS, {
        year: 2025,
        month: 3,
      });
      expect(body.errors).toBeUndefined();
      const stats = body.data!.sharingStatistics;
      expect(stats).toMatchObject({ year: 2025, month: 3, upToDate: true });
      expect(stats.lines).toEqual([
        {
          month: '2025-03',
          departmentCode: 'civil-affairs',
          resource: 'Person',
          owner: { code: 'public-security' },
          requests: 3,
          fieldsServed: 5,
          fieldsMasked: 3,
          fieldsDenied: 1,
        },
        {
          month: '2025-03',
          departmentCode: 'housing',
          resource: 'LegalEntity',
          owner: { code: 'market-regulation' },
          requests: 1,
          fieldsServed: 1,
          fieldsMasked: 0,
          fieldsDenied: 0,
        },
        {
          month: '2025-03',
          departmentCode: 'housing',
          resource: 'Person',
          owner: { code: 'public-security' },
          requests: 1,
          fieldsServed: 2,
          fieldsMasked: 2,
          fieldsDenied: 0,
        },
        {
          month: '2025-03',
          departmentCode: 'public-security',
          resource: 'Person',
          owner: { code: 'public-security' },
          requests: 1,
          fieldsServed: 2,
          fieldsMasked: 0,
          fieldsDenied: 0,
        },
      ]);
      const year = (
        await f.as(callerOf('big-data-bureau'), STATISTICS, {
          year: 2025,
          department: 'civil-affairs',
        })
      ).body.data!.sharingStatistics.lines;
      expect(year.map((l: { month: string; requests: number }) => [l.month, l.requests])).toEqual([
        ['2025-03', 3],
        ['2025-04', 1],
        ['2025-05', 4],
      ]);
    });

    it('is FORBIDDEN to any other department and to citizens', async () => {
      for (const caller of [
        callerOf('public-security'),
        callerOf('housing', { roles: ['audit-officer'] }),
        citizenOf(PERSON_A),
      ]) {
        expect(code((await f.as(caller, STATISTICS, { year: 2025 })).body)).toBe('FORBIDDEN');
      }
      expect(
        code((await f.as(callerOf('big-data-bureau'), STATISTICS, { year: 2025, month: 13 })).body),
      ).toBe('BAD_USER_INPUT');
    });
  });

  describe('whoAccessedMyData', () => {
    it("lets a citizen see who accessed their own data, newest first, without the officers' staff numbers", async () => {
      const { body } = await f.as(citizenOf(PERSON_A), WHO, { id: PERSON_A });
      expect(body.errors).toBeUndefined();
      const who = body.data!.whoAccessedMyData;
      expect(who.subject).toEqual({ idNumber: PERSON_A });
      expect(who.totalCount).toBe(4);
      expect(
        who.nodes.map((n: { departmentCode: string; time: string }) => [n.departmentCode, n.time]),
      ).toEqual([
        ['civil-affairs', '2025-03-31T16:30:00.000Z'],
        ['public-security', '2025-03-06T02:00:00.000Z'],
        ['housing', '2025-03-05T02:00:00.000Z'],
        ['civil-affairs', '2025-03-03T02:00:00.000Z'],
      ]);
      expect(who.nodes[2]).toMatchObject({
        department: { code: 'housing' },
        application: { id: 'housing-subsidy' },
        operator: null,
        purpose: 'HOUSING_SECURITY',
        fieldsServed: ['Person.householdAddress', 'Person.name', 'Query.person'],
        fieldsMasked: ['Person.householdAddress', 'Person.name'],
        outcome: 'OK',
      });
    });

    it("refuses a citizen asking about someone else's ID number", async () => {
      const { body } = await f.as(citizenOf(PERSON_A), WHO, { id: PERSON_B });
      expect(code(body)).toBe('FORBIDDEN');
      expect(body.data?.whoAccessedMyData ?? null).toBeNull();
    });

    it('needs an officer role of anyone else, and then shows operators', async () => {
      expect(code((await f.as(callerOf('civil-affairs'), WHO, { id: PERSON_B })).body)).toBe(
        'FORBIDDEN',
      );
      expect(code((await f.as(callerOf('big-data-bureau'), WHO, { id: PERSON_B })).body)).toBe(
        'FORBIDDEN',
      );
      const officer = await f.as(
        callerOf('civil-affairs', { roles: ['data-protection-officer'] }),
        WHO,
        { id: PERSON_B },
      );
      expect(officer.body.errors).toBeUndefined();
      expect(
        officer.body.data!.whoAccessedMyData.nodes.map((n: { operator: string; time: string }) => [
          n.operator,
          n.time,
        ]),
      ).toEqual([
        ['wang.fang', '2025-03-10T02:00:00.000Z'],
        ['li.na', '2025-03-04T02:00:00.000Z'],
      ]);
      const auditor = await f.as(callerOf('big-data-bureau', { roles: ['audit-officer'] }), WHO, {
        id: PERSON_B,
        first: 1,
      });
      expect(auditor.body.data!.whoAccessedMyData).toMatchObject({
        totalCount: 2,
        pageInfo: { hasNextPage: true },
      });
      const rest = await f.as(callerOf('big-data-bureau', { roles: ['audit-officer'] }), WHO, {
        id: PERSON_B,
        first: 1,
        after: auditor.body.data!.whoAccessedMyData.pageInfo.endCursor,
      });
      expect(rest.body.data!.whoAccessedMyData.nodes.map((n: { time: string }) => n.time)).toEqual([
        '2025-03-04T02:00:00.000Z',
      ]);
      expect(rest.body.data!.whoAccessedMyData.pageInfo.hasNextPage).toBe(false);
    });

    it('answers a malformed ID number with BAD_USER_INPUT and no caller with UNAUTHENTICATED', async () => {
      const bad = PERSON_A.slice(0, 17) + (PERSON_A[17] === '0' ? '1' : '0');
      expect(
        (await f.as(citizenOf(PERSON_A), WHO, { id: bad })).body.errors?.[0]?.extensions,
      ).toMatchObject({ code: 'BAD_USER_INPUT', problem: 'CHECKSUM' });
      expect(
        code(
          (
            await f.as(callerOf('civil-affairs', { roles: ['audit-officer'] }), WHO, {
              id: '12345',
            })
          ).body,
        ),
      ).toBe('BAD_USER_INPUT');
      expect(code((await f.as(null, WHO, { id: PERSON_A })).body)).toBe('UNAUTHENTICATED');
    });

    it('insists on returning the person as subject, so the lookup itself is recorded against them', async () => {
      const without = await f.as(
        citizenOf(PERSON_A),
        `query($id: ID!) { whoAccessedMyData(idNumber: $id) { totalCount } }`,
        { id: PERSON_A },
      );
      expect(without.body.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        problem: 'SUBJECT_NOT_SELECTED',
      });
      const skipped = await f.as(
        citizenOf(PERSON_A),
        `query($id: ID!, $no: Boolean!) { whoAccessedMyData(idNumber: $id) { totalCount subject @include(if: $no) { idNumber } } }`,
        { id: PERSON_A, no: false },
      );
      expect(code(skipped.body)).toBe('BAD_USER_INPUT');
      const viaFragment = await f.as(
        citizenOf(PERSON_A),
        `query($id: ID!) { whoAccessedMyData(idNumber: $id) { ...Who } } fragment Who on PersonalDataAccessConnection { ... on PersonalDataAccessConnection { s: subject { __typename } } totalCount }`,
        { id: PERSON_A },
      );
      expect(viaFragment.body.errors).toBeUndefined();
      expect(viaFragment.body.data!.whoAccessedMyData).toEqual({
        s: { __typename: 'Person' },
        totalCount: 4,
      });
    });

    it('finds nobody for a person whose data was never returned', async () => {
      const nobody = withIdNumberCheck('11010120000101001');
      const { body } = await f.as(citizenOf(nobody), WHO, { id: nobody });
      expect(body.data!.whoAccessedMyData).toMatchObject({
        totalCount: 0,
        nodes: [],
        subject: { idNumber: nobody },
      });
    });
  });
}

/**
 * Cursors are opaque and tamper-evident on every connection of every subgraph (issue 7 §3.1):
 * a `people` cursor used to be base64 of the full ID number while the node's idNumber was
 * masked, and a hand-made one was accepted, so ID order could be probed.
 *
 * The table below has one case per connection field; a test checks that it names every field of
 * the supergraph with an `after` argument, so a new connection cannot be left out. For each: the
 * cursors carry none of the page's keys, even decoded (leak-search.ts); the next page follows;
 * and a hand-made, altered, truncated cursor, one from another connection and one from another
 * filter are all BAD_USER_INPUT.
 */
import { Kind, parse } from 'graphql';
import { chinaToday } from '../../../domain/china-date';
import { issueToken } from '../../../gateway/auth/issue-token';
import { postGraphQL } from '../../utils/graphql-client';
import { Platform, startPlatform } from '../../utils/platform';
import { describeWithService } from '../../utils/services';
import { leakedSecrets } from './leak-search';

interface Caller {
  department: string;
  roles?: string[];
  /** A citizen's own token, for someIdNumber. */
  citizen?: boolean;
}

interface ConnectionCase {
  coordinate: string;
  caller: Caller;
  /** `$after` and `$first` are declared by the harness; `{}` marks where the page goes. */
  query: string;
  path: string[];
  /** The node field whose value is the row's key (or identifies it). */
  key: string;
  variables?: () => Record<string, unknown>;
  /** Same connection, another filter: a cursor of the first must not page this one. */
  otherFilter?: () => Record<string, unknown>;
}

const BUREAU: Caller = { department: 'big-data-bureau', roles: ['audit-officer'] };
const PAGE = (key: string) => `edges { cursor node { ${key} } } pageInfo { endCursor hasNextPage }`;
const today = chinaToday();
let someIdNumber = '';

const CASES: ConnectionCase[] = [
  {
    coordinate: 'Query.people',
    caller: { department: 'public-security' },
    query: `query C($after: String, $first: Int, $region: ID!) { people(regionCode: $region, first: $first, after: $after) { ${PAGE('idNumber')} } }`,
    path: ['people'],
    key: 'idNumber',
    variables: () => ({ region: '320602' }),
    otherFilter: () => ({ region: '320681' }),
  },
  {
    coordinate: 'Query.legalEntities',
    caller: BUREAU,
    query: `query C($after: String, $first: Int, $status: EntityStatus) { legalEntities(status: $status, first: $first, after: $after) { ${PAGE('creditCode')} } }`,
    path: ['legalEntities'],
    key: 'creditCode',
    otherFilter: () => ({ status: 'ACTIVE' }),
  },
  {
    coordinate: 'Query.listEntries',
    // Conditional (it lists natural persons): asked as its owner.
    caller: { department: 'credit-office' },
    query: `query C($after: String, $first: Int, $type: CreditListType!) { listEntries(listType: $type, includeRemoved: true, first: $first, after: $after) { ${PAGE('id')} } }`,
    path: ['listEntries'],
    key: 'id',
    variables: () => ({ type: 'BLACK' }),
    otherFilter: () => ({ type: 'RED' }),
  },
  {
    coordinate: 'Region.cityParts',
    caller: { department: 'urban-management' },
    query: `query C($after: String, $first: Int, $code: ID!) { region(code: $code) { cityParts(first: $first, after: $after) { ${PAGE('code')} } } }`,
    path: ['region', 'cityParts'],
    key: 'code',
    variables: () => ({ code: '320602' }),
    otherFilter: () => ({ code: '320612' }),
  },
  {
    coordinate: 'Query.catalogue',
    caller: BUREAU,
    query: `query C($after: String, $first: Int, $level: SharingLevel) { catalogue(level: $level, first: $first, after: $after) { ${PAGE('coordinate')} } }`,
    path: ['catalogue'],
    key: 'coordinate',
    otherFilter: () => ({ level: 'CONDITIONAL' }),
  },
  {
    coordinate: 'Query.applications',
    caller: BUREAU,
    query: `query C($after: String, $first: Int, $status: ApplicationStatus) { applications(status: $status, first: $first, after: $after) { ${PAGE('id')} } }`,
    path: ['applications'],
    key: 'id',
    otherFilter: () => ({ status: 'ACTIVE' }),
  },
  {
    coordinate: 'Query.sharingApplications',
    caller: BUREAU,
    query: `query C($after: String, $first: Int) { sharingApplications(first: $first, after: $after) { ${PAGE('id')} } }`,
    path: ['sharingApplications'],
    key: 'id',
  },
  {
    coordinate: 'Query.sharingRequests',
    caller: BUREAU,
    query: `query C($after: String, $first: Int, $status: SharingRequestStatus) { sharingRequests(status: $status, first: $first, after: $after) { ${PAGE('id')} } }`,
    path: ['sharingRequests'],
    key: 'id',
    otherFilter: () => ({ status: 'APPROVED' }),
  },
  {
    coordinate: 'Query.overdueSharingRequests',
    caller: BUREAU,
    query: `query C($after: String, $first: Int) { overdueSharingRequests(first: $first, after: $after) { ${PAGE('id')} } }`,
    path: ['overdueSharingRequests'],
    key: 'id',
  },
  {
    coordinate: 'Query.cases',
    caller: BUREAU,
    query: `query C($after: String, $first: Int, $status: CaseStatus) { cases(status: $status, first: $first, after: $after) { ${PAGE('number')} } }`,
    path: ['cases'],
    key: 'number',
    otherFilter: () => ({ status: 'OPEN' }),
  },
  {
    coordinate: 'Query.grants',
    caller: BUREAU,
    query: `query C($after: String, $first: Int, $status: GrantStatus) { grants(status: $status, first: $first, after: $after) { ${PAGE('id')} } }`,
    path: ['grants'],
    key: 'id',
    otherFilter: () => ({ status: 'ACTIVE' }),
  },
  {
    coordinate: 'Query.accessLog',
    caller: BUREAU,
    query: `query C($after: String, $first: Int, $consumer: ID) { accessLog(consumer: $consumer, first: $first, after: $after) { ${PAGE('id')} } }`,
    path: ['accessLog'],
    key: 'id',
    otherFilter: () => ({ consumer: 'public-security' }),
  },
  {
    coordinate: 'Query.accessesToOwnedData',
    caller: BUREAU,
    query: `query C($after: String, $first: Int, $from: Date!, $to: Date!) { accessesToOwnedData(from: $from, to: $to, first: $first, after: $after) { ${PAGE('coordinate')} } }`,
    path: ['accessesToOwnedData'],
    key: 'coordinate',
    variables: () => ({ from: today, to: today }),
    otherFilter: () => ({ from: '2020-01-01', to: today }),
  },
  {
    coordinate: 'Query.whoAccessedMyData',
    caller: BUREAU,
    query: `query C($after: String, $first: Int, $id: ID!) { whoAccessedMyData(idNumber: $id, first: $first, after: $after) { subject { idNumber } ${PAGE('recordId')} } }`,
    path: ['whoAccessedMyData'],
    key: 'recordId',
    variables: () => ({ id: someIdNumber }),
  },
  {
    coordinate: 'Query.dataErrorReports',
    caller: BUREAU,
    query: `query C($after: String, $first: Int, $status: DataErrorReportStatus) { dataErrorReports(status: $status, first: $first, after: $after) { ${PAGE('id')} } }`,
    path: ['dataErrorReports'],
    key: 'id',
    otherFilter: () => ({ status: 'PENDING' }),
  },
  {
    coordinate: 'Query.correctionsToMyData',
    caller: { department: 'citizen', citizen: true },
    query: `query C($after: String, $first: Int) { correctionsToMyData(first: $first, after: $after) { edges { cursor node { coordinate } } pageInfo { endCursor hasNextPage } } }`,
    path: ['correctionsToMyData'],
    key: 'coordinate',
  },
  {
    coordinate: 'Query.subjectQuotaExceedances',
    caller: BUREAU,
    query: `query C($after: String, $first: Int, $from: Date!, $to: Date!) { subjectQuotaExceedances(from: $from, to: $to, first: $first, after: $after) { ${PAGE('day')} } }`,
    path: ['subjectQuotaExceedances'],
    key: 'day',
    variables: () => ({ from: today, to: today }),
  },
];

interface Page {
  cursors: string[];
  keys: string[];
  endCursor: string | null;
  hasNextPage: boolean;
}

/** Every `Type.field` of the supergraph that takes an `after` argument. */
function connectionFields(supergraphSdl: string): string[] {
  const out = new Set<string>();
  for (const def of parse(supergraphSdl).definitions) {
    if (def.kind !== Kind.OBJECT_TYPE_DEFINITION && def.kind !== Kind.OBJECT_TYPE_EXTENSION)
      continue;
    for (const field of def.fields ?? [])
      if (field.arguments?.some((a) => a.name.value === 'after'))
        out.add(`${def.name.value}.${field.name.value}`);
  }
  return [...out].sort();
}

const flip = (cursor: string, at: number) => {
  const raw = Buffer.from(cursor, 'base64url');
  raw[(at + raw.length) % raw.length] ^= 0x20;
  return raw.toString('base64url');
};

function cursorSuite(backend: 'sqlite' | 'mysql', redis: boolean) {
  let platform: Platform;
  const firstPages = new Map<string, Page>();

  async function ask(c: ConnectionCase, variables: Record<string, unknown>) {
    const headers = c.caller.citizen
      ? {
          authorization: `Bearer ${await issueToken(platform.security!.tokenKeys.signing!, platform.security!.tokenSettings, { department: 'citizen', citizenIdNumber: someIdNumber, ttlSeconds: 600 })}`,
        }
      : await platform.headers({
          department: c.caller.department,
          roles: c.caller.roles,
          operator: 'cursor-test',
        });
    return postGraphQL(
      platform.gatewayUrl,
      c.query,
      { ...(c.variables?.() ?? {}), ...variables },
      headers,
    );
  }

  async function page(c: ConnectionCase, variables: Record<string, unknown>): Promise<Page> {
    const { status, body } = await ask(c, variables);
    expect({ status, errors: body.errors }).toEqual({ status: 200, errors: undefined });
    const connection = c.path.reduce((value: any, name) => value[name], body.data);
    return {
      cursors: connection.edges.map((e: { cursor: string }) => e.cursor),
      keys: connection.edges.map((e: { node: Record<string, string> }) => String(e.node[c.key])),
      endCursor: connection.pageInfo.endCursor,
      hasNextPage: connection.pageInfo.hasNextPage,
    };
  }

  beforeAll(async () => {
    platform = await startPlatform({
      backend,
      persons: 1500,
      ...(redis ? { redis: { url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' } } : {}),
    });
    const people = await platform.subgraphs
      .population!.db('people')
      .where('region_code', '320602')
      .orderBy('id_number')
      .first('id_number');
    someIdNumber = people.id_number;
    await openCases(platform, 5);
    await fileErrorReports(platform, 5);
    // The audit connections page over what the others were asked: ask them first, then ship.
    for (const c of CASES.filter((c) => !c.coordinate.match(/access|Exceedance/i)))
      firstPages.set(c.coordinate, await page(c, { first: 3 }));
    await platform.audit!.ship();
    for (const c of CASES.filter((c) => !firstPages.has(c.coordinate)))
      firstPages.set(c.coordinate, await page(c, { first: 3 }));
  });
  afterAll(async () => {
    await platform?.stop();
  });

  it('covers every connection of the supergraph', () => {
    expect(CASES.map((c) => c.coordinate).sort()).toEqual(connectionFields(platform.supergraphSdl));
  });

  it.each(CASES.map((c) => [c.coordinate, c] as const))(
    '%s: cursors carry none of the page keys, even decoded',
    async (_, c) => {
      const first = firstPages.get(c.coordinate)!;
      // The owner sees idNumber in clear; any key could be asked for as readily.
      const secrets = [
        ...first.keys,
        ...(c.coordinate === 'Query.people' ? [first.keys[0].slice(6, 14)] : []),
      ];
      expect(
        leakedSecrets(
          {
            status: 200,
            headers: {},
            body: { cursors: first.cursors, endCursor: first.endCursor },
          },
          secrets,
        ),
      ).toEqual([]);
    },
  );

  it.each(CASES.map((c) => [c.coordinate, c] as const))(
    '%s: the end cursor pages on to the rows after it',
    async (_, c) => {
      const first = firstPages.get(c.coordinate)!;
      if (!first.hasNextPage) return;
      const next = await page(c, { first: 3, after: first.endCursor });
      expect(next.keys.length).toBeGreaterThan(0);
      expect(next.keys.filter((k) => first.keys.includes(k))).toEqual([]);
    },
  );

  it.each(CASES.map((c) => [c.coordinate, c] as const))(
    '%s: refuses a forged, altered, truncated or foreign cursor with BAD_USER_INPUT',
    async (_, c) => {
      const own = firstPages.get(c.coordinate)!;
      const foreign = [...firstPages.entries()].find(
        ([coordinate, p]) => coordinate !== c.coordinate && p.endCursor,
      )![1].endCursor!;
      const key = own.keys[0] ?? 'x';
      const variants: [string, string][] = [
        ['hand-made from a key', Buffer.from(`k:${key}`).toString('base64url')],
        ['hand-made JSON', Buffer.from(JSON.stringify([key])).toString('base64url')],
        ['from another connection', foreign],
      ];
      if (own.endCursor) {
        variants.push(
          ['altered at the start', flip(own.endCursor, 0)],
          ['altered in the middle', flip(own.endCursor, 20)],
          ['altered at the end', flip(own.endCursor, -1)],
        );
        variants.push(
          ['truncated', own.endCursor.slice(0, -4)],
          ['with bytes appended', `${own.endCursor}AAAA`],
        );
      }
      for (const [label, after] of variants) {
        const { body } = await ask(c, { first: 3, after });
        expect({ label, codes: body.errors?.map((e) => e.extensions?.code) }).toEqual({
          label,
          codes: ['BAD_USER_INPUT'],
        });
      }
    },
  );

  it.each(CASES.filter((c) => c.otherFilter).map((c) => [c.coordinate, c] as const))(
    '%s: refuses a cursor given with other filter arguments',
    async (_, c) => {
      const own = firstPages.get(c.coordinate)!;
      expect(own.endCursor).not.toBeNull();
      const { body } = await ask(c, { first: 3, after: own.endCursor, ...c.otherFilter!() });
      expect(body.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    },
  );
}

describe('cursors on SQLite', () => cursorSuite('sqlite', false));
describeWithService(['mysql', 'redis'], 'cursors on MariaDB with Redis', () =>
  cursorSuite('mysql', true),
);

/** Cases to page over: the service network opens a few, as a service hall would in a morning. */
async function openCases(platform: Platform, count: number): Promise<void> {
  const applicants = await platform.subgraphs
    .population!.db('people')
    .orderBy('id_number')
    .limit(count)
    .pluck('id_number');
  const headers = await platform.headers({
    department: 'big-data-bureau',
    application: 'service-network',
    purpose: 'ADMINISTRATIVE_APPROVAL',
  });
  for (const [i, id] of applicants.entries()) {
    const number = `NT${today.replace(/-/g, '')}-ZF0101-${String(i + 1).padStart(6, '0')}`;
    const { body } = await postGraphQL(
      platform.gatewayUrl,
      'mutation Open($in: OpenCaseInput!) { openCase(input: $in) { number } }',
      {
        in: {
          number,
          item: 'ZF0101',
          applicants: { idNumbers: [id] },
          operator: 'window-1',
          consent: {
            scope: ['Person.household'],
            signedAt: new Date(Date.now() - 60_000).toISOString(),
          },
        },
      },
      headers,
    );
    expect(body.errors).toBeUndefined();
  }
}

/** Error reports to page over: housing reports a wrong address of a few residents. */
async function fileErrorReports(platform: Platform, count: number): Promise<void> {
  const subjects = await platform.subgraphs
    .population!.db('people')
    .orderBy('id_number')
    .limit(count)
    .pluck('id_number');
  const headers = await platform.headers({ department: 'housing', operator: 'cursor-test' });
  for (const id of subjects) {
    const { body } = await postGraphQL(
      platform.gatewayUrl,
      'mutation R($in: DataErrorReportInput!) { reportDataError(input: $in) { id subject { __typename } } }',
      {
        in: {
          coordinate: 'Person.householdAddress',
          subject: { kind: 'PERSON', id },
          problem: 'wrong house number',
        },
      },
      headers,
    );
    expect(body.errors).toBeUndefined();
  }
}

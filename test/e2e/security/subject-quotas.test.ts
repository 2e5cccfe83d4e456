/**
 * Subject quotas against the enumeration of issue 7 §3.3: civil affairs holds a grant on
 * `Household.*` (with birth dates and household addresses) but not on `Query.people`, and asks
 * for guessed household numbers to rebuild the resident listing it was never granted. The owner
 * re-grants with a small daily subject quota; past it, the grant's data about further residents
 * is withheld with QUOTA_EXCEEDED (their unconditional fields stay), the real values appear
 * nowhere in any response, a resident already counted that day costs nothing again, the count is
 * shared by every gateway instance (on Redis), and the owner and the big data bureau see the
 * exceedance in the graph while others are refused.
 */
import { createClient } from 'redis';
import { chinaToday } from '../../../domain/china-date';
import { RecordRow, rowToRecord, SubjectRow } from '../../../contracts/audit/audit-rows';
import { isRecordIntact } from '../../../contracts/audit/record-chain';
import { GraphQLResult, postGraphQL } from '../../utils/graphql-client';
import { Platform, startPlatform } from '../../utils/platform';
import { describeWithService } from '../../utils/services';
import { leakedSecrets } from './leak-search';

const QUOTA = 5;
const CIVIL = {
  department: 'civil-affairs',
  application: 'minimum-living-allowance',
  operator: 'wang.fang',
  purpose: 'SOCIAL_ASSISTANCE',
};
const GRANTED = ['Household.*', 'Person.birthDate', 'Person.householdAddress'];

const EXCEEDANCES = `query Exceedances($day: Date!, $owner: ID) {
  subjectQuotaExceedances(from: $day, to: $day, owner: $owner) {
    totalCount
    nodes { day consumerCode application { id } grantId owner { code } quota subjectsRefused requests coordinates }
  }
}`;

interface Member {
  idNumber: string;
  name: string;
  birthDate: string | null;
  householdAddress: string | null;
}
interface Household {
  number: string;
  address: string | null;
  members: Member[] | null;
}

/** One request asking for several households by their numbers, each under its own alias. */
function householdsQuery(numbers: readonly string[]): string {
  const fields = numbers.map(
    (n, i) =>
      `h${i}: household(number: "${n}") { number address members { idNumber name birthDate householdAddress } }`,
  );
  return `query Guess { ${fields.join(' ')} }`;
}

async function within(limitMs: number, attempt: () => Promise<boolean>): Promise<void> {
  const started = Date.now();
  while (!(await attempt())) {
    if (Date.now() - started > limitMs) throw new Error(`not within ${limitMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

function quotaSuite(backend: 'sqlite' | 'mysql', redisUrl: string | null) {
  let platform: Platform;
  let grantId: string;
  let batches: string[][];
  /** The owner's view: the real values, by ID number. */
  const truth = new Map<
    string,
    { birthDate: string; householdAddress: string; household: string }
  >();
  const householdAddress = new Map<string, string>();
  const responses: GraphQLResult[] = [];
  const revoked: string[] = [];
  /** Residents whose granted data was served, and households withheld for a resident past the quota. */
  const served = new Set<string>();
  const withheldHouseholds = new Set<string>();
  /** The resident behind a masked ID number (region and last four characters) in a known household. */
  const idOf = (m: Member, household: string) =>
    [...truth.keys()].find(
      (k) =>
        k.slice(0, 6) === m.idNumber.slice(0, 6) &&
        k.slice(-4) === m.idNumber.slice(-4) &&
        truth.get(k)!.household === household,
    )!;

  const asOwner = async (
    query: string,
    variables: Record<string, unknown> = {},
    department = 'public-security',
  ) => {
    const { status, body } = await postGraphQL(
      platform.gatewayUrl,
      query,
      variables,
      await platform.headers({ department, operator: `op@${department}` }),
    );
    return { status, body };
  };
  const ok = async (
    query: string,
    variables: Record<string, unknown> = {},
    department = 'public-security',
  ) => {
    const { status, body } = await asOwner(query, variables, department);
    if (status !== 200 || body.errors)
      throw new Error(`${department}: HTTP ${status} ${JSON.stringify(body.errors)}`);
    return body.data as any;
  };

  beforeAll(async () => {
    const namespace = `quota-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    platform = await startPlatform({
      backend,
      persons: 300,
      subgraphs: ['population', 'sharing', 'audit'],
      ...(redisUrl ? { redis: { url: redisUrl, namespace } } : {}),
    });
    const numbers = (await platform.subgraphs
      .population!.db('households')
      .orderBy('number')
      .limit(24)
      .pluck('number')) as string[];
    // Guessed numbers: the real, sequential ones with a few that name no household among them.
    batches = [0, 1, 2].map((b) => [
      ...numbers.slice(b * 8, b * 8 + 8),
      `${numbers[0].slice(0, -3)}99${b}`,
    ]);
    for (const batch of batches) {
      const data = await ok(householdsQuery(batch));
      for (const h of Object.values(data) as Household[]) {
        if (!h) continue;
        householdAddress.set(h.number, h.address!);
        for (const m of h.members ?? [])
          truth.set(m.idNumber, {
            birthDate: m.birthDate!,
            householdAddress: m.householdAddress!,
            household: h.number,
          });
      }
    }
    expect(truth.size).toBeGreaterThan(QUOTA + 3);

    // The owner replaces the seeded grant (default quota) with one carrying a small quota.
    const held = await ok(
      '{ grants(department: "civil-affairs", grantedBy: "public-security", status: ACTIVE) { nodes { id subjectQuota } } }',
    );
    for (const g of held.grants.nodes) {
      await ok('mutation($id: ID!) { revokeGrant(id: $id, reason: "重新核定配额") { id } }', {
        id: g.id,
      });
      revoked.push(g.id);
    }
  });
  afterAll(async () => {
    await platform?.stop();
  });

  it('shows the owner the default subject quota on a pending request, and stores the quota it approves', async () => {
    const applied = await ok(
      'mutation($input: SharingApplicationInput!) { applyForSharing(input: $input) { requests { id owner { code } } } }',
      {
        input: {
          items: GRANTED,
          purposes: ['SOCIAL_ASSISTANCE'],
          justification: '低保审核',
          clear: true,
          application: CIVIL.application,
        },
      },
      'civil-affairs',
    );
    const [request] = applied.applyForSharing.requests;
    const pending = await ok(
      'query($id: ID!) { sharingRequest(id: $id) { status subjectQuota } }',
      { id: request.id },
    );
    expect(pending.sharingRequest).toEqual({ status: 'PENDING', subjectQuota: 1000 });
    const refusedQuota = await asOwner(
      'mutation($id: ID!) { approveSharingRequest(id: $id, input: { subjectQuota: 0 }) { id } }',
      { id: request.id },
    );
    expect(refusedQuota.body.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argumentName: 'subjectQuota',
    });
    const approved = await ok(
      'mutation($id: ID!, $q: Int) { approveSharingRequest(id: $id, input: { subjectQuota: $q }) { subjectQuota grant { id subjectQuota } } }',
      { id: request.id, q: QUOTA },
    );
    expect(approved.approveSharingRequest).toMatchObject({
      subjectQuota: QUOTA,
      grant: { subjectQuota: QUOTA },
    });
    grantId = approved.approveSharingRequest.grant.id;
    // Without spending any of the quota on polling: the gateway's own view of the grants.
    await within(3000, async () => {
      const snapshot = await platform.security!.grants.snapshotFor('civil-affairs');
      if (snapshot.status !== 'LOADED' || snapshot.grants.some((g) => revoked.includes(g.id)))
        return false;
      return snapshot.grants.some((g) => g.id === grantId && g.subjectQuota === QUOTA);
    });
  });

  it(`serves the granted data about at most ${QUOTA} residents, and withholds each further household with QUOTA_EXCEEDED`, async () => {
    for (const batch of batches) {
      const response = await postGraphQL(
        platform.gatewayUrl,
        householdsQuery(batch),
        {},
        await platform.headers(CIVIL),
      );
      expect(response.status).toBe(200);
      responses.push(response);
      const quotaErrors = (response.body.errors ?? []).filter(
        (e) => e.extensions?.code === 'QUOTA_EXCEEDED',
      );
      for (const e of quotaErrors) {
        expect(e.extensions).toMatchObject({ grantId, quota: QUOTA, day: chinaToday() });
        expect([
          'Household.members',
          'Household.address',
          'Person.birthDate',
          'Person.householdAddress',
        ]).toContain(e.extensions!.coordinate);
      }
      const errorAt = new Set(quotaErrors.map((e) => e.path!.join('.')));
      for (const [alias, h] of Object.entries(response.body.data ?? {}) as [
        string,
        Household | null,
      ][]) {
        if (!h) continue;
        if (h.members === null) {
          // A household with a resident past the quota: its composition and address are that resident's data too.
          expect(h.address).toBeNull();
          expect(errorAt).toContain(`${alias}.members`);
          expect(errorAt).toContain(`${alias}.address`);
          withheldHouseholds.add(h.number);
          continue;
        }
        expect(h.address).toBe(householdAddress.get(h.number));
        for (const m of h.members) {
          expect(m.name).toMatch(/\*/);
          const id = idOf(m, h.number);
          expect(m.birthDate).toBe(truth.get(id)!.birthDate);
          served.add(id);
        }
      }
    }
    expect(served.size).toBeGreaterThan(0);
    expect(served.size).toBeLessThanOrEqual(QUOTA);
    expect(withheldHouseholds.size).toBeGreaterThan(0);
  });

  it('lets no real value of a refused resident appear anywhere in any response', () => {
    const legitimately = new Set(
      [...served].flatMap((id) => [truth.get(id)!.birthDate, truth.get(id)!.householdAddress]),
    );
    // A value also served legitimately (a twin's birth date, a household shared with an admitted member) is no leak.
    const secrets = [...truth.keys()]
      .filter((id) => !served.has(id))
      .flatMap((id) => [truth.get(id)!.birthDate, truth.get(id)!.householdAddress])
      .filter((v) => !legitimately.has(v));
    expect(secrets.length).toBeGreaterThan(0);
    for (const response of responses) expect(leakedSecrets(response, secrets)).toEqual([]);
  });

  it("keeps a refused resident's unconditional fields when asked for by the resident's own number", async () => {
    // A resident of the last batch: the day's count was full long before.
    const id = [...truth.keys()].find((k) => batches[2].includes(truth.get(k)!.household))!;
    const response = await postGraphQL(
      platform.gatewayUrl,
      'query($id: ID!) { person(idNumber: $id) { name gender birthDate householdAddress } }',
      { id },
      await platform.headers(CIVIL),
    );
    responses.push(response);
    expect(response.body.data!.person).toEqual({
      name: expect.stringMatching(/\*/),
      gender: expect.any(String),
      birthDate: null,
      householdAddress: null,
    });
    expect(
      response.body.errors
        ?.map((e) => [e.path!.join('.'), e.extensions!.code, e.extensions!.coordinate])
        .sort(),
    ).toEqual([
      ['person.birthDate', 'QUOTA_EXCEEDED', 'Person.birthDate'],
      ['person.householdAddress', 'QUOTA_EXCEEDED', 'Person.householdAddress'],
    ]);
    expect(leakedSecrets(response, [truth.get(id)!.birthDate])).toEqual([]);
  });

  it('costs nothing to ask again about residents already counted today', async () => {
    const response = await postGraphQL(
      platform.gatewayUrl,
      householdsQuery(batches[0]),
      {},
      await platform.headers(CIVIL),
    );
    responses.push(response);
    const again = Object.values(response.body.data as Record<string, Household | null>).flatMap(
      (h) => (h?.members ?? []).filter((m) => m.birthDate !== null).map((m) => idOf(m, h!.number)),
    );
    expect(new Set(again)).toEqual(
      new Set([...served].filter((id) => batches[0].includes(truth.get(id)!.household))),
    );
  });

  it('shows the exceedance to the owner and the big data bureau: application, grant, day, quota and how far over', async () => {
    await platform.audit!.ship();
    const expected = {
      day: chinaToday(),
      consumerCode: 'civil-affairs',
      application: { id: CIVIL.application },
      grantId,
      owner: { code: 'public-security' },
      quota: QUOTA,
      // Every resident of the guessed households was counted; all past the first QUOTA refused.
      subjectsRefused: truth.size - QUOTA,
      coordinates: [
        'Household.address',
        'Household.members',
        'Person.birthDate',
        'Person.householdAddress',
      ],
    };
    const owner = await ok(EXCEEDANCES, { day: chinaToday() });
    expect(owner.subjectQuotaExceedances.nodes).toEqual([expect.objectContaining(expected)]);
    const bureau = await ok(EXCEEDANCES, { day: chinaToday() }, 'big-data-bureau');
    expect(bureau.subjectQuotaExceedances.nodes).toContainEqual(expect.objectContaining(expected));
    // Another owner sees no exceedance of grants it did not give.
    const other = await ok(EXCEEDANCES, { day: chinaToday() }, 'market-regulation');
    expect(other.subjectQuotaExceedances.nodes).toEqual([]);
  });

  it('keeps the refusals in the audit trail as evidence: keyed hashes only, and each record rebuilds to its chained hash', async () => {
    const db = await platform.audit!.connect();
    const rows = (await db('audit_records').whereNotNull('quota_refusals')) as RecordRow[];
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const subjects = (await db('audit_subjects').where({ record_id: row.id })) as SubjectRow[];
      const record = rowToRecord(row, subjects);
      expect(isRecordIntact(record)).toBe(true);
      expect(record.errorCodes).toContain('QUOTA_EXCEEDED');
      for (const refusal of record.quotaRefusals!) {
        expect(refusal).toMatchObject({ grantId, quota: QUOTA, day: chinaToday() });
        for (const subject of refusal.subjects) expect(subject).toMatch(/^person:[0-9a-f]{64}$/);
      }
    }
    const stored = JSON.stringify(rows);
    expect([...truth.keys()].filter((id) => stored.includes(id))).toEqual([]);
  });

  it.each([
    ['the consuming department itself', 'civil-affairs', null],
    ['a department without data', 'housing', null],
    ["an owner naming another owner's grants", 'market-regulation', 'public-security'],
  ])('refuses the exceedances to %s', async (_name, department, owner) => {
    const { body } = await asOwner(EXCEEDANCES, { day: chinaToday(), owner }, department);
    expect(body.data?.subjectQuotaExceedances ?? null).toBeNull();
    expect(body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  if (redisUrl) {
    it('shares the count with every gateway instance on the same Redis', async () => {
      const second = await platform.addGateway();
      await within(3000, async () => {
        const snapshot = await second.security!.grants.snapshotFor('civil-affairs');
        return snapshot.status === 'LOADED' && snapshot.grants.some((g) => g.id === grantId);
      });
      const response = await postGraphQL(
        second.url,
        householdsQuery(batches[2]),
        {},
        await platform.headers(CIVIL),
      );
      responses.push(response);
      const again = Object.values(response.body.data as Record<string, Household | null>).flatMap(
        (h) =>
          (h?.members ?? []).filter((m) => m.birthDate !== null).map((m) => idOf(m, h!.number)),
      );
      // The other instance's count is this one's: nobody new is admitted.
      expect(new Set(again)).toEqual(
        new Set([...served].filter((id) => batches[2].includes(truth.get(id)!.household))),
      );
      const redis = createClient({ url: redisUrl });
      await redis.connect();
      try {
        const keys = await redis.keys(
          `shujutong:subject-quota:*:${chinaToday()}:${grantId}:${CIVIL.application}`,
        );
        expect(keys).toHaveLength(1);
        expect(await redis.sCard(keys[0])).toBe(QUOTA);
        // Only keyed hashes are counted: no identifier is stored in Redis.
        for (const member of await redis.sMembers(keys[0]))
          expect(member).toMatch(/^person:[0-9a-f]{64}$/);
      } finally {
        await redis.quit();
      }
    });
  }
}

describe('subject quotas against household enumeration (SQLite, in-process counts)', () =>
  quotaSuite('sqlite', null));

describeWithService(
  ['mysql', 'redis'],
  'subject quotas against household enumeration (MariaDB, counts in Redis)',
  () => quotaSuite('mysql', process.env.REDIS_URL ?? null),
);

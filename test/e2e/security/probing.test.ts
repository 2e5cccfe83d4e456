/**
 * Probing is flagged for the owner and the big data bureau (issue 7 §2, §3.2, §3.3), from the
 * stored audit trail alone:
 *  - confirming a masked ID number by guessing (§3.2): a department without any grant on people
 *    asks for candidate ID numbers that fit the masked one's region and check character, a few
 *    aliased lookups per request; nearly all find nobody, some are malformed. The application is
 *    flagged (LOOKUP_MISSES) long before the guessing succeeds;
 *  - rebuilding a listing by guessed keys (§3.3): civil affairs asks for household after household
 *    and receives data about many distinct residents (DISTINCT_SUBJECTS);
 *  - an application doing ordinary lookups is not flagged.
 * Only owners whose data was asked for, and the bureau, see the flags; everyone else is refused.
 * Thresholds are set low here (AUDIT_PROBING_*), the attacks well above twice them, so a window
 * boundary falling inside a run cannot hide one.
 */
import { chinaToday } from '../../../domain/china-date';
import { postGraphQL } from '../../utils/graphql-client';
import { Platform, startPlatform } from '../../utils/platform';
import { describeWithService } from '../../utils/services';
import { candidates } from './id-candidates';

const FLAGS = `query Flags($owner: ID) {
  probingFlags(owner: $owner) {
    consumerCode application { id } windowStart windowEnd requests notFound badInput distinctSubjects reasons owners { code }
  }
}`;
const TAX = {
  department: 'tax',
  application: 'tax-collection',
  operator: 'li.ming',
  purpose: 'TAX_ADMINISTRATION',
};
const CIVIL = {
  department: 'civil-affairs',
  application: 'minimum-living-allowance',
  operator: 'wang.fang',
  purpose: 'SOCIAL_ASSISTANCE',
};
const HOUSING = {
  department: 'housing',
  application: 'housing-subsidy',
  operator: 'zhao.lei',
  purpose: 'HOUSING_SECURITY',
};
const SETTINGS = {
  AUDIT_PROBING_WINDOW_MINUTES: '10',
  AUDIT_PROBING_LOOKUP_MISSES: '50',
  AUDIT_PROBING_DISTINCT_SUBJECTS: '10',
};

interface Flag {
  consumerCode: string;
  application: { id: string } | null;
  windowStart: string;
  windowEnd: string;
  requests: number;
  notFound: number;
  badInput: number;
  distinctSubjects: number;
  reasons: string[];
  owners: { code: string }[];
}

function probingSuite(backend: 'sqlite' | 'mysql', redisUrl: string | null) {
  let platform: Platform;
  let target: string;
  const saved: Record<string, string | undefined> = {};
  const attackResponses: unknown[] = [];

  const flagsAs = async (department: string, owner: string | null = null) =>
    postGraphQL<{ probingFlags: Flag[] }>(
      platform.gatewayUrl,
      FLAGS,
      { owner },
      await platform.headers({ department, operator: `op@${department}` }),
    );
  const flagsOf = (flags: Flag[], department: string) =>
    flags.filter((f) => f.consumerCode === department);

  beforeAll(async () => {
    for (const [name, value] of Object.entries(SETTINGS)) {
      saved[name] = process.env[name];
      process.env[name] = value;
    }
    const namespace = `probing-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    platform = await startPlatform({
      backend,
      persons: 300,
      subgraphs: ['population', 'sharing', 'audit'],
      ...(redisUrl ? { redis: { url: redisUrl, namespace } } : {}),
    });
    const population = platform.subgraphs.population!.db;
    target = (await population('people').orderBy('id_number', 'desc').first('id_number')).id_number;

    // §3.2: 12 requests of 10 guesses and 2 malformed numbers each, none of them the target yet.
    const guesses = candidates(target, 120);
    expect(guesses).toHaveLength(120);
    for (let r = 0; r < 12; r++) {
      const batch = guesses.slice(r * 10, r * 10 + 10);
      const lookups = batch.map((id, i) => `g${i}: person(idNumber: "${id}") { name gender }`);
      lookups.push(
        `bad0: person(idNumber: "${target.slice(0, 17)}${target[17] === '0' ? '1' : '0'}") { name }`,
        `bad1: person(idNumber: "32068519") { name }`,
      );
      const { status, body } = await postGraphQL(
        platform.gatewayUrl,
        `query Guess { ${lookups.join(' ')} }`,
        {},
        await platform.headers(TAX),
      );
      if (status !== 200) throw new Error(`HTTP ${status}: ${JSON.stringify(body.errors)}`);
      attackResponses.push(body);
    }

    // §3.3: household after household, with the residents in them.
    const households = (await population('households')
      .orderBy('number')
      .limit(24)
      .pluck('number')) as string[];
    for (let r = 0; r < 3; r++) {
      const fields = households
        .slice(r * 8, r * 8 + 8)
        .map((n, i) => `h${i}: household(number: "${n}") { number members { name birthDate } }`);
      expect(
        (
          await postGraphQL(
            platform.gatewayUrl,
            `query Households { ${fields.join(' ')} }`,
            {},
            await platform.headers(CIVIL),
          )
        ).status,
      ).toBe(200);
    }

    // Ordinary work: two residents looked up by a system that knows their numbers.
    const known = (await population('people')
      .orderBy('id_number')
      .limit(2)
      .pluck('id_number')) as string[];
    for (const id of known) {
      expect(
        (
          await postGraphQL(
            platform.gatewayUrl,
            'query($id: ID!) { person(idNumber: $id) { name } }',
            { id },
            await platform.headers(HOUSING),
          )
        ).status,
      ).toBe(200);
    }
    await platform.audit!.ship();
  });
  afterAll(async () => {
    await platform?.stop();
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it('flags the application guessing ID numbers for lookups that find nobody or are malformed, before it has found the person', async () => {
    // Not yet succeeded: no guess named anybody.
    for (const body of attackResponses)
      expect(
        Object.values((body as { data: Record<string, unknown> }).data ?? {}).filter(
          (v) => v !== null,
        ),
      ).toEqual([]);
    const { status, body } = await flagsAs('big-data-bureau');
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const tax = flagsOf(body.data!.probingFlags, 'tax');
    expect(tax.length).toBeGreaterThan(0);
    for (const flag of tax) {
      expect(flag).toMatchObject({
        application: { id: 'tax-collection' },
        reasons: expect.arrayContaining(['LOOKUP_MISSES']),
        owners: expect.arrayContaining([{ code: 'public-security' }]),
      });
      expect(Date.parse(flag.windowEnd) - Date.parse(flag.windowStart)).toBe(10 * 60_000);
      expect(flag.notFound + flag.badInput).toBeGreaterThanOrEqual(50);
    }
    expect(tax.reduce((n, f) => n + f.notFound, 0)).toBe(120);
    expect(tax.reduce((n, f) => n + f.badInput, 0)).toBe(24);
    expect(tax.reduce((n, f) => n + f.requests, 0)).toBe(12);
    expect(tax[0].windowStart.slice(0, 10) <= chinaToday()).toBe(true);
  });

  it('flags the application enumerating households for the many distinct residents it received', async () => {
    const { body } = await flagsAs('big-data-bureau');
    const civil = flagsOf(body.data!.probingFlags, 'civil-affairs');
    expect(civil.length).toBeGreaterThan(0);
    for (const flag of civil)
      expect(flag).toMatchObject({
        application: { id: 'minimum-living-allowance' },
        reasons: expect.arrayContaining(['DISTINCT_SUBJECTS']),
      });
    expect(civil.reduce((n, f) => n + f.distinctSubjects, 0)).toBeGreaterThanOrEqual(20);
  });

  it('does not flag an application doing ordinary lookups', async () => {
    const { body } = await flagsAs('big-data-bureau');
    expect(flagsOf(body.data!.probingFlags, 'housing')).toEqual([]);
  });

  it('shows the owner of the data asked for both probers', async () => {
    const { body } = await flagsAs('public-security');
    expect(body.errors).toBeUndefined();
    expect(new Set(body.data!.probingFlags.map((f) => f.consumerCode))).toEqual(
      new Set(['tax', 'civil-affairs']),
    );
  });

  it('shows an owner whose data was not asked for nothing', async () => {
    const { body } = await flagsAs('market-regulation');
    expect(body.errors).toBeUndefined();
    expect(body.data!.probingFlags).toEqual([]);
  });

  it.each([
    ['the prober itself', 'tax', null],
    ['another consuming department', 'housing', null],
    ["an owner naming another owner's flags", 'market-regulation', 'public-security'],
  ])('refuses the flags to %s', async (_name, department, owner) => {
    const { body } = await flagsAs(department, owner);
    expect(body.data?.probingFlags ?? null).toBeNull();
    expect(body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
}

describe('probing flags from the audit trail (SQLite)', () => probingSuite('sqlite', null));

describeWithService(
  ['mysql', 'redis'],
  'probing flags from the audit trail (MariaDB and Redis)',
  () => probingSuite('mysql', process.env.REDIS_URL ?? null),
);

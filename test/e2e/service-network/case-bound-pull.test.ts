/**
 * The service network's pull bound to an approval case (办件), end to end: item grants (事项授权)
 * serve the case's applicants only, only while the case is open, only within the item's data
 * list and the applicants' consent; anything else is withheld with its reason, and the audit
 * record names the case and its item.
 */
import '../../utils/e2e-timeout';
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { issueToken } from '../../../gateway/auth/issue-token';
import { recordsFor } from '../audit/audit-rows';
import { GraphQLResult, postGraphQL } from '../../utils/graphql-client';
import { Platform, startPlatform } from '../../utils/platform';
import { describeWithService } from '../../utils/services';

const SERVICE_NETWORK = {
  department: 'big-data-bureau',
  application: 'service-network',
  operator: 'clerk-01',
  purpose: 'ADMINISTRATIVE_APPROVAL',
};

/** Today in China time as YYYYMMDD: a case number may not be dated after the day it is opened. */
const chinaDay = () =>
  new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10).replace(/-/g, '');

const OPEN_CASE = `mutation Open($input: OpenCaseInput!) { openCase(input: $input) { number status } }`;
const CLOSE_CASE = `mutation Close($n: ID!) { closeCase(number: $n) { number status } }`;
const HOUSEHOLD = `query Household($id: ID!) {
  person(idNumber: $id) { name household { number regionCode address } }
}`;

const reasons = (r: GraphQLResult) =>
  (r.body.errors ?? []).map((e) => [
    e.path?.join('.') ?? null,
    e.extensions?.reason ?? e.extensions?.code,
  ]);

function caseBoundSuite(backend: 'sqlite' | 'mysql', redisUrl: string | null) {
  let platform: Platform;
  let applicant: string;
  let neighbour: string;
  const number = `NT${chinaDay()}-ZF0101-${String(100000 + Math.floor(Math.random() * 800000))}`;

  const pull = async (query: string, variables: Record<string, unknown>, withCase = true) =>
    postGraphQL(platform.gatewayUrl, query, variables, {
      ...(await platform.headers(SERVICE_NETWORK)),
      ...(withCase ? { 'x-case': number } : {}),
    });

  beforeAll(async () => {
    platform = await startPlatform({
      backend,
      persons: 300,
      subgraphs: [
        'population',
        'legal-entity',
        'spatial',
        'licences',
        'credit',
        'sharing',
        'audit',
      ],
      ...(redisUrl ? { redis: { url: redisUrl } } : {}),
    });
    const people = await platform.subgraphs
      .population!.db('people')
      .whereNotNull('household_number')
      .orderBy('id_number')
      .limit(2)
      .pluck('id_number');
    [applicant, neighbour] = people;
    const opened = await postGraphQL(
      platform.gatewayUrl,
      OPEN_CASE,
      {
        input: {
          number,
          item: 'ZF0101',
          applicants: { idNumbers: [applicant] },
          operator: '窗口 张敏',
          // The household and its region, not its address: the applicant authorised no more.
          consent: {
            scope: ['Person.household', 'Household.regionCode'],
            signedAt: new Date(Date.now() - 60_000).toISOString(),
          },
        },
      },
      await platform.headers(SERVICE_NETWORK),
    );
    expect(opened.body.errors).toBeUndefined();
    expect(opened.body.data).toEqual({ openCase: { number, status: 'OPEN' } });
  });
  afterAll(() => platform?.stop());

  it("serves the applicant's household under the item grant, within the consent", async () => {
    const r = await pull(HOUSEHOLD, { id: applicant });
    const person = r.body.data?.person as {
      household: { number: string; regionCode: string | null; address: unknown };
    };
    expect(person.household.number).toEqual(expect.any(String));
    expect(person.household.regionCode).toEqual(expect.any(String));
    // Listed in the item, not authorised by the applicant.
    expect(person.household.address).toBeNull();
    expect(reasons(r)).toEqual([['person.household.address', 'NOT_CONSENTED']]);
  });

  it('withholds the same field without a case: CASE_REQUIRED', async () => {
    const r = await pull(HOUSEHOLD, { id: applicant }, false);
    expect((r.body.data?.person as { household: unknown }).household).toBeNull();
    expect(reasons(r)).toContainEqual(['person.household', 'CASE_REQUIRED']);
  });

  it('withholds anybody who is not an applicant of the case: SUBJECT_NOT_ON_CASE', async () => {
    const r = await pull(HOUSEHOLD, { id: neighbour });
    expect((r.body.data?.person as { household: unknown }).household).toBeNull();
    expect(reasons(r)).toContainEqual(['person.household', 'SUBJECT_NOT_ON_CASE']);
    // Both in one request: the applicant's is served, the neighbour's is not.
    const both = await pull(
      `query Two($a: ID!, $b: ID!) { a: person(idNumber: $a) { household { number } } b: person(idNumber: $b) { household { number } } }`,
      { a: applicant, b: neighbour },
    );
    const data = both.body.data as { a: { household: unknown }; b: { household: unknown } };
    expect(data.a.household).not.toBeNull();
    expect(data.b.household).toBeNull();
    expect(reasons(both)).toEqual([['b.household', 'SUBJECT_NOT_ON_CASE']]);
  });

  it('withholds a conditional field outside the item: NOT_IN_ITEM', async () => {
    const r = await pull(`{ legalEntities(first: 1) { nodes { creditCode paidInCapital } } }`, {});
    expect(reasons(r)).toContainEqual(['legalEntities.nodes.0.paidInCapital', 'NOT_IN_ITEM']);
  });

  it('refuses a malformed case number with 400 BAD_USER_INPUT', async () => {
    const r = await postGraphQL(
      platform.gatewayUrl,
      HOUSEHOLD,
      { id: applicant },
      {
        ...(await platform.headers(SERVICE_NETWORK)),
        'x-case': 'NT2026-ZF0101-1',
      },
    );
    expect(r.status).toBe(400);
    expect(r.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it("binds nothing for another application's case (its existence is not told)", async () => {
    const r = await postGraphQL(
      platform.gatewayUrl,
      HOUSEHOLD,
      { id: applicant },
      {
        ...(await platform.headers({
          department: 'civil-affairs',
          application: 'minimum-living-allowance',
          purpose: 'ADMINISTRATIVE_APPROVAL',
        })),
        'x-case': number,
      },
    );
    expect(r.status).toBe(200);
    expect(JSON.stringify(r.body)).not.toMatch(/ZF0101|公共租赁/);
  });

  it('runs the registered applicant profile by its hash under the case, and records case and item', async () => {
    const text = fs.readFileSync(
      path.resolve(__dirname, '../../../persisted/service-network/applicant-profile.graphql'),
    );
    const sha = createHash('sha256').update(text).digest('hex');
    const r = await fetch(platform.gatewayUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(await platform.headers(SERVICE_NETWORK)),
        'x-case': number,
      },
      body: JSON.stringify({ documentId: `sha256:${sha}`, variables: { idNumber: applicant } }),
    });
    const body = (await r.json()) as { data?: { person?: { idNumber: string } } };
    expect(r.status).toBe(200);
    // Served (masked, as ID numbers are to every department but their owner's).
    expect(body.data?.person?.idNumber?.slice(-4)).toBe(applicant.slice(-4));
    await platform.audit!.ship();
    const [record] = await recordsFor(
      await platform.audit!.connect(),
      r.headers.get('x-request-id')!,
    );
    expect(record).toMatchObject({
      caseNumber: number,
      itemCode: 'ZF0101',
      operationName: 'ApplicantProfile',
    });
  });

  it('shows the citizen, for each access under the case, the case and its item by name', async () => {
    await platform.audit!.ship();
    const citizen = await issueToken(
      platform.security!.tokenKeys.signing!,
      platform.security!.tokenSettings,
      { department: 'citizen', citizenIdNumber: applicant, ttlSeconds: 600 },
    );
    const r = await postGraphQL(
      platform.gatewayUrl,
      `query Who($id: ID!) { whoAccessedMyData(idNumber: $id) { subject { idNumber } nodes { application { id } case { number item { code name } } } } }`,
      { id: applicant },
      { authorization: `Bearer ${citizen}` },
    );
    expect(r.body.errors).toBeUndefined();
    const nodes = (r.body.data as { whoAccessedMyData: { nodes: { case: unknown }[] } })
      .whoAccessedMyData.nodes;
    expect(nodes).toContainEqual({
      application: { id: 'service-network' },
      case: { number, item: { code: 'ZF0101', name: '公共租赁住房申请' } },
    });
    // The pull without a case is there too, with no case.
    expect(nodes).toContainEqual({ application: { id: 'service-network' }, case: null });
  });

  it('binds the entities an applicant represents when the item draws on them (GT0101)', async () => {
    const entities = platform.subgraphs['legal-entity']!.db('legal_entities');
    const { legal_rep_id_number: representative, credit_code: own } = await entities
      .clone()
      .whereNotNull('legal_rep_id_number')
      .orderBy('credit_code')
      .first('legal_rep_id_number', 'credit_code');
    const { credit_code: stranger } = await entities
      .clone()
      .whereNot('legal_rep_id_number', representative)
      .orderBy('credit_code')
      .first('credit_code');
    const entityCase = `NT${chinaDay()}-GT0101-${number.slice(-6)}`;
    const opened = await postGraphQL(
      platform.gatewayUrl,
      OPEN_CASE,
      {
        input: {
          number: entityCase,
          item: 'GT0101',
          applicants: { idNumbers: [representative] },
          operator: '窗口 李强',
          consent: {
            scope: ['Person.enterprises', 'Certificate.licenceNumber'],
            signedAt: new Date(Date.now() - 60_000).toISOString(),
          },
        },
      },
      await platform.headers(SERVICE_NETWORK),
    );
    expect(opened.body.errors).toBeUndefined();
    const LICENCES = `query L($cc: ID!) { legalEntity(creditCode: $cc) { certificates { licenceNumber } } }`;
    const headers = { ...(await platform.headers(SERVICE_NETWORK)), 'x-case': entityCase };
    // The entity the applicant represents: its licence numbers, served under the item grant.
    const mine = await postGraphQL(platform.gatewayUrl, LICENCES, { cc: own }, headers);
    expect(mine.body.errors).toBeUndefined();
    const certificates = (
      mine.body.data as { legalEntity: { certificates: { licenceNumber: string }[] } }
    ).legalEntity.certificates;
    expect(certificates.length).toBeGreaterThan(0);
    expect(certificates.every((c) => typeof c.licenceNumber === 'string')).toBe(true);
    // Any other entity: withheld.
    const theirs = await postGraphQL(platform.gatewayUrl, LICENCES, { cc: stranger }, headers);
    expect(reasons(theirs)).toContainEqual([
      'legalEntity.certificates.0.licenceNumber',
      'SUBJECT_NOT_ON_CASE',
    ]);
  });

  it('yields nothing more once the case is closed: CASE_CLOSED', async () => {
    const closed = await postGraphQL(
      platform.gatewayUrl,
      CLOSE_CASE,
      { n: number },
      await platform.headers(SERVICE_NETWORK),
    );
    expect(closed.body.data).toEqual({ closeCase: { number, status: 'CLOSED' } });
    const r = await pull(HOUSEHOLD, { id: applicant });
    expect((r.body.data?.person as { household: unknown }).household).toBeNull();
    expect(reasons(r)).toContainEqual(['person.household', 'CASE_CLOSED']);
  });
}

describe('the case-bound pull (SQLite)', () => caseBoundSuite('sqlite', null));

describeWithService(['mysql', 'redis'], 'the case-bound pull (MariaDB, Redis)', () =>
  caseBoundSuite('mysql', process.env.REDIS_URL ?? null),
);

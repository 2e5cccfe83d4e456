/**
 * Reading the audit trail through the graph, end to end: real requests through the real gateway
 * (authentication, sharing policy, audit, signing) are recorded by the gateway's audit trail and
 * shipped into the audit database, which the audit subgraph reads behind the same gateway. A
 * citizen's own token sees who accessed the citizen's data and nothing else of the graph; an
 * officer needs a role, and the officer's lookup shows up in the citizen's list; departments read
 * their own log and the use of their data; the statistics are the big data bureau's.
 */
import { issueToken } from '../../../gateway/auth/issue-token';
import { postGraphQL } from '../../utils/graphql-client';
import { Platform, startPlatform } from '../../utils/platform';
import { chinaToday } from '../../../domain/china-date';

const PERSON = 'query Resident($id: ID!) { person(idNumber: $id) { name } }';
const WHO = `query WhoLooked($id: ID!) {
  whoAccessedMyData(idNumber: $id) {
    subject { idNumber }
    totalCount
    nodes { time department { code name } departmentCode application { id } operator purpose operationName fieldsServed outcome }
  }
}`;

/** Today in China (UTC+8), as the usage tables date requests. */

describe('reading the audit trail through the gateway', () => {
  let platform: Platform;
  let personA: string;
  let personB: string;
  const civil = {
    department: 'civil-affairs',
    application: 'minimum-living-allowance',
    operator: 'wang.fang',
    purpose: 'SOCIAL_ASSISTANCE',
  };
  const housing = {
    department: 'housing',
    application: 'housing-subsidy',
    operator: 'zhao.lei',
    purpose: 'HOUSING_SECURITY',
  };
  const ask = async (
    query: string,
    variables: Record<string, unknown>,
    headers: Record<string, string>,
  ) => postGraphQL(platform.gatewayUrl, query, variables, headers);
  const citizen = async (idNumber: string) => ({
    authorization: `Bearer ${await issueToken(platform.security!.tokenKeys.signing!, platform.security!.tokenSettings, { department: 'citizen', citizenIdNumber: idNumber, ttlSeconds: 600 })}`,
  });

  beforeAll(async () => {
    platform = await startPlatform({ subgraphs: ['population', 'sharing', 'audit'], persons: 200 });
    const people = await platform.subgraphs
      .population!.db('people')
      .orderBy('id_number')
      .limit(2)
      .pluck('id_number');
    [personA, personB] = people as string[];
    // Real traffic, recorded by the gateway: two departments look people up.
    expect((await ask(PERSON, { id: personA }, await platform.headers(civil))).status).toBe(200);
    expect((await ask(PERSON, { id: personB }, await platform.headers(housing))).status).toBe(200);
    await platform.audit!.ship();
  });
  afterAll(async () => {
    await platform?.stop();
  });

  it("shows a citizen, by their own token, which department's system looked at their data and why", async () => {
    const { status, body } = await ask(WHO, { id: personA }, await citizen(personA));
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const who = body.data!.whoAccessedMyData;
    // The citizen is not the owner of the population database: their ID comes back masked, like anyone's.
    expect(who.subject.idNumber).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
    expect(who.totalCount).toBe(1);
    expect(who.nodes[0]).toMatchObject({
      department: { code: 'civil-affairs', name: '民政局' },
      application: { id: 'minimum-living-allowance' },
      operator: null,
      purpose: 'SOCIAL_ASSISTANCE',
      operationName: 'Resident',
      outcome: 'OK',
    });
    expect(who.nodes[0].fieldsServed).toEqual(
      expect.arrayContaining(['Query.person', 'Person.name']),
    );
  });

  it("refuses a citizen another person's accesses, and the rest of the graph", async () => {
    const other = await ask(WHO, { id: personB }, await citizen(personA));
    expect(other.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(other.body.data?.whoAccessedMyData ?? null).toBeNull();
    const person = await ask(PERSON, { id: personA }, await citizen(personA));
    expect(person.status).toBe(403);
    expect(person.body.errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'CITIZEN_SCOPE',
      coordinates: ['Person.name', 'Query.person'],
    });
    const systems = await ask(
      'query($id: ID!) { whoAccessedMyData(idNumber: $id) { subject { idNumber } nodes { application { name } } } }',
      { id: personA },
      await citizen(personA),
    );
    expect(systems.body.errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      coordinates: ['Application.name'],
    });
  });

  it("needs an officer's role, and records the officer's lookup against the person", async () => {
    const clerk = await ask(WHO, { id: personA }, await platform.headers({ ...civil, roles: [] }));
    expect(clerk.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const officer = await ask(
      WHO,
      { id: personA },
      await platform.headers({
        department: 'big-data-bureau',
        operator: 'dpo.liu',
        roles: ['data-protection-officer'],
        purpose: 'PUBLIC_SERVICE',
      }),
    );
    expect(officer.body.errors).toBeUndefined();
    // Officers see who acted (the citizen's own look is there too, already shipped in the background).
    expect(
      officer.body.data!.whoAccessedMyData.nodes.find(
        (n: { departmentCode: string }) => n.departmentCode === 'civil-affairs',
      ),
    ).toMatchObject({ operator: 'wang.fang' });
    await platform.audit!.ship();
    const seen = (await ask(WHO, { id: personA }, await citizen(personA))).body.data!
      .whoAccessedMyData.nodes;
    expect(
      seen.map((n: { departmentCode: string; operationName: string }) => [
        n.departmentCode,
        n.operationName,
      ]),
    ).toEqual([
      ['big-data-bureau', 'WhoLooked'],
      // the citizen's own first look
      ['citizen', 'WhoLooked'],
      ['civil-affairs', 'Resident'],
    ]);
    expect(seen[0]).toMatchObject({
      department: { name: '大数据管理局' },
      purpose: 'PUBLIC_SERVICE',
      operator: null,
    });
  });

  it("gives a department its own log and the use of its data, and keeps the bureau's statistics the bureau's", async () => {
    const log = await ask(
      '{ accessLog { totalCount nodes { application { id name } purpose fieldsServed } } }',
      {},
      await platform.headers({ ...civil, purpose: undefined }),
    );
    expect(log.body.errors).toBeUndefined();
    expect(
      log.body.data!.accessLog.nodes.find(
        (n: { purpose: string }) => n.purpose === 'SOCIAL_ASSISTANCE',
      ),
    ).toMatchObject({
      application: { id: 'minimum-living-allowance', name: '最低生活保障审批系统' },
    });
    expect(
      log.body.data!.accessLog.nodes.every(
        (n: { application: { id: string } | null }) =>
          n.application === null || n.application.id === 'minimum-living-allowance',
      ),
    ).toBe(true);

    const today = chinaToday();
    const owned = await ask(
      `query($d: Date!) { accessesToOwnedData(from: $d, to: $d, first: 100) { upToDate nodes { coordinate consumerCode application { id } purpose served masked } } }`,
      { d: today },
      await platform.headers({ department: 'public-security' }),
    );
    expect(owned.body.errors).toBeUndefined();
    expect(owned.body.data!.accessesToOwnedData.nodes).toEqual(
      expect.arrayContaining([
        {
          coordinate: 'Person.name',
          consumerCode: 'civil-affairs',
          application: { id: 'minimum-living-allowance' },
          purpose: 'SOCIAL_ASSISTANCE',
          served: 1,
          masked: 1,
        },
        {
          coordinate: 'Person.name',
          consumerCode: 'housing',
          application: { id: 'housing-subsidy' },
          purpose: 'HOUSING_SECURITY',
          served: 1,
          masked: 1,
        },
      ]),
    );

    // The bureau can read citizens' own lookups as one more consumer; their ID numbers are in no column.
    const citizens = await ask(
      '{ accessLog(consumer: "citizen") { totalCount nodes { departmentCode department { code } operator operationName } } }',
      {},
      await platform.headers({ department: 'big-data-bureau' }),
    );
    expect(citizens.body.errors).toBeUndefined();
    expect(citizens.body.data!.accessLog.totalCount).toBeGreaterThanOrEqual(2);
    expect(citizens.body.data!.accessLog.nodes[0]).toMatchObject({
      departmentCode: 'citizen',
      department: null,
      operator: null,
    });

    const year = Number(today.slice(0, 4));
    const STATS =
      'query($y: Int!) { sharingStatistics(year: $y) { upToDate lines { departmentCode resource owner { code } requests } } }';
    const refused = await ask(
      STATS,
      { y: year },
      await platform.headers({ department: 'housing' }),
    );
    expect(refused.body.data!.sharingStatistics).toBeNull();
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN_FIELD',
      reason: 'NOT_SHARED',
    });
    const bureau = await ask(
      STATS,
      { y: year },
      await platform.headers({ department: 'big-data-bureau' }),
    );
    expect(bureau.body.errors).toBeUndefined();
    expect(bureau.body.data!.sharingStatistics.lines).toEqual(
      expect.arrayContaining([
        {
          departmentCode: 'housing',
          resource: 'Person',
          owner: { code: 'public-security' },
          requests: 1,
        },
      ]),
    );
  });
});

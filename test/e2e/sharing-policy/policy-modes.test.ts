/**
 * The three enforcement modes (SHARING_POLICY_MODE) over one set of subgraphs, failing closed
 * when grants cannot be loaded, and the resource catalogue as the graph serves it.
 */
import { postGraphQL } from '../../utils/graphql-client';
import { ExtraGateway, Platform, startPlatform } from '../../utils/platform';
import { captureSubgraphRequests, sentField } from './sharing-fixtures';

const QUERY = 'query Resident($id: ID!) { person(idNumber: $id) { gender birthDate phone } }';

describe('sharing policy modes', () => {
  let platform: Platform;
  let reject: ExtraGateway;
  let dryRun: ExtraGateway;
  let resident: { id_number: string; birth_date: string; phone: string };
  const lines: string[] = [];
  const capture = captureSubgraphRequests();

  beforeAll(async () => {
    platform = await startPlatform({
      persons: 300,
      subgraphs: ['population', 'sharing'],
      hooks: [capture.hook],
      log: (line) => lines.push(line),
    });
    reject = await platform.addGateway({ sharingPolicyMode: 'reject' });
    dryRun = await platform.addGateway({ sharingPolicyMode: 'dry-run' });
    resident = await platform.subgraphs
      .population!.db('people')
      .whereNotNull('phone')
      .orderBy('id_number')
      .first('id_number', 'birth_date', 'phone');
  });
  afterAll(async () => {
    await platform?.stop();
  });

  const ask = async (url: string, department = 'education', query = QUERY) => {
    capture.reset();
    return postGraphQL(
      url,
      query,
      { id: resident.id_number },
      await platform.headers({ department, purpose: 'EDUCATION_ENROLMENT' }),
    );
  };

  it('filter (default): nulls and one FORBIDDEN_FIELD error per withheld field, the rest served', async () => {
    const { status, body } = await ask(platform.gatewayUrl);
    expect(status).toBe(200);
    expect(body.data).toEqual({
      person: { gender: expect.any(String), birthDate: null, phone: null },
    });
    expect(
      body.errors!.map((e) => [
        e.path,
        e.extensions!.code,
        e.extensions!.reason,
        e.extensions!.coordinate,
      ]),
    ).toEqual([
      [['person', 'birthDate'], 'FORBIDDEN_FIELD', 'NO_GRANT', 'Person.birthDate'],
      [['person', 'phone'], 'FORBIDDEN_FIELD', 'NO_GRANT', 'Person.phone'],
    ]);
    expect(sentField(capture, 'gender')).toBe(true);
    expect(sentField(capture, 'birthDate')).toBe(false);
  });

  it('reject: refuses the whole operation with HTTP 403 naming every withheld coordinate, and asks no subgraph', async () => {
    const { status, body } = await ask(reject.url);
    expect(status).toBe(403);
    expect(body.data).toBeUndefined();
    expect(body.errors).toHaveLength(1);
    const [error] = body.errors!;
    expect(error.message).toContain('Person.birthDate, Person.phone');
    expect(error.extensions).toEqual({
      code: 'FORBIDDEN_FIELD',
      coordinates: ['Person.birthDate', 'Person.phone'],
      denied: [
        { path: ['person', 'birthDate'], coordinate: 'Person.birthDate', reason: 'NO_GRANT' },
        { path: ['person', 'phone'], coordinate: 'Person.phone', reason: 'NO_GRANT' },
      ],
    });
    expect(capture.sent).toEqual([]);
  });

  it('reject: serves an operation that asks for nothing withheld', async () => {
    const { status, body } = await ask(
      reject.url,
      'education',
      'query Resident($id: ID!) { person(idNumber: $id) { gender } }',
    );
    expect(status).toBe(200);
    expect(body).toEqual({ data: { person: { gender: expect.any(String) } } });
    // The owner is never refused.
    expect((await ask(reject.url, 'public-security')).status).toBe(200);
  });

  it('dry-run: serves everything, reports what it would withhold in extensions and the log, and warns loudly at start', async () => {
    const { status, body } = await ask(dryRun.url);
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data!.person).toMatchObject({
      birthDate: String(resident.birth_date).slice(0, 10),
      phone: resident.phone,
    });
    expect(body.extensions!.sharingPolicy).toMatchObject({
      mode: 'dry-run',
      wouldDeny: [
        { coordinate: 'Person.birthDate', reason: 'NO_GRANT', path: ['person', 'birthDate'] },
        { coordinate: 'Person.phone', reason: 'NO_GRANT', path: ['person', 'phone'] },
      ],
    });
    expect(lines).toContainEqual(expect.stringMatching(/WARNING: SHARING_POLICY_MODE=dry-run/));
    expect(lines).toContainEqual(
      '[sharing-policy] dry-run: would withhold from education: Person.birthDate (NO_GRANT), Person.phone (NO_GRANT)',
    );
  });

  it('serves the resource catalogue (资源目录) from the sharing subgraph', async () => {
    const { body } = await ask(
      platform.gatewayUrl,
      'education',
      `{ catalogue(owner: "public-security", level: CONDITIONAL, search: "birth") { totalCount nodes { coordinate resource item ownerDepartment { code name } sharingLevel condition mask description } } }`,
    );
    expect(body.errors).toBeUndefined();
    expect(body.data!.catalogue).toEqual({
      totalCount: 1,
      nodes: [
        {
          coordinate: 'Person.birthDate',
          resource: 'Person',
          item: 'birthDate',
          ownerDepartment: { code: 'public-security', name: '公安局' },
          sharingLevel: 'CONDITIONAL',
          condition: 'Needed to establish age-based eligibility (pensions, schooling, subsidies).',
          mask: 'DATE',
          description: '出生日期',
        },
      ],
    });
    const page = await ask(
      platform.gatewayUrl,
      'education',
      '{ catalogue(level: NONE, first: 2) { nodes { coordinate sharingLevel } pageInfo { hasNextPage endCursor } } }',
    );
    expect(page.body.data!.catalogue.nodes).toHaveLength(2);
    expect(page.body.data!.catalogue.pageInfo.hasNextPage).toBe(true);
    const unknown = await ask(
      platform.gatewayUrl,
      'education',
      '{ catalogue(owner: "nobody") { totalCount } }',
    );
    expect(unknown.body.errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argumentName: 'owner',
    });
  });

  // Runs last: it stops the sharing subgraph.
  it('fails closed when grants cannot be loaded: conditional fields withheld as POLICY_UNAVAILABLE, unconditional ones served', async () => {
    await platform.subgraphs.sharing!.stop();
    // Past the in-process lifetime of anything cached before (1 s).
    await new Promise((r) => setTimeout(r, 1100));
    const { status, body } = await ask(platform.gatewayUrl, 'health');
    expect(status).toBe(200);
    expect(body.data).toEqual({
      person: { gender: expect.any(String), birthDate: null, phone: null },
    });
    expect(body.errors!.map((e) => [e.path, e.extensions!.reason])).toEqual([
      [['person', 'birthDate'], 'POLICY_UNAVAILABLE'],
      [['person', 'phone'], 'POLICY_UNAVAILABLE'],
    ]);
    expect(sentField(capture, 'birthDate')).toBe(false);
    expect(lines).toContainEqual(
      expect.stringMatching(/\[grants\] could not load health's grants/),
    );
    // The owner needs no grant.
    const owner = await ask(platform.gatewayUrl, 'public-security');
    expect(owner.body.errors).toBeUndefined();
    expect(owner.body.data!.person.birthDate).toBe(String(resident.birth_date).slice(0, 10));
  });
});

/**
 * Authentication at the gateway: every GraphQL request carries a platform token; the caller it
 * names (with the purpose stated for the request) is what the subgraphs see, signed.
 */
import { generateKeyPairSync } from 'node:crypto';
import { issueToken } from '../../../gateway/auth/issue-token';
import { loadTokenKeys } from '../../../gateway/auth/token-keys';
import { readTokenSettings } from '../../../gateway/auth/token-settings';
import type { GatewayHooks } from '../../../gateway/stages/stage-hooks';
import type { CallerIdentity } from '../../../contracts/caller/caller-identity';
import { GraphQLResult, postGraphQL } from '../../utils/graphql-client';
import { Platform, startPlatform } from '../../utils/platform';

const PERSON = `query($id: ID!) { person(idNumber: $id) { idNumber } }`;
const OWN_SHARING_APPLICATIONS = `{ sharingApplications(first: 50) { nodes { department { code } } } }`;

describe('gateway authentication', () => {
  let platform: Platform;
  let someone: string;
  const seen: (CallerIdentity | null)[] = [];
  const capture: GatewayHooks = {
    name: 'capture-caller',
    onResponse: ({ context }) => void seen.push(context.caller),
  };

  const ask = (
    headers: Record<string, string>,
    query = PERSON,
    variables: Record<string, unknown> = { id: someone },
  ) => postGraphQL(platform.gatewayUrl, query, variables, headers);
  const bearer = async (request: Parameters<Platform['token']>[0]) => ({
    authorization: `Bearer ${await platform.token(request)}`,
  });

  function expectRefused(
    result: GraphQLResult,
    status: number,
    code: string,
    reason: string,
  ): void {
    expect(result.status).toBe(status);
    expect(result.body.data).toBeUndefined();
    expect(result.body.errors).toEqual([expect.objectContaining({ extensions: { code, reason } })]);
  }

  beforeAll(async () => {
    platform = await startPlatform({
      subgraphs: ['population', 'sharing'],
      persons: 200,
      hooks: [capture],
    });
    someone = (await platform.subgraphs.population!.db('people').first('id_number')).id_number;
  });
  afterAll(async () => {
    await platform?.stop();
  });
  beforeEach(() => {
    seen.length = 0;
  });

  describe('refuses with 401 UNAUTHENTICATED and WWW-Authenticate', () => {
    it('a request without a token', async () => {
      const result = await ask({});
      expectRefused(result, 401, 'UNAUTHENTICATED', 'MISSING');
      expect(result.headers.get('www-authenticate')).toBe('Bearer realm="shujutong"');
      expect(result.headers.get('content-type')).toMatch(/^application\/json/);
    });

    it.each([
      ['another scheme', 'Basic dXNlcjpwYXNz'],
      ['a token that is not a JWT', 'Bearer not-a-token'],
      ['three parts of garbage', 'Bearer abc.def.ghi'],
    ])('a malformed token: %s', async (_name, authorization) => {
      const result = await ask({ authorization });
      expectRefused(result, 401, 'UNAUTHENTICATED', 'MALFORMED');
      expect(result.headers.get('www-authenticate')).toMatch(
        /^Bearer realm="shujutong", error="invalid_token", error_description="[^"]+"$/,
      );
    });

    it('an expired token', async () => {
      const result = await ask(
        await bearer({
          department: 'tax',
          ttlSeconds: 60,
          issuedAt: new Date(Date.now() - 3600_000),
        }),
      );
      expectRefused(result, 401, 'UNAUTHENTICATED', 'EXPIRED');
      expect(result.headers.get('www-authenticate')).toContain('error="invalid_token"');
    });

    it("a token signed with a key that is not the platform's", async () => {
      const privatePem = generateKeyPairSync('ed25519')
        .privateKey.export({ format: 'pem', type: 'pkcs8' })
        .toString();
      const settings = readTokenSettings({ JWT_PRIVATE_KEY: privatePem });
      const foreign = await issueToken((await loadTokenKeys(settings)).signing!, settings, {
        department: 'big-data-bureau',
        ttlSeconds: 600,
      });
      expectRefused(
        await ask({ authorization: `Bearer ${foreign}` }),
        401,
        'UNAUTHENTICATED',
        'BAD_SIGNATURE',
      );
    });

    it('GraphQL over GET too', async () => {
      const res = await fetch(
        `${platform.gatewayUrl}?query=${encodeURIComponent('{ __typename }')}`,
        { headers: { accept: 'application/json' } },
      );
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer realm="shujutong"');
    });
  });

  describe('refuses with 403 FORBIDDEN', () => {
    it.each([
      ['not registered', 'tax', 'ghost-system', 'UNKNOWN_APPLICATION'],
      ['retired', 'civil-affairs', 'elderly-care-subsidy', 'APPLICATION_NOT_ACTIVE'],
      [
        "another department's",
        'tax',
        'minimum-living-allowance',
        'APPLICATION_OF_ANOTHER_DEPARTMENT',
      ],
    ])(
      'a valid token for an application that is %s',
      async (_name, department, application, reason) => {
        const result = await ask(await bearer({ department, application }));
        expectRefused(result, 403, 'FORBIDDEN', reason);
        expect(result.headers.get('www-authenticate')).toBeNull();
      },
    );

    it('an application as soon as it is suspended through the gateway, and again once reactivated', async () => {
      const housing = await bearer({ department: 'housing', application: 'housing-subsidy' });
      expect((await ask(housing)).status).toBe(200);
      const bureau = await bearer({
        department: 'big-data-bureau',
        application: 'shujutong-gateway',
      });
      const SET = `mutation($status: ApplicationStatus!) { setApplicationStatus(id: "housing-subsidy", status: $status, reason: "安全检查") { status } }`;
      const suspended = await ask(bureau, SET, { status: 'SUSPENDED' });
      expect(suspended.body).toEqual({ data: { setApplicationStatus: { status: 'SUSPENDED' } } });
      expectRefused(await ask(housing), 403, 'FORBIDDEN', 'APPLICATION_NOT_ACTIVE');
      expect((await ask(bureau, SET, { status: 'ACTIVE' })).body.errors).toBeUndefined();
      expect((await ask(housing)).status).toBe(200);
    });
  });

  it('serves a valid token, with the caller it names and the purpose from x-purpose', async () => {
    const headers = {
      ...(await bearer({
        department: 'civil-affairs',
        application: 'minimum-living-allowance',
        operator: 'zhang.wei',
        roles: ['clerk'],
      })),
      'x-purpose': 'SOCIAL_ASSISTANCE',
    };
    const result = await ask(headers);
    expect(result.status).toBe(200);
    expect(result.body.errors).toBeUndefined();
    // The sharing policy may mask the number; that it answers at all is what matters here.
    expect(result.body.data?.person.idNumber).toEqual(
      expect.stringMatching(new RegExp(`^${someone.slice(0, 6)}`)),
    );
    expect(seen).toEqual([
      {
        department: 'civil-affairs',
        application: 'minimum-living-allowance',
        operator: 'zhang.wei',
        purpose: 'SOCIAL_ASSISTANCE',
        roles: ['clerk'],
      },
    ]);
  });

  it('reads the purpose from extensions.purpose in the body, and from the extensions parameter of a GET', async () => {
    const headers = await bearer({ department: 'tax' });
    const res = await fetch(platform.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({
        query: PERSON,
        variables: { id: someone },
        extensions: { purpose: 'TAX_ADMINISTRATION' },
      }),
    });
    expect(res.status).toBe(200);
    const get = await fetch(
      `${platform.gatewayUrl}?query=${encodeURIComponent('{ __typename }')}&extensions=${encodeURIComponent('{"purpose":"STATISTICS"}')}`,
      {
        // Apollo's CSRF prevention wants a header a browser form cannot send on a GET.
        headers: { accept: 'application/json', 'apollo-require-preflight': 'true', ...headers },
      },
    );
    expect(get.status).toBe(200);
    expect(seen.map((c) => c?.purpose)).toEqual(['TAX_ADMINISTRATION', 'STATISTICS']);
  });

  it('refuses an unknown purpose, or two different ones, with 400 BAD_USER_INPUT', async () => {
    const headers = await bearer({ department: 'tax' });
    const unknown = await ask({ ...headers, 'x-purpose': 'CURIOSITY' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors?.[0]).toMatchObject({
      message: expect.stringMatching(
        /"CURIOSITY" is not a use purpose; known: .*TAX_ADMINISTRATION/,
      ),
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const res = await fetch(platform.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers, 'x-purpose': 'STATISTICS' },
      body: JSON.stringify({
        query: PERSON,
        variables: { id: someone },
        extensions: { purpose: 'TAX_ADMINISTRATION' },
      }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: { message: string }[] }).errors[0].message).toMatch(
      /two purposes/,
    );
  });

  it('the sharing subgraph sees the authenticated caller: a department lists only its own sharing applications', async () => {
    const civil = await ask(
      await bearer({ department: 'civil-affairs', application: 'minimum-living-allowance' }),
      OWN_SHARING_APPLICATIONS,
      {},
    );
    expect(civil.body.errors).toBeUndefined();
    const departments = civil.body.data!.sharingApplications.nodes.map(
      (n: { department: { code: string } }) => n.department.code,
    );
    expect(departments.length).toBeGreaterThan(0);
    expect(new Set(departments)).toEqual(new Set(['civil-affairs']));
    const bureau = await ask(
      await bearer({ department: 'big-data-bureau' }),
      OWN_SHARING_APPLICATIONS,
      {},
    );
    expect(
      new Set(
        bureau.body.data!.sharingApplications.nodes.map(
          (n: { department: { code: string } }) => n.department.code,
        ),
      ).size,
    ).toBeGreaterThan(1);
    const other = await ask(
      await bearer({ department: 'tax' }),
      `{ sharingApplications(department: "civil-affairs") { totalCount } }`,
      {},
    );
    expect(other.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('keeps the GraphiQL page open without a token', async () => {
    const res = await fetch(platform.gatewayUrl, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
  });

  // Runs last: it stops the sharing subgraph.
  it('refuses with 503 REGISTRY_UNAVAILABLE when the registry cannot be asked, and still serves department tokens', async () => {
    await platform.subgraphs.sharing!.stop();
    const result = await ask(await bearer({ department: 'tax', application: 'tax-collection' }));
    expect(result.status).toBe(503);
    expect(result.body.errors?.[0].extensions).toEqual({ code: 'REGISTRY_UNAVAILABLE' });
    expect((await ask(await bearer({ department: 'tax' }))).status).toBe(200);
  });
});

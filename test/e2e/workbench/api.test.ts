/**
 * The workbench's JSON APIs over the real platform (authentication, grants from the sharing
 * subgraph, the gateway's own policy engine): the caller's purposes, each field's access for a
 * declared purpose, and the policy's dry-run of a document, each checked against what /graphql
 * actually serves, and each tried by callers after more than their grants.
 */
import { issueToken } from '../../../gateway/auth/issue-token';
import { postGraphQL } from '../../utils/graphql-client';
import { Platform, startPlatform } from '../../utils/platform';
import { api, CIVIL_APP, CIVIL_DEPT, PUBLIC_SECURITY, SERVICE_NETWORK } from './api-fixtures';

const PROFILE = `query Profile($id: ID!) {
  person(idNumber: $id) { idNumber name gender birthDate phone householdAddress }
}`;

describe('the workbench APIs', () => {
  let platform: Platform;
  let person: string;

  beforeAll(async () => {
    platform = await startPlatform({
      subgraphs: ['population', 'legal-entity', 'licences', 'credit', 'sharing'],
      persons: 300,
    });
    person = (
      await platform.subgraphs.population!.db('people').whereNotNull('phone').first('id_number')
    ).id_number;
  });
  afterAll(async () => {
    await platform?.stop();
  });

  describe('GET /workbench/api/me', () => {
    /** The purposes of the caller's grants in force, read from the sharing subgraph's own table. */
    const grantedPurposes = async (department: string, application: string | null) => {
      const today = new Date().toISOString().slice(0, 10);
      const rows: {
        application_id: string | null;
        purposes: string;
        valid_from: string;
        valid_until: string | null;
      }[] = await platform.subgraphs.sharing!.db('grants').where({ department, status: 'ACTIVE' });
      const codes = new Set<string>();
      for (const r of rows) {
        if (r.application_id !== null && r.application_id !== application) continue;
        if (
          String(r.valid_from) > today ||
          (r.valid_until !== null && String(r.valid_until) <= today)
        )
          continue;
        (JSON.parse(r.purposes) as string[]).forEach((p) => codes.add(p));
      }
      return [...codes].sort();
    };

    it("names the caller and the purposes of the caller's grants in force, with their names", async () => {
      const me = await api(platform, '/workbench/api/me', { caller: CIVIL_APP });
      expect(me.status).toBe(200);
      expect(me.headers.get('cache-control')).toMatch(/no-store/);
      expect(me.body.caller).toEqual({
        department: 'civil-affairs',
        departmentName: '民政局',
        application: 'minimum-living-allowance',
        operator: 'zhang.wei',
        roles: [],
      });
      expect(me.body.purposes).toEqual([
        { code: 'SOCIAL_ASSISTANCE', name: '社会救助', nameEn: expect.any(String) },
      ]);
      expect(me.body.purposes.map((p: { code: string }) => p.code)).toEqual(
        await grantedPurposes('civil-affairs', 'minimum-living-allowance'),
      );
    });

    it('offers no purpose of a grant made to another application of the department, nor one narrowed away', async () => {
      const dept = await api(platform, '/workbench/api/me', { caller: CIVIL_DEPT });
      expect(dept.body.purposes).toEqual([]);
      expect(await grantedPurposes('civil-affairs', null)).toEqual([]);
      const network = await api(platform, '/workbench/api/me', { caller: SERVICE_NETWORK });
      const codes = network.body.purposes.map((p: { code: string }) => p.code);
      expect(codes).toEqual(await grantedPurposes('big-data-bureau', 'service-network'));
      expect(codes).toContain('ADMINISTRATIVE_APPROVAL');
      // Applied for, but the owners narrowed the grant to approvals only.
      expect(codes).not.toContain('PUBLIC_SERVICE');
    });

    it('refuses a request without a valid token, a forged one, and a citizen', async () => {
      const none = await api(platform, '/workbench/api/me');
      expect(none.status).toBe(401);
      expect(none.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
      const token = await platform.token(CIVIL_APP);
      const [h, p, s] = token.split('.');
      const forgedPayload = Buffer.from(
        JSON.stringify({
          ...JSON.parse(Buffer.from(p, 'base64url').toString()),
          dept: 'public-security',
        }),
      ).toString('base64url');
      const forged = await api(platform, '/workbench/api/me', {
        headers: { authorization: `Bearer ${h}.${forgedPayload}.${s}` },
      });
      expect(forged.status).toBe(401);
      const citizenToken = await issueToken(
        platform.security!.tokenKeys.signing!,
        platform.security!.tokenSettings,
        { department: 'citizen', citizenIdNumber: person, ttlSeconds: 600 },
      );
      for (const path of ['/workbench/api/me', '/workbench/api/access']) {
        const citizen = await api(platform, path, {
          headers: { authorization: `Bearer ${citizenToken}` },
        });
        expect(citizen.status).toBe(403);
        expect(citizen.body.errors[0].extensions.code).toBe('FORBIDDEN');
      }
    });
  });

  describe('GET /workbench/api/access', () => {
    const accessOf = async (caller = CIVIL_APP, purpose?: string) => {
      const answer = await api(platform, '/workbench/api/access', { caller, purpose });
      expect(answer.status).toBe(200);
      return answer.body as { purpose: string | null; fields: Record<string, any> };
    };

    it("shows each field's class, owner and mask, and the caller's access for the declared purpose", async () => {
      const access = await accessOf(CIVIL_APP, 'SOCIAL_ASSISTANCE');
      expect(access.purpose).toBe('SOCIAL_ASSISTANCE');
      expect(access.fields['Person.birthDate']).toMatchObject({
        level: 'CONDITIONAL',
        owner: 'public-security',
        ownerName: '公安局',
        mask: 'DATE',
        condition: expect.stringContaining('age-based eligibility'),
        access: 'CLEAR',
        reason: null,
        grantPurposes: ['SOCIAL_ASSISTANCE'],
      });
      expect(access.fields['Person.name']).toMatchObject({
        level: 'UNCONDITIONAL',
        mask: 'NAME',
        access: 'MASKED',
      });
      expect(access.fields['Person.phone']).toMatchObject({
        access: 'NEEDS_GRANT',
        reason: 'NO_GRANT',
        grantPurposes: [],
      });
      expect(access.fields['PenaltyRecord.caseHandler']).toMatchObject({
        level: 'NONE',
        owner: 'credit-office',
        access: 'NOT_SHARED',
      });
      // Bilingual: Chinese, then English.
      expect(access.fields['Person.phone'].summary).toMatch(
        /[\u4e00-\u9fff].* \/ .*apply to public-security/,
      );
      // Every field of the graph is there.
      expect(Object.keys(access.fields).length).toBeGreaterThan(100);
    });

    it('changes with the purpose: none declared, another one, and the granted one', async () => {
      const none = await accessOf(CIVIL_APP);
      expect(none.purpose).toBeNull();
      expect(none.fields['Person.birthDate']).toMatchObject({
        access: 'NEEDS_PURPOSE',
        reason: 'PURPOSE_REQUIRED',
        grantPurposes: ['SOCIAL_ASSISTANCE'],
      });
      const other = await accessOf(CIVIL_APP, 'HOUSING_SECURITY');
      expect(other.fields['Person.birthDate']).toMatchObject({
        access: 'NEEDS_PURPOSE',
        reason: 'PURPOSE_NOT_GRANTED',
      });
      // A purpose the caller holds no grant for opens nothing: another department's is no key.
      const borrowed = await accessOf(CIVIL_APP, 'ADMINISTRATIVE_APPROVAL');
      expect(borrowed.fields['Person.phone'].access).toBe('NEEDS_GRANT');
      expect(borrowed.fields['Person.birthDate'].access).toBe('NEEDS_PURPOSE');
    });

    it('shows the owner its own data, and item-only grants as needing a case', async () => {
      const owner = await accessOf(PUBLIC_SECURITY);
      expect(owner.fields['Person.phone'].access).toBe('OWNER');
      expect(owner.fields['Person.name'].access).toBe('OWNER');
      expect(owner.fields['PenaltyRecord.caseHandler'].access).toBe('NOT_SHARED');
      const network = await accessOf(SERVICE_NETWORK, 'ADMINISTRATIVE_APPROVAL');
      expect(network.fields['Person.phone'].access).toBe('CLEAR');
      expect(network.fields['Person.household']).toMatchObject({
        access: 'CASE_ONLY',
        reason: 'CASE_REQUIRED',
      });
    });

    it('says what /graphql then serves, field by field', async () => {
      const asked = await postGraphQL(
        platform.gatewayUrl,
        PROFILE,
        { id: person },
        await platform.headers({ ...CIVIL_APP, purpose: 'SOCIAL_ASSISTANCE' }),
      );
      const truth = await postGraphQL(
        platform.gatewayUrl,
        PROFILE,
        { id: person },
        await platform.headers(PUBLIC_SECURITY),
      );
      const access = await accessOf(CIVIL_APP, 'SOCIAL_ASSISTANCE');
      for (const field of [
        'idNumber',
        'name',
        'gender',
        'birthDate',
        'phone',
        'householdAddress',
      ]) {
        const entry = access.fields[`Person.${field}`];
        const served = asked.body.data!.person[field];
        const real = truth.body.data!.person[field];
        const error = asked.body.errors?.find((e) => e.path?.join('.') === `person.${field}`);
        if (entry.access === 'CLEAR') expect([field, served]).toEqual([field, real]);
        else if (entry.access === 'MASKED') {
          expect(served).not.toBeNull();
          expect(served).not.toEqual(real);
        } else {
          expect(served).toBeNull();
          expect(error?.extensions).toMatchObject({
            code: 'FORBIDDEN_FIELD',
            reason: entry.reason,
          });
        }
      }
    });

    it('refuses an unknown purpose and an unauthenticated caller', async () => {
      const bad = await api(platform, '/workbench/api/access', {
        caller: CIVIL_APP,
        purpose: 'ANYTHING_I_LIKE',
      });
      expect(bad.status).toBe(400);
      expect(bad.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
      expect((await api(platform, '/workbench/api/access')).status).toBe(401);
    });
  });

  describe('POST /workbench/api/dry-run', () => {
    const QUERY = [
      'query Check($id: ID!) {',
      '  p: person(idNumber: $id) {',
      '    name',
      '    ...Contact',
      '  }',
      '}',
      'fragment Contact on Person { phone birthDate }',
    ].join('\n');

    it('marks the fields the gateway would withhold or mask, where they are, without running anything', async () => {
      const audit = await platform.audit!.connect();
      const records = async () => {
        await platform.audit!.ship();
        return Number(
          ((await audit('audit_records').count({ n: '*' }).first()) as { n: number }).n,
        );
      };
      const recorded = await records();
      const before = platform.subgraphs.population!.requests();
      const answer = await api(platform, '/workbench/api/dry-run', {
        caller: CIVIL_APP,
        purpose: 'SOCIAL_ASSISTANCE',
        body: { query: QUERY, variables: { id: person }, operationName: 'Check' },
      });
      expect(answer.status).toBe(200);
      expect(answer.body.withheld).toEqual([
        {
          coordinate: 'Person.phone',
          decidedBy: 'Person.phone',
          reason: 'NO_GRANT',
          message: expect.stringContaining('apply to its owner'),
          condition: expect.any(String),
          enclosed: false,
          path: ['p', 'phone'],
          locations: [{ line: 7, column: 30 }],
        },
      ]);
      expect(answer.body.masked).toEqual([
        {
          coordinate: 'Person.name',
          mask: 'NAME',
          path: ['p', 'name'],
          locations: [{ line: 3, column: 5 }],
        },
      ]);
      expect(JSON.stringify(answer.body)).not.toContain(person);
      expect(platform.subgraphs.population!.requests()).toBe(before);
      // Nothing was read, so nothing is recorded as an access to anyone's data.
      expect(await records()).toBe(recorded);

      // The same document through /graphql: exactly those fields withheld.
      const served = await postGraphQL(
        platform.gatewayUrl,
        QUERY,
        { id: person },
        await platform.headers({ ...CIVIL_APP, purpose: 'SOCIAL_ASSISTANCE' }),
      );
      expect(served.body.errors!.map((e) => [e.extensions!.coordinate, e.path!.join('.')])).toEqual(
        [['Person.phone', 'p.phone']],
      );
    });

    it('withholds nothing from the owner, and more without the purpose', async () => {
      const owner = await api(platform, '/workbench/api/dry-run', {
        caller: PUBLIC_SECURITY,
        body: { query: QUERY },
      });
      expect(owner.body).toMatchObject({ withheld: [], masked: [] });
      const noPurpose = await api(platform, '/workbench/api/dry-run', {
        caller: CIVIL_APP,
        body: { query: QUERY },
      });
      expect(noPurpose.body.withheld.map((w: { reason: string }) => w.reason).sort()).toEqual([
        'NO_GRANT',
        'PURPOSE_REQUIRED',
      ]);
    });

    it('answers an invalid document with its GraphQL errors, and holds to the operation limits', async () => {
      const invalid = await api(platform, '/workbench/api/dry-run', {
        caller: CIVIL_APP,
        body: { query: '{ person(idNumber: "1") { shoeSize } }' },
      });
      expect(invalid.status).toBe(400);
      expect(invalid.body.errors[0]).toMatchObject({
        message: expect.stringContaining('shoeSize'),
        locations: [{ line: 1, column: 27 }],
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      });
      const aliases = Array.from(
        { length: 40 },
        (_, i) => `a${i}: person(idNumber: "1") { gender }`,
      );
      const tooMany = await api(platform, '/workbench/api/dry-run', {
        caller: CIVIL_APP,
        body: { query: `{ ${aliases.join(' ')} }` },
      });
      expect(tooMany.status).toBe(400);
      expect(tooMany.body.errors[0].extensions.code).toBe('MAX_ALIASES_LIMIT');
      // A fragment bomb: refused by the limits before anything expands it.
      const bomb = [
        '{ person(idNumber: "1") { ...F0 } }',
        ...Array.from(
          { length: 30 },
          (_, i) => `fragment F${i} on Person { ...F${i + 1} ...F${i + 1} }`,
        ),
        'fragment F30 on Person { phone }',
      ].join('\n');
      const bombed = await api(platform, '/workbench/api/dry-run', {
        caller: CIVIL_APP,
        body: { query: bomb },
      });
      expect(bombed.status).toBe(400);
      expect(bombed.body.errors[0].extensions.code).toMatch(/LIMIT|TOO_EXPENSIVE/);
    });

    it('bounds and checks the body, and asks for a caller', async () => {
      const huge = await api(platform, '/workbench/api/dry-run', {
        caller: CIVIL_APP,
        body: { query: `{ __typename }`, pad: 'x'.repeat(2_000_000) },
      });
      expect(huge.status).toBe(413);
      const deep = await api(platform, '/workbench/api/dry-run', {
        caller: CIVIL_APP,
        body: `{"query":"{ __typename }","variables":${'['.repeat(100)}${']'.repeat(100)}}`,
      });
      expect(deep.status).toBe(400);
      const text = await api(platform, '/workbench/api/dry-run', {
        caller: CIVIL_APP,
        body: '{ __typename }',
        headers: { 'content-type': 'text/plain' },
      });
      expect(text.status).toBe(415);
      const nobody = await api(platform, '/workbench/api/dry-run', { body: { query: QUERY } });
      expect(nobody.status).toBe(401);
    });
  });
});

/**
 * One request must never stop the gateway (issue 7 §1): bodies, documents and operations over
 * a limit are refused before validation, the sharing policy and planning, each with HTTP 400
 * (413 for the body), its own code and the limit's numbers, and audited with their caller;
 * a document of doubling fragments is answered at once while another caller is served; an
 * operation name that resolves to nothing is the caller's 400; suggestions that name schema
 * fields go where introspection goes.
 */
import http from 'node:http';
import { Knex } from 'knex';
import { aliasedDoublingDocument, doublingDocument } from '../../utils/doubling-documents';
import { postGraphQL } from '../../utils/graphql-client';
import { Platform, startPlatform } from '../../utils/platform';
import { describeWithService } from '../../utils/services';
import { recordsFor } from '../audit/audit-rows';

const TAX = {
  department: 'tax',
  application: null,
  operator: 'clerk-17',
  roles: ['tax-officer'],
  purpose: 'TAX_ADMINISTRATION',
};
const CIVIL = {
  department: 'civil-affairs',
  application: 'minimum-living-allowance',
  operator: 'wang.fang',
  purpose: 'SOCIAL_ASSISTANCE',
};

interface ErrorBody {
  errors: { message: string; extensions: Record<string, unknown> }[];
}

const lookups = (n: number, id: string) =>
  `{ ${Array.from({ length: n }, (_, i) => `p${i}: person(idNumber: "${id}") { name gender }`).join(' ')} }`;

/** A raw POST that reports what the connection did, so a reset shows as a failure, not a throw elsewhere. */
function rawPost(
  url: string,
  body: Buffer,
  headers: Record<string, string>,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': String(body.length),
          ...headers,
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function limitsSuite(backend: 'sqlite' | 'mysql', redisUrl: string | null): void {
  let platform: Platform;
  let db: Knex;
  let person: string;

  beforeAll(async () => {
    const namespace = `limits-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    platform = await startPlatform({
      backend,
      subgraphs: ['population', 'sharing'],
      persons: 200,
      ...(redisUrl ? { redis: { url: redisUrl, namespace } } : {}),
    });
    db = await platform.audit!.connect();
    person = (await platform.subgraphs.population!.db('people').first('id_number')).id_number;
  });
  afterAll(async () => {
    await platform?.stop();
  });

  it.each([
    ['aliases', 'MAX_ALIASES_LIMIT', () => lookups(500, '320685199609156438'), 500],
    [
      'depth',
      'MAX_DEPTH_LIMIT',
      () =>
        `{ person(idNumber: "1") { ${'household { members { '.repeat(12)} name ${'} } '.repeat(12)} } }`,
      26,
    ],
    [
      'root fields',
      'MAX_ROOT_FIELDS_LIMIT',
      () => `{ ${Array.from({ length: 21 }, () => '__typename').join(' ')} }`,
      21,
    ],
    ['selections', 'MAX_SELECTIONS_LIMIT', () => doublingDocument({ levels: 16 }), 2 ** 18 + 1],
    // Each household's members counted as the default list size, 10: 1 + 100 × (1 + (1 + 10 × (1 + (1 + 10 × (1 + (1 + 10 × 1)))))).
    [
      'cost',
      'COST_ESTIMATED_TOO_EXPENSIVE',
      () =>
        `{ people(regionCode: "320602", first: 100) { nodes { ${'household { members { '.repeat(3)} name ${'} } '.repeat(3)} } } }`,
      122_201,
    ],
    [
      'tokens',
      'MAX_TOKENS_LIMIT',
      () => `{ person(idNumber: "1") { ${'name '.repeat(10_000)} } }`,
      10_010,
    ],
  ])(
    'refuses an operation over the %s limit with 400 %s, before validation, audited with the caller',
    async (_what, code, query, measured) => {
      const result = await postGraphQL(
        platform.gatewayUrl,
        query(),
        {},
        await platform.headers(TAX),
      );
      expect(result.status).toBe(400);
      expect(result.body.data).toBeUndefined();
      expect(result.body.errors).toEqual([
        {
          message: expect.stringContaining('limit'),
          extensions: {
            code,
            limit: { name: expect.any(String), max: expect.any(Number), measured },
          },
        },
      ]);
      await platform.audit!.ship();
      const [record] = await recordsFor(db, result.headers.get('x-request-id')!);
      expect(record).toMatchObject({
        department: 'tax',
        httpStatus: 400,
        errorCodes: [code],
        subgraphs: [],
      });
    },
  );

  it('refuses over GET too', async () => {
    const url = `${platform.gatewayUrl}?query=${encodeURIComponent(lookups(31, person))}`;
    const res = await fetch(url, {
      headers: { ...(await platform.headers(TAX)), 'apollo-require-preflight': 'true' },
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorBody).errors[0].extensions).toMatchObject({
      code: 'MAX_ALIASES_LIMIT',
      limit: { name: 'aliases', max: 30, measured: 31 },
    });
  });

  it('serves an operation within every limit', async () => {
    const result = await postGraphQL(
      platform.gatewayUrl,
      lookups(20, person),
      {},
      await platform.headers(TAX),
    );
    expect(result.status).toBe(200);
    expect(result.body.data!.p19).toMatchObject({ gender: expect.any(String) });
  });

  it('answers a 60-level doubling document at once while another caller is served', async () => {
    const attack = Promise.all(
      [doublingDocument({ levels: 60 }), aliasedDoublingDocument(60)].map(async (q) =>
        postGraphQL(platform.gatewayUrl, q, {}, await platform.headers(TAX)),
      ),
    );
    const normal = postGraphQL(
      platform.gatewayUrl,
      'query ($id: ID!) { person(idNumber: $id) { name gender } }',
      { id: person },
      await platform.headers(CIVIL),
    );
    const [[doubling, aliased], served] = await Promise.all([attack, normal]);
    expect(doubling.status).toBe(400);
    expect(doubling.body.errors![0].extensions!.code).toBe('MAX_SELECTIONS_LIMIT');
    expect(aliased.status).toBe(400);
    expect(aliased.body.errors![0].extensions!.code).toMatch(/^MAX_(DEPTH|ALIASES)_LIMIT$/);
    expect(served.status).toBe(200);
    expect(served.body.data!.person).toMatchObject({ gender: expect.any(String) });
  });

  it('refuses a body over the limit with 413 and a JSON error, without resetting the connection', async () => {
    const huge = Buffer.from(
      JSON.stringify({ query: `{ __typename }`, variables: { pad: 'x'.repeat(300_000) } }),
    );
    const result = await rawPost(platform.gatewayUrl, huge, await platform.headers(TAX));
    expect(result.status).toBe(413);
    expect(JSON.parse(result.body)).toEqual({
      errors: [
        {
          message: expect.stringContaining('262144'),
          extensions: {
            code: 'PAYLOAD_TOO_LARGE',
            limit: { name: 'bodyBytes', max: 262144, measured: huge.length },
          },
        },
      ],
    });
  });

  it('answers an operationName the document does not have with 400 OPERATION_RESOLUTION_FAILURE', async () => {
    const headers = { 'content-type': 'application/json', ...(await platform.headers(TAX)) };
    const unknown = await fetch(platform.gatewayUrl, {
      method: 'POST',
      headers,
      body: JSON.stringify({ query: 'query A { __typename }', operationName: 'B' }),
    });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as ErrorBody).errors).toEqual([
      expect.objectContaining({ extensions: { code: 'OPERATION_RESOLUTION_FAILURE' } }),
    ]);
    const ambiguous = await fetch(platform.gatewayUrl, {
      method: 'POST',
      headers,
      body: JSON.stringify({ query: 'query A { __typename } query B { __typename }' }),
    });
    expect(ambiguous.status).toBe(400);
    expect(((await ambiguous.json()) as ErrorBody).errors[0].extensions.code).toBe(
      'OPERATION_RESOLUTION_FAILURE',
    );
  });

  it('suggests field names only where introspection is on', async () => {
    const typo = '{ person(idNumber: "1") { gendr } }';
    const open = await postGraphQL(platform.gatewayUrl, typo, {}, await platform.headers(TAX));
    expect(open.body.errors![0].message).toMatch(/Did you mean "gender"\?/);
    const closed = await platform.addGateway({ introspection: false });
    const hidden = await postGraphQL(closed.url, typo, {}, await platform.headers(TAX));
    expect(hidden.status).toBe(400);
    expect(hidden.body.errors![0].extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(JSON.stringify(hidden.body)).not.toContain('Did you mean');
  });

  it('enforces nothing with the limits switched off (for measuring their cost only)', async () => {
    const off = await platform.addGateway({ operationLimits: null });
    const result = await postGraphQL(off.url, lookups(40, person), {}, await platform.headers(TAX));
    expect(result.status).toBe(200);
    expect(Object.keys(result.body.data!)).toHaveLength(40);
  });
}

describe('operation limits at the running gateway (SQLite)', () => limitsSuite('sqlite', null));

describeWithService(
  ['mysql', 'redis'],
  'operation limits at the running gateway (MariaDB and Redis)',
  () => limitsSuite('mysql', process.env.REDIS_URL ?? null),
);

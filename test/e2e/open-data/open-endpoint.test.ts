/**
 * Open data (开放) through the real gateway: an anonymous caller reads open items at
 * /open/graphql, whose schema has only them, so a personal field fails validation as unknown, in
 * introspection too; nothing the caller sends (a token, a purpose, a case, X-Forwarded-For)
 * changes who the request runs as or what it may name; every data access is audited as open data
 * with the client's address; one address is limited (429, Retry-After); the datasets page and
 * its downloads work, through the same pipeline.
 */
import { Knex } from 'knex';
import { readGatewayConfig } from '../../../gateway/config';
import { postGraphQL } from '../../utils/graphql-client';
import { Platform, startPlatform } from '../../utils/platform';
import { recordsFor } from '../audit/audit-rows';

interface Answer {
  status: number;
  headers: Headers;
  body: {
    data?: Record<string, any> | null;
    errors?: { message: string; extensions?: Record<string, unknown> }[];
  };
  text: string;
}

describe('the open-data endpoint', () => {
  let platform: Platform;
  let db: Knex;
  let origin: string;
  let person: { id: string; name: string };

  const ask = async (
    query: string,
    headers: Record<string, string> = {},
    at: string = origin,
    extra: Record<string, unknown> = {},
  ): Promise<Answer> => {
    const res = await fetch(`${at}/open/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, ...extra }),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: JSON.parse(text), text };
  };
  const recordOf = async (requestId: string | null) => {
    await platform.audit!.ship();
    const records = await recordsFor(db, requestId ?? '');
    expect(records).toHaveLength(1);
    return records[0];
  };

  beforeAll(async () => {
    platform = await startPlatform({
      subgraphs: ['population', 'legal-entity', 'spatial', 'city-parts', 'sharing', 'audit'],
      persons: 200,
    });
    db = await platform.audit!.connect();
    origin = new URL(platform.gatewayUrl).origin;
    const row = await platform.subgraphs
      .population!.db('people')
      .orderBy('id_number')
      .first('id_number', 'name');
    person = { id: row.id_number, name: row.name };
  });
  afterAll(async () => {
    await platform?.stop();
  });

  it('serves an open field to an anonymous caller, audited as open data with its address', async () => {
    const answer = await ask('{ regions { code name cityPartCounts { class total } } }');
    expect(answer.status).toBe(200);
    expect(answer.body.errors).toBeUndefined();
    const regions = answer.body.data!.regions as { code: string; name: string }[];
    expect(regions.find((r) => r.code === '320600')?.name).toBe('南通市');
    const record = await recordOf(answer.headers.get('x-request-id'));
    expect(record).toMatchObject({
      delivery: 'OPEN_DATA',
      department: 'big-data-bureau',
      application: 'open-data-portal',
      operator: null,
      purpose: null,
    });
    expect(record.clientAddress).toMatch(/127\.0\.0\.1$/);
    expect(record.fieldsServed).toContain('Region.name');
    // The bureau reads it back through the audit API as an open-data access.
    const log = await postGraphQL(
      platform.gatewayUrl,
      '{ accessLog(first: 50) { nodes { id delivery application { id } } } }',
      {},
      await platform.headers({ department: 'big-data-bureau', operator: 'auditor' }),
    );
    expect(log.body.errors).toBeUndefined();
    const nodes = log.body.data!.accessLog.nodes as { id: string; delivery: string | null }[];
    expect(nodes.find((n) => n.id === record.id)?.delivery).toBe('OPEN_DATA');
  });

  it('knows nothing of a personal field: it fails validation as a field that does not exist', async () => {
    const direct = await ask(`{ person(idNumber: "${person.id}") { name idNumber } }`);
    expect(direct.status).toBe(400);
    expect(direct.body.errors![0]).toMatchObject({
      message: expect.stringMatching(/^Cannot query field "person" on type "Query"/),
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    // The same shape through a type the open schema has, a fragment and an alias.
    const nested = await ask(
      '{ legalEntities(first: 1) { nodes { n: legalRepresentativeName contactPhone } } }',
    );
    expect(nested.body.errors![0].message).toMatch(
      /^Cannot query field "legalRepresentativeName" on type "LegalEntity"/,
    );
    const fragment = await ask('{ regions { code } } fragment P on Person { name }');
    expect(fragment.body.errors![0].message).toMatch(/^Unknown type "Person"/);
    for (const a of [direct, nested, fragment]) expect(a.text).not.toContain(person.name);
    // The same document on /graphql, with a token, knows Person.name: the open endpoint is not the graph.
    const graph = await postGraphQL(
      platform.gatewayUrl,
      `{ person(idNumber: "${person.id}") { name } }`,
      {},
      await platform.headers({ department: 'public-security' }),
    );
    expect(graph.body.data?.person?.name).toBe(person.name);
  });

  it('introspects the open schema only, and refuses introspection mixed with data', async () => {
    const type = await ask('{ __type(name: "Person") { name fields { name } } }');
    expect(type.status).toBe(200);
    expect(type.body.data).toEqual({ __type: null });
    const schema = await ask('{ __schema { types { name fields { name } } } }');
    const names = (schema.body.data!.__schema.types as { name: string }[]).map((t) => t.name);
    expect(names).toContain('Region');
    expect(names).not.toContain('Person');
    expect(schema.text).not.toContain('idNumber');
    expect(schema.text).not.toContain('legalRepresentativeName');
    const mixed = await ask('{ regions { code } __schema { types { name } } }');
    expect(mixed.status).toBe(400);
    const sdl = await fetch(`${origin}/open/schema.graphql`).then((r) => r.text());
    expect(sdl).toContain('type Region');
    expect(sdl).not.toContain('Person');
  });

  it('ignores whatever credentials and purpose the caller sends', async () => {
    const headers = {
      ...(await platform.headers({ department: 'public-security', purpose: 'LAW_ENFORCEMENT' })),
      'x-case': 'NT20261206-ZF0101-000042',
    };
    const refused = await ask(`{ person(idNumber: "${person.id}") { name } }`, headers, origin, {
      extensions: { purpose: 'LAW_ENFORCEMENT', persistedQuery: { version: 1, sha256Hash: 'x' } },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.errors![0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const served = await ask('{ region(code: "320600") { name } }', headers);
    expect(served.status).toBe(200);
    const record = await recordOf(served.headers.get('x-request-id'));
    expect(record).toMatchObject({
      department: 'big-data-bureau',
      application: 'open-data-portal',
      purpose: null,
      delivery: 'OPEN_DATA',
    });
  });

  it('refuses mutations, which the open schema does not have', async () => {
    const answer = await ask('mutation { setApplicationStatus(id: "x", status: ACTIVE) { id } }');
    expect(answer.status).toBe(400);
    expect(answer.body.errors![0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('limits each client address, whatever X-Forwarded-For it sends: 429 with Retry-After', async () => {
    const base = readGatewayConfig({}).openData;
    const extra = await platform.addGateway({ openData: { ...base, burst: 3, perMinute: 3 } });
    const at = new URL(extra.url).origin;
    const statuses: number[] = [];
    let last: Answer | null = null;
    for (let i = 0; i < 5; i++) {
      last = await ask('{ regions { code } }', { 'x-forwarded-for': `10.0.0.${i}` }, at);
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    expect(last!.body.errors![0].extensions?.code).toBe('RATE_LIMITED');
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const download = await fetch(`${at}/open/datasets/regions.csv`);
    expect(download.status).toBe(429);
    await extra.stop();
  });

  it('spends no lookup-miss budget, which one anonymous caller could otherwise exhaust for all', async () => {
    const extra = await platform.addGateway({ lookupMissesPerDay: 2 });
    const at = new URL(extra.url).origin;
    for (let i = 0; i < 4; i++) {
      const miss = await ask('{ legalEntity(creditCode: "91320600MA1XXXXXX0") { name } }', {}, at);
      expect(miss.status).toBe(200);
      expect(miss.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    expect((await ask('{ regions { code } }', {}, at)).status).toBe(200);
    await extra.stop();
  });

  it('lists the open datasets and downloads one as CSV and JSON, audited', async () => {
    const page = await fetch(`${origin}/open`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await page.text();
    expect(html).not.toContain('<script');
    expect(html).toContain('/open/datasets/regions.csv');
    expect(html).not.toContain('Person.');

    const csv = await fetch(`${origin}/open/datasets/regions.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]).toBe(
      'regions.code,regions.name,regions.nameEn,regions.level,regions.parent.code',
    );
    expect(lines.some((l) => l.startsWith('320600,南通市,'))).toBe(true);
    const record = await recordOf(csv.headers.get('x-request-id'));
    expect(record).toMatchObject({ delivery: 'OPEN_DATA_CSV', application: 'open-data-portal' });

    const json = await fetch(`${origin}/open/datasets/regions.json`);
    expect(json.status).toBe(200);
    const data = (await json.json()) as { regions: { code: string }[] };
    expect(data.regions.some((r) => r.code === '320600')).toBe(true);
    expect((await recordOf(json.headers.get('x-request-id'))).delivery).toBe('OPEN_DATA_JSON');

    expect((await fetch(`${origin}/open/datasets/people.csv`)).status).toBe(404);
    expect((await fetch(`${origin}/open/datasets/..%2Fgraphql.csv`)).status).toBe(404);
  });
});

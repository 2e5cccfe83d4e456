/**
 * The audit trail keeps no personal identifier in clear (issue 7 §3.5): the stored document had
 * string literals redacted, but `person(idNumber: 320685199609156438)`, an ID written as an
 * integer (valid GraphQL for an ID), was stored as written.
 *
 * Operations in the permission matrix's shapes, by owners, granted and ungranted departments,
 * write ID numbers and credit codes of the demo city in every literal kind and position (int,
 * string, block string, enum-looking names; arguments, variable defaults, directives, lists,
 * input objects), in comments, aliases and operation names, and in documents that do not parse.
 * Then every column of every table of the audit database is searched for any ID number or
 * credit code of the city in clear: none may be there.
 */
import { Knex } from 'knex';
import { postGraphQL } from '../../utils/graphql-client';
import { Platform, startPlatform } from '../../utils/platform';
import { describeWithService } from '../../utils/services';

interface Caller {
  department: string;
  application?: string;
  purpose?: string;
}

const CALLERS: Caller[] = [
  { department: 'public-security' },
  {
    department: 'big-data-bureau',
    application: 'service-network',
    purpose: 'ADMINISTRATIVE_APPROVAL',
  },
  {
    department: 'civil-affairs',
    application: 'minimum-living-allowance',
    purpose: 'SOCIAL_ASSISTANCE',
  },
  { department: 'tax' },
];

const GB11643 = /\d{17}[\dX]/g;
const GB32100 = /[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}/g;

/** Operations with `id` (an all-digit ID number), `idX` (one ending in X) and `code` (a credit code) written into them. */
function operations(
  id: string,
  idX: string,
  code: string,
): { label: string; query: string; variables?: Record<string, unknown>; operationName?: string }[] {
  return [
    { label: 'ID as an int', query: `{ person(idNumber: ${id}) { name gender birthDate } }` },
    {
      label: 'ID as a string',
      query: `{ person(idNumber: "${idX}") { idNumber name certificates { number } } }`,
    },
    {
      label: 'ID as a block string',
      query: `{ person(idNumber: """${id}""") { name enterprises { creditCode } } }`,
    },
    {
      label: 'ID as a variable default (int)',
      query: `query P($id: ID = ${id}) { person(idNumber: $id) { name } }`,
    },
    {
      label: 'ID as a variable default (string)',
      query: `query P($id: ID = "${idX}") { person(idNumber: $id) { name } }`,
    },
    {
      label: 'ID in an alias, a fragment and the operation name',
      query: `query Q${id} { p${id}: person(idNumber: "${id}") { ...F${id} } } fragment F${id} on Person { name }`,
      operationName: `Q${id}`,
    },
    { label: 'ID in a comment', query: `# about ${idX}\n{ person(idNumber: "${idX}") { name } }` },
    {
      label: 'ID in a directive argument',
      query: `{ person(idNumber: "${id}") { name @include(if: true) gender @skip(if: false) } }`,
    },
    {
      label: 'ID in an unknown directive (invalid)',
      query: `{ person(idNumber: "${id}") { name @mark(id: ${id}) } }`,
    },
    {
      label: 'credit code as a string',
      query: `{ legalEntity(creditCode: "${code}") { name legalRepresentative { name } legalRepresentativeName } }`,
    },
    {
      label: 'credit code as a block string, with inline fragments',
      query: `{ legalEntity(creditCode: """${code}""") { ... on LegalEntity { name creditStatus { rating } } } }`,
    },
    {
      label: 'credit code as an enum-looking name (invalid)',
      query: `{ legalEntity(creditCode: ${code}) { name } }`,
    },
    {
      label: 'IDs in a list and an input object',
      query: `{ people(regionCode: "${id.slice(0, 6)}", first: 1) { nodes { name } } x: person(idNumber: "${id}") { name } }`,
    },
    {
      label: 'IDs in an input object of a mutation',
      query: `mutation { applyForSharing(input: { items: ["Person.birthDate"], purposes: [SOCIAL_ASSISTANCE], justification: """核实 ${idX} 与 ${code}""", clear: false }) { id } }`,
    },
    {
      label: 'ID as an int with its check character (does not lex)',
      query: `{ person(idNumber: ${idX}) { name } }`,
    },
    { label: 'ID in an unterminated string', query: `{ person(idNumber: "${id}) { name } }` },
    { label: 'ID after a syntax error', query: `{ person(idNumber: ) a(b: ${id}, c: "${code}") }` },
    {
      label: 'ID as a number in a subject lookup',
      query: `{ whoAccessedMyData(idNumber: ${id}) { subject { idNumber } totalCount } }`,
    },
    {
      label: 'ID through variables',
      query:
        'query V($id: ID!, $c: ID!) { person(idNumber: $id) { name } legalEntity(creditCode: $c) { name } }',
      variables: { id: idX, c: code },
    },
  ];
}

async function tablesOf(db: Knex, backend: 'sqlite' | 'mysql'): Promise<string[]> {
  if (backend === 'sqlite') {
    const rows: { name: string }[] = await db('sqlite_master')
      .where({ type: 'table' })
      .select('name');
    return rows.map((r) => r.name);
  }
  const rows: { name: string }[] = await db('information_schema.tables')
    .whereRaw('table_schema = database()')
    .select({ name: 'table_name' });
  return rows.map((r) => r.name);
}

const cellText = (value: unknown): string =>
  Buffer.isBuffer(value)
    ? value.toString('latin1')
    : value instanceof Date
      ? value.toISOString()
      : String(value);

function auditLiteralsSuite(backend: 'sqlite' | 'mysql', redis: boolean) {
  let platform: Platform;
  let ids: Set<string>;
  let codes: Set<string>;

  beforeAll(async () => {
    platform = await startPlatform({
      backend,
      persons: 1500,
      ...(redis ? { redis: { url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' } } : {}),
    });
    ids = new Set(
      (await platform.subgraphs.population!.db('people').select('id_number')).map(
        (r: { id_number: string }) => r.id_number,
      ),
    );
    codes = new Set(
      (await platform.subgraphs['legal-entity']!.db('legal_entities').select('credit_code')).map(
        (r: { credit_code: string }) => r.credit_code,
      ),
    );
  });
  afterAll(async () => {
    await platform?.stop();
  });

  it('stores no ID number or credit code of the city in clear anywhere in the audit database', async () => {
    const people: { id_number: string }[] = await platform.subgraphs
      .population!.db('people')
      .orderBy('id_number')
      .select('id_number');
    const id = people.find((p) => /^\d+$/.test(p.id_number))!.id_number;
    const idX = people.find((p) => p.id_number.endsWith('X'))!.id_number;
    const code = [...codes][0];
    let requests = 0;
    for (const caller of CALLERS) {
      const headers = await platform.headers({
        ...caller,
        roles: ['audit-officer'],
        operator: 'literal-test',
      });
      for (const op of operations(id, idX, code)) {
        const res = await fetch(platform.gatewayUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify({
            query: op.query,
            variables: op.variables,
            operationName: op.operationName,
          }),
        });
        await res.text();
        requests++;
      }
    }
    // Sanity: the person looked up by an int literal is found (the literal reached the subgraph).
    const found = await postGraphQL(
      platform.gatewayUrl,
      `{ person(idNumber: ${id}) { gender } }`,
      {},
      await platform.headers({ department: 'public-security' }),
    );
    expect(found.body.data?.person).not.toBeNull();
    await platform.audit!.ship();

    const db = await platform.audit!.connect();
    const hits: string[] = [];
    let cells = 0;
    let documents = 0;
    for (const table of await tablesOf(db, backend)) {
      const rows: Record<string, unknown>[] = await db(table).select('*');
      if (/document/.test(table)) documents += rows.length;
      for (const row of rows) {
        for (const [column, value] of Object.entries(row)) {
          if (value === null || value === undefined) continue;
          cells++;
          const text = cellText(value);
          for (const m of text.match(GB11643) ?? [])
            if (ids.has(m)) hits.push(`${table}.${column}: ID number ${m}`);
          for (const m of text.match(GB32100) ?? [])
            if (codes.has(m)) hits.push(`${table}.${column}: credit code ${m}`);
        }
      }
    }
    expect(hits).toEqual([]);
    // The search had something to search: every request's record and its documents are there.
    const records = Number((await db('audit_records').count({ n: '*' }))[0].n);
    expect(records).toBeGreaterThanOrEqual(requests);
    expect(documents).toBeGreaterThan(10);
    expect(cells).toBeGreaterThan(records * 10);
  });
}

describe('audit literals on SQLite', () => auditLiteralsSuite('sqlite', false));
describeWithService(['mysql', 'redis'], 'audit literals on MariaDB with Redis', () =>
  auditLiteralsSuite('mysql', true),
);

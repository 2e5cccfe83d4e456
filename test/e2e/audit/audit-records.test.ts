/**
 * One audit record per GraphQL request, whatever became of it, through the real gateway
 * (authentication, sharing policy, audit, signing) and real subgraphs: who asked (department,
 * application, operator, roles, address, purpose), what (operation, document hash, coordinates
 * requested, served, masked and withheld with reasons), what happened (outcome, status, error
 * codes, subgraphs called, latency, size), and whose data came back, by keyed hash, even when
 * the operation never selected the key field. Nothing personal is stored in clear.
 */
import { Knex } from 'knex';
import { AuditRecord } from '../../../gateway/audit';
import { subjectHash } from '../../../contracts/audit/keyed-hash';
import { postGraphQL } from '../../utils/graphql-client';
import { Platform, startPlatform } from '../../utils/platform';
import { recordsFor, storedText } from './audit-rows';

describe('the audit record of every request', () => {
  let platform: Platform;
  let db: Knex;
  let person: string;
  let entity: { creditCode: string; representative: string };
  let personCertificate: string;
  /** Every request id a test sent: each must end up with exactly one record. */
  const sent: string[] = [];
  /** Every identifier a test sent or got back: none may appear in the audit database in clear. */
  const secrets = new Set<string>();

  const asTax = {
    department: 'tax',
    application: null,
    operator: 'clerk-17',
    roles: ['tax-officer'],
    purpose: 'TAX_ADMINISTRATION',
  };
  const ask = async (
    query: string,
    variables: Record<string, unknown>,
    headers: Record<string, string>,
  ) => {
    const result = await postGraphQL(platform.gatewayUrl, query, variables, headers);
    const requestId = result.headers.get('x-request-id');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    sent.push(requestId!);
    return { ...result, requestId: requestId! };
  };
  /** The one record of a request, shipped to the audit database. */
  const recordOf = async (requestId: string): Promise<AuditRecord> => {
    await platform.audit!.ship();
    const records = await recordsFor(db, requestId);
    expect(records).toHaveLength(1);
    return records[0];
  };
  const hashOf = (kind: 'person' | 'legal-entity', id: string) =>
    subjectHash(platform.audit!.stage.trail!.keys.hmac, kind, id);

  beforeAll(async () => {
    platform = await startPlatform({
      subgraphs: ['population', 'legal-entity', 'licences', 'sharing'],
      persons: 300,
    });
    db = await platform.audit!.connect();
    person = (await platform.subgraphs.population!.db('people').first('id_number')).id_number;
    const row = await platform.subgraphs['legal-entity']!.db('legal_entities').first(
      'credit_code',
      'legal_rep_id_number',
    );
    entity = { creditCode: row.credit_code, representative: row.legal_rep_id_number };
    personCertificate = (
      await platform.subgraphs
        .licences!.db('certificates')
        .where({ holder_kind: 'PERSON' })
        .first('number', 'holder_key')
    ).number;
    for (const id of [person, entity.creditCode, entity.representative]) secrets.add(id);
  });
  afterAll(async () => {
    await platform?.stop();
  });

  it('records a served query: caller, coordinates, subjects by keyed hash though idNumber was not selected', async () => {
    const result = await ask(
      'query Served($id: ID!) { person(idNumber: $id) { name gender } }',
      { id: person },
      await platform.headers(asTax),
    );
    expect(result.status).toBe(200);
    expect(result.body.errors).toBeUndefined();
    // The audit's key field never reaches the caller.
    expect(Object.keys(result.body.data!.person).sort()).toEqual(['gender', 'name']);
    const record = await recordOf(result.requestId);
    expect(record).toMatchObject({
      requestId: result.requestId,
      instance: 'test-gw-1',
      department: 'tax',
      application: null,
      operator: 'clerk-17',
      roles: ['tax-officer'],
      clientAddress: expect.stringMatching(/127\.0\.0\.1/),
      operationName: 'Served',
      documentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      variablesHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      purpose: 'TAX_ADMINISTRATION',
      fieldsRequested: ['Person.gender', 'Person.name', 'Query.person'],
      fieldsServed: ['Person.gender', 'Person.name', 'Query.person'],
      fieldsMasked: ['Person.name'],
      fieldsDenied: [],
      subgraphs: ['population'],
      outcome: 'ok',
      httpStatus: 200,
      errorCodes: [],
      responseBytes: Number(result.headers.get('content-length')),
      subjects: [{ kind: 'person', hash: hashOf('person', person) }],
    });
    expect(record.latencyMs).toBeGreaterThanOrEqual(0);
    const document = await db('audit_documents').where({ hash: record.documentHash }).first();
    expect(document.text).toBe('query Served($id: ID!) { person(idNumber: $id) { name gender } }');
  });

  it('records the subject by the hash of the clear ID number when the caller is shown it masked', async () => {
    const result = await ask(
      'query Masked($id: ID!) { person(idNumber: $id) { idNumber } }',
      { id: person },
      await platform.headers(asTax),
    );
    expect(result.status).toBe(200);
    const shown: string = result.body.data!.person.idNumber;
    expect(shown).not.toBe(person);
    expect(shown).toContain('*');
    expect(JSON.stringify(result.body)).not.toContain(person);
    const record = await recordOf(result.requestId);
    expect(record.fieldsMasked).toEqual(['Person.idNumber']);
    expect(record.subjects).toEqual([{ kind: 'person', hash: hashOf('person', person) }]);
  });

  it('records a partly denied query: withheld fields with their reasons', async () => {
    const result = await ask(
      'query Partly($id: ID!) { person(idNumber: $id) { name phone } }',
      { id: person },
      await platform.headers(asTax),
    );
    expect(result.status).toBe(200);
    const reason = result.body.errors![0].extensions!.reason;
    expect(result.body.errors!.map((e) => e.extensions!.code)).toEqual(['FORBIDDEN_FIELD']);
    const record = await recordOf(result.requestId);
    expect(record).toMatchObject({
      outcome: 'denied-fields',
      fieldsRequested: ['Person.name', 'Person.phone', 'Query.person'],
      fieldsServed: ['Person.name', 'Query.person'],
      fieldsDenied: [{ coordinate: 'Person.phone', reason }],
      errorCodes: ['FORBIDDEN_FIELD'],
      subjects: [{ kind: 'person', hash: hashOf('person', person) }],
    });
  });

  it('records the subjects behind a union and a nested entity, with no key field selected', async () => {
    const cert = await ask(
      'query Holder($n: ID!) { certificate(number: $n) { typeName holder { __typename ... on LegalEntity { name } } } }',
      { n: personCertificate },
      await platform.headers(asTax),
    );
    expect(cert.status).toBe(200);
    expect(Object.keys(cert.body.data!.certificate.holder)).toEqual(['__typename']);
    const holder = (
      await platform.subgraphs
        .licences!.db('certificates')
        .where({ number: personCertificate })
        .first('holder_key')
    ).holder_key;
    secrets.add(holder);
    expect((await recordOf(cert.requestId)).subjects).toEqual([
      { kind: 'person', hash: hashOf('person', holder) },
    ]);

    // As its owner: the representative link is conditional (as its inverse Person.enterprises), and tax holds no grant.
    const rep = await ask(
      'query Rep($c: ID!) { legalEntity(creditCode: $c) { name legalRepresentative { gender } } }',
      { c: entity.creditCode },
      await platform.headers({ department: 'market-regulation', operator: 'clerk-3' }),
    );
    expect(rep.status).toBe(200);
    expect(JSON.stringify(rep.body)).not.toContain('_audit');
    const record = await recordOf(rep.requestId);
    expect(record.subjects).toEqual(
      [
        { kind: 'legal-entity', hash: hashOf('legal-entity', entity.creditCode) },
        { kind: 'person', hash: hashOf('person', entity.representative) },
      ].sort((a, b) => (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : a.hash < b.hash ? -1 : 1)),
    );
    expect(record.subgraphs).toEqual(['legal-entity', 'population']);
  });

  it('records an unauthenticated request', async () => {
    const result = await ask(
      'query Anon($id: ID!) { person(idNumber: $id) { name } }',
      { id: person },
      {},
    );
    expect(result.status).toBe(401);
    expect(await recordOf(result.requestId)).toMatchObject({
      department: null,
      operator: null,
      roles: [],
      operationName: 'Anon',
      documentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      variablesHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      outcome: 'unauthenticated',
      httpStatus: 401,
      errorCodes: ['UNAUTHENTICATED'],
      subgraphs: [],
      subjects: [],
    });
  });

  it('records an invalid operation (a validation error)', async () => {
    const result = await ask(
      'query Bad($id: ID!) { person(idNumber: $id) { nope } }',
      { id: person },
      await platform.headers(asTax),
    );
    expect(result.status).toBe(400);
    expect(await recordOf(result.requestId)).toMatchObject({
      department: 'tax',
      operationName: 'Bad',
      outcome: 'invalid',
      httpStatus: 400,
      errorCodes: ['GRAPHQL_VALIDATION_FAILED'],
      subgraphs: [],
      subjects: [],
    });
  });

  it('records a body that is not JSON', async () => {
    const res = await fetch(platform.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await platform.headers(asTax)) },
      body: '{"query": "{ person(',
    });
    expect(res.status).toBe(400);
    const requestId = res.headers.get('x-request-id')!;
    sent.push(requestId);
    expect(await recordOf(requestId)).toMatchObject({
      department: 'tax',
      documentHash: null,
      variablesHash: null,
      outcome: 'invalid',
      httpStatus: 400,
      errorCodes: ['BAD_REQUEST'],
    });
  });

  it('stores a document with its string literals redacted, and commits to them in the variables hash', async () => {
    const result = await ask(
      `{ person(idNumber: "${person}") { gender } }`,
      {},
      await platform.headers(asTax),
    );
    expect(result.status).toBe(200);
    const record = await recordOf(result.requestId);
    expect(record.variablesHash).toMatch(/^[0-9a-f]{64}$/);
    expect((await db('audit_documents').where({ hash: record.documentHash }).first()).text).toBe(
      '{ person(idNumber: "<redacted>") { gender } }',
    );
  });

  it('never stores an identifier or a variable in clear', async () => {
    await platform.audit!.ship();
    const text = await storedText(db);
    for (const secret of secrets) expect(text).not.toContain(secret);
  });

  it('records a query whose subgraph is down', async () => {
    await platform.subgraphs['legal-entity']!.stop();
    const result = await ask(
      'query Down($c: ID!) { legalEntity(creditCode: $c) { name } }',
      { c: entity.creditCode },
      await platform.headers(asTax),
    );
    expect(result.status).toBe(200);
    expect(result.body.errors![0].extensions!.code).toBe('SUBGRAPH_UNAVAILABLE');
    expect(await recordOf(result.requestId)).toMatchObject({
      outcome: 'subgraph-failed',
      subgraphs: ['legal-entity'],
      errorCodes: ['SUBGRAPH_UNAVAILABLE', 'SUBGRAPH_UNAVAILABLE:legal-entity'],
      subjects: [],
    });
  });

  it('has exactly one record for each request, and no other', async () => {
    await platform.audit!.ship();
    const stored = (await db('audit_records').pluck('request_id')) as string[];
    expect(stored.sort()).toEqual([...sent].sort());
  });
});

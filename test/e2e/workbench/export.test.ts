/**
 * A query's result downloaded from the workbench (POST /workbench/api/export), through the real
 * gateway's whole pipeline: the file holds only what the caller was served (a withheld field is
 * an empty cell, a masked one masked: the real value is found nowhere in the file), the audit
 * record says it was an export and is readable as such through the audit API, and whatever
 * GraphQL refuses (no token, a mutation, a result too large) is refused here too, and recorded.
 */
import ExcelJS from 'exceljs';
import { Knex } from 'knex';
import { postGraphQL } from '../../utils/graphql-client';
import { Platform, startPlatform } from '../../utils/platform';
import type { TestTokenRequest } from '../../utils/platform';
import { recordsFor } from '../audit/audit-rows';
import { CIVIL_APP, PUBLIC_SECURITY } from './api-fixtures';
import { ExportGateway, startExportGateway } from './export-gateway';

const PROFILE = `query Profile($id: ID!) {
  person(idNumber: $id) { idNumber name gender birthDate phone certificates { typeName status } }
}`;

interface Download {
  status: number;
  headers: Headers;
  bytes: Buffer;
  requestId: string;
}

describe('exporting a result from the workbench', () => {
  let platform: Platform;
  let db: Knex;
  let person: { id: string; name: string; phone: string };
  let region: string;
  let exportGateway: ExportGateway | null = null;

  const download = async (
    format: string,
    body: unknown,
    caller: TestTokenRequest | null,
    purpose?: string,
    origin = new URL(platform.gatewayUrl).origin,
  ): Promise<Download> => {
    const res = await fetch(`${origin}/workbench/api/export?format=${format}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(caller ? await platform.headers({ ...caller, purpose }) : {}),
      },
      body: JSON.stringify(body),
    });
    return {
      status: res.status,
      headers: res.headers,
      bytes: Buffer.from(await res.arrayBuffer()),
      requestId: res.headers.get('x-request-id') ?? '',
    };
  };
  const json = (d: Download) => JSON.parse(d.bytes.toString('utf8'));
  const csvLines = (d: Download) => d.bytes.toString('utf8').slice(1).split('\r\n');
  const recordOf = async (requestId: string) => {
    await platform.audit!.ship();
    const records = await recordsFor(db, requestId);
    expect(records).toHaveLength(1);
    return records[0];
  };

  beforeAll(async () => {
    platform = await startPlatform({
      subgraphs: ['population', 'legal-entity', 'licences', 'credit', 'sharing', 'audit'],
      persons: 300,
    });
    db = await platform.audit!.connect();
    const row = await platform.subgraphs
      .population!.db('people')
      .whereNotNull('phone')
      .orderBy('id_number')
      .first('id_number', 'name', 'phone', 'region_code');
    person = { id: row.id_number, name: row.name, phone: row.phone };
    region = row.region_code;
  });
  afterAll(async () => {
    await exportGateway?.stop();
    await platform?.stop();
  });

  it('downloads as CSV exactly what /graphql serves: masked values masked, withheld fields empty', async () => {
    const body = { query: PROFILE, variables: { id: person.id }, operationName: 'Profile' };
    const file = await download('csv', body, CIVIL_APP, 'SOCIAL_ASSISTANCE');
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(file.headers.get('content-disposition')).toMatch(
      /^attachment; filename="Profile-\d{8}-\d{6}\.csv"$/,
    );
    expect(file.bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(file.headers.get('x-export-withheld')).toBe('Person.phone=NO_GRANT');
    expect(file.headers.get('x-export-masked')).toContain('Person.name=NAME');

    const served = await postGraphQL(
      platform.gatewayUrl,
      PROFILE,
      { id: person.id },
      await platform.headers({ ...CIVIL_APP, purpose: 'SOCIAL_ASSISTANCE' }),
    );
    const p = served.body.data!.person;
    const lines = csvLines(file);
    expect(lines[0]).toBe(
      'person.idNumber,person.name,person.gender,person.birthDate,person.phone,person.certificates.typeName,person.certificates.status',
    );
    const rows = lines.slice(1, -1).map((l) => l.split(','));
    expect(rows.length).toBe(Math.max(1, p.certificates.length));
    for (const [i, r] of rows.entries()) {
      expect(r.slice(0, 5)).toEqual([p.idNumber, p.name, p.gender, p.birthDate, '']);
      if (p.certificates[i])
        expect(r.slice(5)).toEqual([p.certificates[i].typeName, p.certificates[i].status]);
    }
    // The real name, phone and ID number are nowhere in the file.
    const text = file.bytes.toString('utf8');
    for (const secret of [person.name, person.phone, person.id]) expect(text).not.toContain(secret);
  });

  it('records the export as one: delivery EXPORT_CSV, with what was served, before the file was sent', async () => {
    const journal = platform.audit!.stage.trail!.journal;
    const before = journal.status().seq;
    const file = await download(
      'csv',
      { query: PROFILE, variables: { id: person.id } },
      CIVIL_APP,
      'SOCIAL_ASSISTANCE',
    );
    expect(file.status).toBe(200);
    // Durable before the answer: the journal held the record when the file arrived.
    expect(journal.status().seq).toBe(before + 1);
    const record = await recordOf(file.requestId);
    expect(record).toMatchObject({
      delivery: 'EXPORT_CSV',
      department: 'civil-affairs',
      application: 'minimum-living-allowance',
      purpose: 'SOCIAL_ASSISTANCE',
      operationName: 'Profile',
      outcome: 'denied-fields',
    });
    expect(record.fieldsServed).toContain('Person.birthDate');
    expect(record.fieldsDenied).toContainEqual({ coordinate: 'Person.phone', reason: 'NO_GRANT' });
    expect(record.subjects).toHaveLength(1);

    // An ordinary request's record has no delivery.
    const plain = await postGraphQL(
      platform.gatewayUrl,
      PROFILE,
      { id: person.id },
      await platform.headers({ ...CIVIL_APP, purpose: 'SOCIAL_ASSISTANCE' }),
    );
    expect((await recordOf(plain.headers.get('x-request-id')!)).delivery).toBeUndefined();

    // Read back through the audit API: the department's access log and the person's own list.
    const log = await postGraphQL(
      platform.gatewayUrl,
      '{ accessLog(first: 20) { nodes { id operationName delivery } } }',
      {},
      await platform.headers({ department: 'civil-affairs', operator: 'auditor' }),
    );
    expect(log.body.errors).toBeUndefined();
    const nodes = log.body.data!.accessLog.nodes as { id: string; delivery: string | null }[];
    expect(nodes.find((n) => n.id === record.id)?.delivery).toBe('EXPORT_CSV');
    expect(nodes.some((n) => n.delivery === null)).toBe(true);
    const mine = await postGraphQL(
      platform.gatewayUrl,
      'query($id: ID!) { whoAccessedMyData(idNumber: $id, first: 50) { subject { idNumber } nodes { recordId delivery } } }',
      { id: person.id },
      await platform.headers({
        department: 'big-data-bureau',
        operator: 'dpo.liu',
        roles: ['data-protection-officer'],
      }),
    );
    expect(mine.body.errors).toBeUndefined();
    const accesses = mine.body.data!.whoAccessedMyData.nodes as {
      recordId: string;
      delivery: string | null;
    }[];
    expect(accesses.find((a) => a.recordId === record.id)?.delivery).toBe('EXPORT_CSV');
  });

  it('downloads an Excel workbook: rows per innermost list item, a bold frozen header, and the withheld fields noted', async () => {
    const query = `query Residents($region: ID!) {
      people(regionCode: $region, first: 5) { totalCount nodes { idNumber name certificates { typeName holderName } } }
    }`;
    const file = await download('xlsx', { query, variables: { region } }, PUBLIC_SECURITY);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(file.headers.get('content-disposition')).toMatch(
      /filename="Residents-\d{8}-\d{6}\.xlsx"/,
    );
    const served = await postGraphQL(
      platform.gatewayUrl,
      query,
      { region },
      await platform.headers(PUBLIC_SECURITY),
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.bytes as unknown as ArrayBuffer);
    const [data, notes] = workbook.worksheets;
    expect(data.getRow(1).values).toEqual([
      undefined,
      'people.totalCount',
      'people.nodes.idNumber',
      'people.nodes.name',
      'people.nodes.certificates.typeName',
      'people.nodes.certificates.holderName',
    ]);
    expect(data.getRow(1).font?.bold).toBe(true);
    expect(data.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const expected: unknown[][] = [];
    for (const n of served.body.data!.people.nodes) {
      const certs =
        n.certificates.length > 0 ? n.certificates : [{ typeName: null, holderName: null }];
      for (const c of certs)
        expected.push([
          served.body.data!.people.totalCount,
          n.idNumber,
          n.name,
          c.typeName,
          c.holderName,
        ]);
    }
    const rows: unknown[][] = [];
    data.eachRow((row, i) => {
      if (i > 1) rows.push((row.values as unknown[]).slice(1).map((v) => v ?? null));
    });
    expect(rows.map((r) => [...r, ...Array(5 - r.length).fill(null)])).toEqual(expected);
    // The owner reads its people in full; the licences office's holder name stays masked.
    expect(notes.getRow(1).values).toEqual([
      undefined,
      'kind',
      'path',
      'coordinate',
      'detail',
      'message',
    ]);
    const noteRows: unknown[][] = [];
    notes.eachRow((row, i) => i > 1 && noteRows.push((row.values as unknown[]).slice(1)));
    if (expected.some((r) => r[4] !== null))
      expect(noteRows).toContainEqual([
        'MASKED',
        '',
        'Certificate.holderName',
        'NAME',
        expect.any(String),
      ]);
    expect((await recordOf(file.requestId)).delivery).toBe('EXPORT_XLSX');
  });

  it("puts a withheld field's reason on the workbook's notes sheet", async () => {
    const file = await download(
      'xlsx',
      { query: PROFILE, variables: { id: person.id } },
      CIVIL_APP,
      'SOCIAL_ASSISTANCE',
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.bytes as unknown as ArrayBuffer);
    const notes = workbook.worksheets[1];
    const noteRows: unknown[][] = [];
    notes.eachRow((row, i) => i > 1 && noteRows.push((row.values as unknown[]).slice(1)));
    expect(noteRows).toContainEqual([
      'WITHHELD',
      'person.phone',
      'Person.phone',
      'NO_GRANT',
      expect.stringContaining('apply to its owner'),
    ]);
    const cells: string[] = [];
    for (const sheet of workbook.worksheets)
      sheet.eachRow((row) => cells.push(JSON.stringify(row.values)));
    for (const secret of [person.name, person.phone, person.id])
      expect(cells.join('\n')).not.toContain(secret);
  });

  it('refuses a mutation before it runs, and records the refusal as an export', async () => {
    const before = await platform.subgraphs
      .sharing!.db('sharing_applications')
      .count({ n: '*' })
      .first();
    const file = await download(
      'csv',
      {
        query: `mutation Apply($input: SharingApplicationInput!) { applyForSharing(input: $input) { id } }`,
        variables: {
          input: {
            items: ['Person.phone'],
            purposes: ['SOCIAL_ASSISTANCE'],
            justification: '导出测试',
          },
        },
      },
      CIVIL_APP,
      'SOCIAL_ASSISTANCE',
    );
    expect(file.status).toBe(400);
    expect(file.headers.get('content-type')).toMatch(/^application\/json/);
    expect(json(file).errors[0].extensions).toMatchObject({
      code: 'BAD_REQUEST',
      problem: 'NOT_EXPORTABLE',
    });
    const after = await platform.subgraphs
      .sharing!.db('sharing_applications')
      .count({ n: '*' })
      .first();
    expect(after).toEqual(before);
    expect(await recordOf(file.requestId)).toMatchObject({
      delivery: 'EXPORT_CSV',
      outcome: 'invalid',
      httpStatus: 400,
      subgraphs: [],
    });
  });

  it('answers as GraphQL does without a token, with a forged purpose or an invalid document', async () => {
    const anonymous = await download('csv', { query: PROFILE, variables: { id: person.id } }, null);
    expect(anonymous.status).toBe(401);
    expect(json(anonymous).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(anonymous.headers.get('content-disposition')).toBeNull();
    expect(await recordOf(anonymous.requestId)).toMatchObject({
      delivery: 'EXPORT_CSV',
      outcome: 'unauthenticated',
    });
    const bad = await download(
      'csv',
      { query: PROFILE, variables: { id: person.id } },
      CIVIL_APP,
      'NOT_A_PURPOSE',
    );
    expect(bad.status).toBe(400);
    const invalid = await download(
      'xlsx',
      { query: '{ person(idNumber: "1") { shoeSize } }' },
      CIVIL_APP,
    );
    expect(invalid.status).toBe(400);
    expect(json(invalid).errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect((await recordOf(invalid.requestId)).delivery).toBe('EXPORT_XLSX');
    const format = await download('pdf', { query: PROFILE }, CIVIL_APP);
    expect(format.status).toBe(400);
  });

  it("exports nothing of another department's data the caller's grants do not open", async () => {
    // Civil affairs asks for the population listing, conditional and never granted to it.
    const file = await download(
      'csv',
      { query: `{ people(regionCode: "${region}", first: 5) { nodes { idNumber name phone } } }` },
      CIVIL_APP,
      'SOCIAL_ASSISTANCE',
    );
    expect(file.status).toBe(200);
    // The listing is withheld, and with it the phone inside it: both reported.
    expect(file.headers.get('x-export-withheld')).toBe(
      'Query.people=NO_GRANT, Person.phone=NO_GRANT',
    );
    const text = file.bytes.toString('utf8');
    expect(text.slice(1)).toBe('people\r\n\r\n');
    const everyone = await platform.subgraphs
      .population!.db('people')
      .where({ region_code: region })
      .select('id_number', 'phone');
    for (const p of everyone.slice(0, 20)) {
      expect(text).not.toContain(p.id_number);
      if (p.phone) expect(text).not.toContain(p.phone);
    }
  });

  it('refuses a result with more rows than an export holds, and records the refusal', async () => {
    exportGateway = await startExportGateway(platform, { maxExportRows: 3 });
    const query = `{ people(regionCode: "${region}", first: 10) { nodes { idNumber } } }`;
    const file = await download('csv', { query }, PUBLIC_SECURITY, undefined, exportGateway.origin);
    expect(file.status).toBe(400);
    expect(json(file).errors[0]).toMatchObject({
      message: expect.stringContaining('more than 3 rows'),
      extensions: {
        code: 'BAD_REQUEST',
        problem: 'EXPORT_TOO_LARGE',
        limit: { name: 'exportRows', max: 3 },
      },
    });
    const within = await download(
      'csv',
      { query: `{ people(regionCode: "${region}", first: 3) { nodes { idNumber } } }` },
      PUBLIC_SECURITY,
      undefined,
      exportGateway.origin,
    );
    expect(within.status).toBe(200);
    expect(csvLines(within)).toHaveLength(5);
    await exportGateway.hooks.audit!.trail!.shipper.drain();
    const records = await recordsFor(db, file.requestId);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      delivery: 'EXPORT_CSV',
      outcome: 'invalid',
      httpStatus: 400,
    });
    expect(records[0].errorCodes).toContain('BAD_REQUEST');
  });

  it('takes no export from a cross-site form: without a token or session nothing is served', async () => {
    const res = await fetch(
      `${new URL(platform.gatewayUrl).origin}/workbench/api/export?format=csv`,
      {
        method: 'POST',
        headers: {
          'content-type': 'text/plain',
          cookie: 'sjt_session=stolen',
          origin: 'https://evil.example',
        },
        body: JSON.stringify({ query: PROFILE, variables: { id: person.id } }),
      },
    );
    expect([401, 403]).toContain(res.status);
    expect(res.headers.get('content-disposition')).toBeNull();
    expect(await res.text()).not.toContain(person.id);
  });
});

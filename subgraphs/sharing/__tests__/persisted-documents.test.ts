import { createHash } from 'node:crypto';
import { createTempDatabase, TempDatabase } from '../../../test/utils/temp-database';
import { sharingSubgraph } from '../module';
import { createPersistedDocuments, PersistedDocuments } from '../persisted-documents';
import { callerOf } from './sharing-fixture';

const NOW = new Date('2026-12-06T02:00:00.000Z');
const bureau = callerOf('big-data-bureau');
const civil = callerOf('civil-affairs');
const housing = callerOf('housing');
const sha = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const DOC = 'query Pull($id: ID!) { person(idNumber: $id) { name } }';

function application(id: string, department: string) {
  return {
    id,
    department,
    name: id,
    function_text: 'f',
    scope_of_use: 's',
    usage_frequency: 'DAILY',
    funding_source: 'x',
    status: 'ACTIVE',
    registered_at: NOW.toISOString(),
    updated_at: NOW.toISOString(),
    limits_basis: 'DAILY',
  };
}

describe('persisted documents in the registry', () => {
  let temp: TempDatabase;
  let docs: PersistedDocuments;
  const notices: string[] = [];

  beforeAll(async () => {
    temp = await createTempDatabase(sharingSubgraph, { empty: true });
    await temp
      .db('applications')
      .insert([
        application('minimum-living-allowance', 'civil-affairs'),
        application('housing-subsidy', 'housing'),
      ]);
    docs = createPersistedDocuments(
      temp.db,
      () => NOW,
      (id) => void notices.push(id),
    );
  });
  afterAll(() => temp.cleanup());

  it('registers a document under the SHA-256 it computes of the exact text', async () => {
    const doc = await docs.register(civil, {
      application: 'minimum-living-allowance',
      item: 'DB0101',
      document: DOC,
    });
    expect(doc.sha256).toBe(sha(DOC));
    expect(doc.operationName).toBe('Pull');
    expect(doc.registrations).toMatchObject([
      {
        application_id: 'minimum-living-allowance',
        item_code: 'DB0101',
        registered_by: 'op@civil-affairs',
      },
    ]);
  });

  it('registers the same text again idempotently, and refuses it under another item', async () => {
    const again = await docs.register(bureau, {
      application: 'minimum-living-allowance',
      item: 'DB0101',
      document: DOC,
    });
    expect(again.registrations).toHaveLength(1);
    await expect(
      docs.register(bureau, {
        application: 'minimum-living-allowance',
        item: 'ZF0101',
        document: DOC,
      }),
    ).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT', problem: 'DUPLICATE' } });
  });

  it('hashes whitespace too: a changed byte is another document', async () => {
    const doc = await docs.register(civil, {
      application: 'minimum-living-allowance',
      document: `${DOC}\n`,
    });
    expect(doc.sha256).not.toBe(sha(DOC));
    expect(doc.sha256).toBe(sha(`${DOC}\n`));
  });

  it.each([
    ['does not parse', '{ person(idNumber: "1") { name }', 'SYNTAX'],
    ['holds two operations', 'query A { a } query B { b }', 'OPERATIONS'],
    ['holds no operation', 'fragment F on Person { name }', 'OPERATIONS'],
    ['holds type definitions', 'type X { a: Int } query A { a }', 'NOT_EXECUTABLE'],
    ['is empty', '   ', 'REQUIRED'],
  ])('refuses a document that %s', async (_, document, problem) => {
    await expect(
      docs.register(bureau, { application: 'minimum-living-allowance', document }),
    ).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT', problem } });
  });

  it('refuses a malformed item code and an unknown application', async () => {
    await expect(
      docs.register(bureau, {
        application: 'minimum-living-allowance',
        item: 'zf-1',
        document: DOC,
      }),
    ).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argumentName: 'item' } });
    await expect(
      docs.register(bureau, { application: 'ghost-system', document: DOC }),
    ).rejects.toMatchObject({ extensions: { code: 'NOT_FOUND' } });
  });

  it("lets only the bureau or the application's own department register for it", async () => {
    await expect(
      docs.register(housing, {
        application: 'minimum-living-allowance',
        document: 'query Mine { a }',
      }),
    ).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    await expect(
      docs.register(housing, { application: 'housing-subsidy', document: DOC }),
    ).resolves.toMatchObject({ sha256: sha(DOC) });
  });

  it('shows a department only its own registrations; the bureau all; others nothing', async () => {
    expect((await docs.get(bureau, sha(DOC)))!.registrations.map((r) => r.application_id)).toEqual([
      'housing-subsidy',
      'minimum-living-allowance',
    ]);
    expect((await docs.get(housing, sha(DOC)))!.registrations.map((r) => r.application_id)).toEqual(
      ['housing-subsidy'],
    );
    await expect(docs.get(callerOf('tax'), sha(DOC))).rejects.toMatchObject({
      extensions: { code: 'FORBIDDEN' },
    });
    expect(await docs.get(bureau, 'a'.repeat(64))).toBeNull();
    await expect(docs.get(bureau, 'not-a-hash')).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', problem: 'FORMAT' },
    });
  });

  it('lets only the bureau set the document mode, and tells the gateways', async () => {
    await expect(
      docs.setMode(civil, 'minimum-living-allowance', 'PERSISTED_ONLY'),
    ).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    expect(notices).toEqual([]);
    const row = await docs.setMode(bureau, 'minimum-living-allowance', 'PERSISTED_ONLY');
    expect(row).toMatchObject({ id: 'minimum-living-allowance', document_mode: 'PERSISTED_ONLY' });
    expect(notices).toEqual(['minimum-living-allowance']);
    await expect(docs.setMode(bureau, 'ghost-system', 'ANY')).rejects.toMatchObject({
      extensions: { code: 'NOT_FOUND' },
    });
  });
});

/**
 * The service network's operations as persisted documents (issue 9): the sharing seed registers
 * the repository's manifest for `service-network`; a request names a document by SHA-256 (APQ's
 * `extensions.persistedQuery` or `documentId: "sha256:<hex>"`) and runs it as if sent; the big
 * data bureau switches an application to PERSISTED_ONLY, after which it runs only documents
 * registered for it, on every gateway instance without a restart. A caller with a valid token
 * and bad intent: sends ad-hoc text, borrows another application's document, forges a hash.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sha256Hex } from '../../../gateway/persisted-documents';
import { manifestDocuments, PERSISTED_DIR } from '../../../subgraphs/sharing/persisted-manifest';
import { runPersistedCommand } from '../../../scripts/persisted/persisted-commands';
import { postGraphQL } from '../../utils/graphql-client';
import { Platform, startPlatform, TestTokenRequest } from '../../utils/platform';
import { describeWithService } from '../../utils/services';
import { recordsFor } from '../audit/audit-rows';

const SERVICE_NETWORK = {
  department: 'big-data-bureau',
  application: 'service-network',
  operator: 'clerk-01',
  purpose: 'ADMINISTRATIVE_APPROVAL',
};
const ALLOWANCE = {
  department: 'civil-affairs',
  application: 'minimum-living-allowance',
  operator: 'zhang.wei',
  purpose: 'SOCIAL_ASSISTANCE',
};
const BUREAU = { department: 'big-data-bureau', operator: 'registry.admin' };

const REGISTER = `mutation R($input: PersistedDocumentInput!) {
  registerPersistedDocument(input: $input) { sha256 documentId operationName registrations { application { id } item } }
}`;
const SET_MODE = `mutation M($id: ID!, $mode: DocumentMode!) {
  setApplicationDocumentMode(id: $id, mode: $mode) { id documentMode }
}`;
const AD_HOC = 'query AdHoc($id: ID!) { person(idNumber: $id) { name birthDate } }';
const NEW_DOC =
  'query ApplicantBirth($idNumber: ID!) { person(idNumber: $idNumber) { idNumber birthDate } }';
const ALLOWANCE_DOC =
  'query AllowanceHousehold($idNumber: ID!) { person(idNumber: $idNumber) { name } }';

const profile = manifestDocuments().find((d) => d.name === 'ApplicantProfile')!;

interface Sent {
  status: number;
  requestId: string | null;
  body: { data?: any; errors?: { message: string; extensions?: Record<string, any> }[] };
}

async function send(url: string, body: unknown, headers: Record<string, string>): Promise<Sent> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return {
    status: res.status,
    requestId: res.headers.get('x-request-id'),
    body: (await res.json()) as Sent['body'],
  };
}

const apq = (sha256: string) => ({
  extensions: { persistedQuery: { version: 1, sha256Hash: sha256 } },
});
const codes = (r: Sent) => r.body.errors?.map((e) => e.extensions?.code);

async function eventually(check: () => Promise<boolean>, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > until) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
}

function persistedSuite(backend: 'sqlite' | 'mysql', redis: boolean) {
  let platform: Platform;
  let idNumber: string;
  const as = (who: TestTokenRequest & { purpose?: string }) => platform.headers(who);

  beforeAll(async () => {
    platform = await startPlatform({
      backend,
      persons: 300,
      subgraphs: ['population', 'legal-entity', 'spatial', 'licences', 'credit', 'sharing'],
      ...(redis ? { redis: { url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' } } : {}),
    });
    idNumber = (
      await platform.subgraphs.population!.db('people').orderBy('id_number').first('id_number')
    ).id_number;
  });
  afterAll(async () => {
    await platform?.stop();
  });

  it('runs a seeded manifest document by hash, in both shapes, as if its text had been sent', async () => {
    const headers = await as(SERVICE_NETWORK);
    const variables = { idNumber };
    const byText = await send(platform.gatewayUrl, { query: profile.document, variables }, headers);
    const byApq = await send(platform.gatewayUrl, { variables, ...apq(profile.sha256) }, headers);
    const byId = await send(
      platform.gatewayUrl,
      { documentId: `sha256:${profile.sha256}`, variables },
      headers,
    );
    expect(byText.status).toBe(200);
    expect(byText.body.data.person.idNumber).toBeTruthy();
    expect(byApq).toMatchObject({ status: 200, body: byText.body });
    expect(byId).toMatchObject({ status: 200, body: byText.body });
  });

  it('records the persisted request with the document that ran', async () => {
    const sent = await send(
      platform.gatewayUrl,
      { variables: { idNumber }, ...apq(profile.sha256) },
      await as(SERVICE_NETWORK),
    );
    await platform.audit!.ship();
    const db = await platform.audit!.connect();
    const [record] = await recordsFor(db, sent.requestId!);
    expect(record.operationName).toBe('ApplicantProfile');
    const stored = await db('audit_documents').where({ hash: record.documentHash }).first();
    expect(stored.text).toContain('query ApplicantProfile($idNumber: ID!)');
    expect(stored.text).toContain('creditStatus');
  });

  it('answers an unknown hash 400 PERSISTED_DOCUMENT_NOT_FOUND', async () => {
    const unknown = sha256Hex('query Nobody { departments { code } }');
    const sent = await send(platform.gatewayUrl, apq(unknown), await as(SERVICE_NETWORK));
    expect({ status: sent.status, codes: codes(sent) }).toEqual({
      status: 400,
      codes: ['PERSISTED_DOCUMENT_NOT_FOUND'],
    });
    expect(sent.body.errors![0].extensions).toMatchObject({ documentId: `sha256:${unknown}` });
  });

  it('refuses a hash that is not the SHA-256 of the text sent with it', async () => {
    const sent = await send(
      platform.gatewayUrl,
      { query: AD_HOC, variables: { id: idNumber }, ...apq(profile.sha256) },
      await as(SERVICE_NETWORK),
    );
    expect({ status: sent.status, codes: codes(sent) }).toEqual({
      status: 400,
      codes: ['BAD_REQUEST'],
    });
  });

  it('registers through the gateway under the hash the registry computes, runnable at once', async () => {
    const sha256 = sha256Hex(NEW_DOC);
    const before = await send(platform.gatewayUrl, apq(sha256), await as(SERVICE_NETWORK));
    expect(codes(before)).toEqual(['PERSISTED_DOCUMENT_NOT_FOUND']);
    const registered = await postGraphQL(
      platform.gatewayUrl,
      REGISTER,
      { input: { application: 'service-network', item: 'ZF0101', document: NEW_DOC } },
      await as(BUREAU),
    );
    expect(registered.body.errors).toBeUndefined();
    expect(registered.body.data!.registerPersistedDocument).toEqual({
      sha256,
      documentId: `sha256:${sha256}`,
      operationName: 'ApplicantBirth',
      registrations: [{ application: { id: 'service-network' }, item: 'ZF0101' }],
    });
    const after = await send(
      platform.gatewayUrl,
      { variables: { idNumber }, ...apq(sha256) },
      await as(SERVICE_NETWORK),
    );
    expect(after.status).toBe(200);
    expect(after.body.data.person.idNumber).toBeTruthy();
  });

  it('refuses to register a document that does not parse or holds two operations', async () => {
    for (const document of [
      'query { person(',
      'query A { departments { code } } query B { usePurposes { code } }',
    ]) {
      const r = await postGraphQL(
        platform.gatewayUrl,
        REGISTER,
        { input: { application: 'service-network', document } },
        await as(BUREAU),
      );
      expect(r.body.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    }
  });

  it("does not lend another application's document", async () => {
    const registered = await postGraphQL(
      platform.gatewayUrl,
      REGISTER,
      { input: { application: 'minimum-living-allowance', document: ALLOWANCE_DOC } },
      await as(ALLOWANCE),
    );
    expect(registered.body.errors).toBeUndefined();
    const borrowed = await send(
      platform.gatewayUrl,
      { variables: { idNumber }, ...apq(sha256Hex(ALLOWANCE_DOC)) },
      await as(SERVICE_NETWORK),
    );
    expect({ status: borrowed.status, codes: codes(borrowed) }).toEqual({
      status: 400,
      codes: ['PERSISTED_DOCUMENT_NOT_FOUND'],
    });
    // A department registers for its own systems only.
    const foreign = await postGraphQL(
      platform.gatewayUrl,
      REGISTER,
      { input: { application: 'service-network', document: AD_HOC } },
      await as(ALLOWANCE),
    );
    expect(foreign.body.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
  });

  describe('PERSISTED_ONLY', () => {
    let second: Awaited<ReturnType<Platform['addGateway']>>;
    const adHoc = async (url: string) =>
      send(url, { query: AD_HOC, variables: { id: idNumber } }, await as(SERVICE_NETWORK));

    beforeAll(async () => {
      second = await platform.addGateway();
      // The second instance has the mode ANY cached before the switch.
      expect((await adHoc(second.url)).status).toBe(200);
    });

    it('is the bureau’s switch only', async () => {
      const r = await postGraphQL(
        platform.gatewayUrl,
        SET_MODE,
        { id: 'service-network', mode: 'PERSISTED_ONLY' },
        await as(ALLOWANCE),
      );
      expect(r.body.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
      expect((await adHoc(platform.gatewayUrl)).status).toBe(200);
    });

    it('refuses ad-hoc text at once on this gateway (403 PERSISTED_DOCUMENT_REQUIRED)', async () => {
      const r = await postGraphQL(
        platform.gatewayUrl,
        SET_MODE,
        { id: 'service-network', mode: 'PERSISTED_ONLY' },
        await as(BUREAU),
      );
      expect(r.body.data!.setApplicationDocumentMode).toEqual({
        id: 'service-network',
        documentMode: 'PERSISTED_ONLY',
      });
      const refused = await adHoc(platform.gatewayUrl);
      expect({ status: refused.status, codes: codes(refused) }).toEqual({
        status: 403,
        codes: ['PERSISTED_DOCUMENT_REQUIRED'],
      });
      expect(JSON.stringify(refused.body)).not.toContain(idNumber);
    });

    it(`applies on another gateway instance without a restart (${redis ? 'registry notice' : 'registry cache lifetime'})`, async () => {
      expect(
        await eventually(async () => (await adHoc(second.url)).status === 403, redis ? 1500 : 3000),
      ).toBe(true);
    });

    it('still runs its documents, by hash or as their registered text', async () => {
      const headers = await as(SERVICE_NETWORK);
      const variables = { idNumber };
      expect(
        (await send(platform.gatewayUrl, { variables, ...apq(profile.sha256) }, headers)).status,
      ).toBe(200);
      const asText = await send(
        platform.gatewayUrl,
        { query: profile.document, variables },
        headers,
      );
      expect(asText.status).toBe(200);
      expect(asText.body.data.person.idNumber).toBeTruthy();
    });

    it("refuses another application's document, by hash or as text, and a reformatted copy of its own", async () => {
      const headers = await as(SERVICE_NETWORK);
      const byHash = await send(platform.gatewayUrl, apq(sha256Hex(ALLOWANCE_DOC)), headers);
      expect(codes(byHash)).toEqual(['PERSISTED_DOCUMENT_NOT_FOUND']);
      const asText = await send(
        platform.gatewayUrl,
        { query: ALLOWANCE_DOC, variables: { idNumber } },
        headers,
      );
      expect({ status: asText.status, codes: codes(asText) }).toEqual({
        status: 403,
        codes: ['PERSISTED_DOCUMENT_REQUIRED'],
      });
      const reformatted = await send(
        platform.gatewayUrl,
        { query: profile.document.replace(/\n\s*/g, ' '), variables: { idNumber } },
        headers,
      );
      expect(codes(reformatted)).toEqual(['PERSISTED_DOCUMENT_REQUIRED']);
    });

    it('holds only that application: others still send text', async () => {
      const other = await send(
        platform.gatewayUrl,
        { query: AD_HOC, variables: { id: idNumber } },
        await as(ALLOWANCE),
      );
      expect(other.status).toBe(200);
    });

    it('is lifted as it was set: ANY applies at once', async () => {
      await postGraphQL(
        platform.gatewayUrl,
        SET_MODE,
        { id: 'service-network', mode: 'ANY' },
        await as(BUREAU),
      );
      expect((await adHoc(platform.gatewayUrl)).status).toBe(200);
    });
  });

  it('registers the manifest with the script (idempotently) and its check catches a tampered file', async () => {
    const out: string[] = [];
    const io = { out: (l: string) => out.push(l), err: (l: string) => out.push(l) };
    const token = await platform.token(BUREAU);
    expect(
      await runPersistedCommand(['register', '--url', platform.gatewayUrl, '--token', token], io),
    ).toBe(0);
    expect(out.join('\n')).toContain(
      `registered ApplicantProfile for service-network (ZF0101): sha256:${profile.sha256}`,
    );
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'persisted-'));
    try {
      fs.cpSync(PERSISTED_DIR, dir, { recursive: true });
      fs.writeFileSync(
        path.join(dir, profile.file),
        profile.document.replace('birthDate', 'phone'),
      );
      out.length = 0;
      expect(await runPersistedCommand(['check', '--dir', dir], io)).toBe(1);
      expect(out.join('\n')).toMatch(
        new RegExp(`${profile.file}: SHA-256 is [0-9a-f]{64}, manifest says ${profile.sha256}`),
      );
      out.length = 0;
      expect(
        await runPersistedCommand(
          ['register', '--dir', dir, '--url', platform.gatewayUrl, '--token', token],
          io,
        ),
      ).toBe(1);
      expect(out.join('\n')).toContain('nothing registered');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
}

describe('persisted documents of the service network on SQLite', () =>
  persistedSuite('sqlite', false));
describeWithService(
  ['mysql', 'redis'],
  'persisted documents of the service network on MariaDB with Redis',
  () => persistedSuite('mysql', true),
);

import { sha256Hex } from '../document-hash';
import { decideDocument, RegisteredDocumentLookup } from '../document-mode';
import { documentReference } from '../document-reference';

const OURS = 'query Ours { a }';
const THEIRS = 'query Theirs { b }';
/** The registry: OURS for service-network, THEIRS for minimum-living-allowance. */
const registered: Record<string, Record<string, string>> = {
  'service-network': { [sha256Hex(OURS)]: OURS },
  'minimum-living-allowance': { [sha256Hex(THEIRS)]: THEIRS },
};
const lookup: RegisteredDocumentLookup = async (sha256, application) =>
  registered[application]?.[sha256] ?? null;
const byHash = (text: string) => documentReference({ documentId: `sha256:${sha256Hex(text)}` });
const byText = (text: string) => documentReference({ query: text });

describe('what a request may run', () => {
  it('runs a registered document by hash, in either mode', async () => {
    for (const mode of ['ANY', 'PERSISTED_ONLY'] as const)
      expect(await decideDocument(byHash(OURS), mode, 'service-network', lookup)).toEqual({
        kind: 'resolved',
        query: OURS,
        sha256: sha256Hex(OURS),
      });
  });

  it('does not find an unknown hash (400 PERSISTED_DOCUMENT_NOT_FOUND)', async () => {
    expect(
      await decideDocument(byHash('query Nobody { x }'), 'ANY', 'service-network', lookup),
    ).toMatchObject({ kind: 'refused', status: 400, code: 'PERSISTED_DOCUMENT_NOT_FOUND' });
  });

  it("does not find another application's document by hash, nor with a token naming none", async () => {
    for (const mode of ['ANY', 'PERSISTED_ONLY'] as const)
      expect(await decideDocument(byHash(THEIRS), mode, 'service-network', lookup)).toMatchObject({
        code: 'PERSISTED_DOCUMENT_NOT_FOUND',
      });
    expect(await decideDocument(byHash(OURS), 'ANY', null, lookup)).toMatchObject({
      code: 'PERSISTED_DOCUMENT_NOT_FOUND',
    });
  });

  it('runs any text as sent in ANY mode', async () => {
    expect(await decideDocument(byText('{ anything }'), 'ANY', 'service-network', lookup)).toEqual({
      kind: 'as-sent',
    });
  });

  it('in PERSISTED_ONLY refuses a text not registered for the application (403 PERSISTED_DOCUMENT_REQUIRED)', async () => {
    for (const text of ['{ anything }', THEIRS, `${OURS} `])
      expect(
        await decideDocument(byText(text), 'PERSISTED_ONLY', 'service-network', lookup),
      ).toMatchObject({ kind: 'refused', status: 403, code: 'PERSISTED_DOCUMENT_REQUIRED' });
  });

  it('in PERSISTED_ONLY runs a text whose hash is registered for the application', async () => {
    expect(
      await decideDocument(byText(OURS), 'PERSISTED_ONLY', 'service-network', lookup),
    ).toMatchObject({ kind: 'resolved', query: OURS });
  });

  it('refuses a text sent with a hash that is not its own, in either mode', async () => {
    const forged = documentReference({
      query: '{ anything }',
      extensions: { persistedQuery: { version: 1, sha256Hash: sha256Hex(OURS) } },
    });
    for (const mode of ['ANY', 'PERSISTED_ONLY'] as const)
      expect(await decideDocument(forged, mode, 'service-network', lookup)).toMatchObject({
        status: 400,
        code: 'BAD_REQUEST',
      });
  });

  it('passes a request naming no document on, and refuses a malformed reference', async () => {
    expect(await decideDocument(documentReference({}), 'PERSISTED_ONLY', 'x', lookup)).toEqual({
      kind: 'as-sent',
    });
    expect(
      await decideDocument(documentReference({ documentId: 'nope' }), 'ANY', 'x', lookup),
    ).toMatchObject({ status: 400, code: 'BAD_REQUEST' });
  });
});

import { createHash } from 'node:crypto';
import { documentIdHash, sha256Hex, sha256Of } from '../document-hash';
import { documentReference, resolvedBody } from '../document-reference';

const H = 'ab'.repeat(32);

describe('document ids', () => {
  it('is the SHA-256 of the UTF-8 text, lower-case hex', () => {
    const text = 'query 申请人 { a }';
    expect(sha256Hex(text)).toBe(
      createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex'),
    );
  });

  it('accepts 64 hex digits in either case, and sha256:<hex> ids only', () => {
    expect(sha256Of(H.toUpperCase())).toBe(H);
    expect(sha256Of(H.slice(1))).toBeNull();
    expect(sha256Of(`${H.slice(1)}g`)).toBeNull();
    expect(documentIdHash(`sha256:${H}`)).toBe(H);
    expect(documentIdHash(`md5:${H}`)).toBeNull();
    expect(documentIdHash(H)).toBeNull();
  });
});

describe('how a request names its document', () => {
  it.each([
    ['a text', { query: '{ a }' }, { kind: 'text', query: '{ a }', claimedSha256: null }],
    [
      'APQ',
      { extensions: { persistedQuery: { version: 1, sha256Hash: H } } },
      { kind: 'hash', sha256: H },
    ],
    ['documentId', { documentId: `sha256:${H}` }, { kind: 'hash', sha256: H }],
    [
      'APQ registration shape',
      { query: '{ a }', extensions: { persistedQuery: { version: 1, sha256Hash: H } } },
      { kind: 'text', query: '{ a }', claimedSha256: H },
    ],
    ['nothing', {}, { kind: 'none' }],
  ])('reads %s', (_, fields, expected) => {
    expect(documentReference(fields)).toEqual(expected);
  });

  it.each([
    ['a documentId in another form', { documentId: 'abc' }],
    ['a query and a documentId', { query: '{ a }', documentId: `sha256:${H}` }],
    [
      'both reference forms',
      { documentId: `sha256:${H}`, extensions: { persistedQuery: { version: 1, sha256Hash: H } } },
    ],
    [
      'an APQ version other than 1',
      { extensions: { persistedQuery: { version: 2, sha256Hash: H } } },
    ],
    ['a hash that is not hex', { extensions: { persistedQuery: { version: 1, sha256Hash: 'x' } } }],
    ['a persistedQuery that is not an object', { extensions: { persistedQuery: 'h' } }],
  ])('calls %s malformed', (_, fields) => {
    expect(documentReference(fields).kind).toBe('malformed');
  });

  it('runs the text in place of the reference, keeping other extensions and fields', () => {
    expect(
      resolvedBody(
        {
          documentId: `sha256:${H}`,
          variables: { id: 1 },
          operationName: 'P',
          extensions: { persistedQuery: { version: 1, sha256Hash: H }, purpose: 'X', case: 'C' },
        },
        'query P { a }',
      ),
    ).toEqual({
      query: 'query P { a }',
      variables: { id: 1 },
      operationName: 'P',
      extensions: { purpose: 'X', case: 'C' },
    });
    expect(resolvedBody({ extensions: { persistedQuery: {} } }, '{ a }')).toEqual({
      query: '{ a }',
    });
  });
});

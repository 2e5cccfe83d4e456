import { createHmac } from 'node:crypto';
import {
  CALLER_HEADER,
  canonicalString,
  computeSignature,
  encodeCaller,
  NONCE_HEADER,
  REQUEST_ID_HEADER,
  SIGNATURE_HEADER,
  signatureHeaders,
  signatureMatches,
  SignedRequest,
  TIMESTAMP_HEADER,
} from '../subgraph-signature';

const SECRET = Buffer.from('a-test-secret-of-at-least-thirty-two-chars');
const CALLER = {
  department: 'civil-affairs',
  application: 'minimum-living-allowance',
  operator: 'zhang.wei',
  purpose: 'SOCIAL_ASSISTANCE',
  roles: ['clerk'],
};
const BODY = JSON.stringify({
  query: '{ person(idNumber: "320602199001011234") { name } }',
  variables: {},
});

function signed(overrides: Partial<SignedRequest> = {}): SignedRequest {
  return {
    subgraph: 'population',
    method: 'POST',
    path: '/graphql',
    body: BODY,
    timestamp: 1_740_000_000_000,
    nonce: 'n1',
    requestId: 'r1',
    encodedCaller: encodeCaller(CALLER),
    ...overrides,
  };
}

describe('subgraph request signature', () => {
  it('is an HMAC-SHA256 over one line per field, body as its SHA-256', () => {
    const text = canonicalString(signed());
    expect(text.split('\n')).toEqual([
      'shujutong-subgraph-v1',
      'population',
      'POST',
      '/graphql',
      expect.stringMatching(/^[0-9a-f]{64}$/),
      '1740000000000',
      'n1',
      'r1',
      encodeCaller(CALLER),
    ]);
    expect(computeSignature(signed(), SECRET)).toBe(
      createHmac('sha256', SECRET).update(text).digest('base64url'),
    );
  });

  it('signs the same request identically whether the body is a string or its bytes', () => {
    expect(computeSignature(signed({ body: Buffer.from(BODY) }), SECRET)).toBe(
      computeSignature(signed(), SECRET),
    );
  });

  it.each([
    ['the body', { body: BODY.replace('name', 'phone') }],
    ['the caller', { encodedCaller: encodeCaller({ ...CALLER, department: 'big-data-bureau' }) }],
    ['the timestamp', { timestamp: 1_740_000_000_001 }],
    ['the nonce', { nonce: 'n2' }],
    ['the request id', { requestId: 'r2' }],
    ['the subgraph', { subgraph: 'credit' }],
    ['the path', { path: '/graphql?x=1' }],
    ['the method', { method: 'GET' }],
  ])('no longer matches when %s changes', (_what, change) => {
    const signature = computeSignature(signed(), SECRET);
    expect(signatureMatches(signed(), SECRET, signature)).toBe(true);
    expect(signatureMatches(signed(change), SECRET, signature)).toBe(false);
  });

  it('does not match under another secret, or a truncated signature', () => {
    const signature = computeSignature(signed(), SECRET);
    expect(
      signatureMatches(
        signed(),
        Buffer.from('another-secret-of-at-least-thirty-two-chars'),
        signature,
      ),
    ).toBe(false);
    expect(signatureMatches(signed(), SECRET, signature.slice(0, -1))).toBe(false);
    expect(signatureMatches(signed(), SECRET, '')).toBe(false);
  });

  it('encodes the caller as base64url JSON of its identity fields only, in a fixed order', () => {
    const extra = {
      roles: ['clerk'],
      purpose: 'SOCIAL_ASSISTANCE',
      operator: 'zhang.wei',
      application: 'minimum-living-allowance',
      department: 'civil-affairs',
      token: 'leak',
    };
    expect(encodeCaller(extra)).toBe(encodeCaller(CALLER));
    expect(JSON.parse(Buffer.from(encodeCaller(CALLER), 'base64url').toString())).toEqual(CALLER);
    expect(Buffer.from(encodeCaller(null), 'base64url').toString()).toBe('null');
  });

  it('produces the headers a subgraph verifies, with a fresh nonce per request', () => {
    const input = {
      subgraph: 'population',
      body: BODY,
      caller: CALLER,
      requestId: 'r1',
      secret: SECRET,
      now: 1_740_000_000_000,
    };
    const headers = signatureHeaders(input);
    expect(Object.keys(headers).sort()).toEqual(
      [CALLER_HEADER, NONCE_HEADER, REQUEST_ID_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER].sort(),
    );
    expect(headers[TIMESTAMP_HEADER]).toBe('1740000000000');
    expect(headers[NONCE_HEADER]).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    const back = signed({ nonce: headers[NONCE_HEADER], encodedCaller: headers[CALLER_HEADER] });
    expect(signatureMatches(back, SECRET, headers[SIGNATURE_HEADER])).toBe(true);
    expect(signatureHeaders(input)[NONCE_HEADER]).not.toBe(headers[NONCE_HEADER]);
    expect(signatureHeaders(input)[SIGNATURE_HEADER]).not.toBe(headers[SIGNATURE_HEADER]);
  });
});

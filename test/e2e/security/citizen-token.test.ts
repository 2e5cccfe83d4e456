import { generateKeyPairSync } from 'node:crypto';
import { SignJWT } from 'jose';
import { withIdNumberCheck } from '../../../domain/id-number';
import type http from 'node:http';
import type { CallerIdentity } from '../../../contracts/caller/caller-identity';
import { createRequestVerifier } from '../../../subgraphs/kit/request-signature';
import { signatureHeaders } from '../../../contracts/signing/subgraph-signature';
import { issueToken } from '../../../gateway/auth/issue-token';
import { loadTokenKeys, SigningKey } from '../../../gateway/auth/token-keys';
import { parseTokenArgs } from '../../../gateway/auth/token-options';
import { readTokenSettings } from '../../../gateway/auth/token-settings';
import {
  ApplicationLookup,
  verifyToken,
  VerifyTokenOptions,
} from '../../../gateway/auth/verify-token';

const WHERE = { issuer: 'shujutong', audience: 'shujutong-gateway' };
const NOW = new Date('2025-03-03T02:00:00Z');
const PERSON = withIdNumberCheck('32060219900101123');

/** What a subgraph decodes from the gateway's signed headers for this caller. */
function decodeCallerForTest(caller: CallerIdentity): CallerIdentity | null {
  const secret = Buffer.alloc(32, 9);
  const body = '{"query":"{ __typename }"}';
  const headers = signatureHeaders({ subgraph: 'audit', body, caller, requestId: 'r-1', secret });
  const verify = createRequestVerifier({ subgraph: 'audit', secret });
  return verify(
    { method: 'POST', url: '/graphql', headers } as unknown as http.IncomingMessage,
    Buffer.from(body),
  );
}

describe("a citizen's own token", () => {
  let signing: SigningKey;
  let options: VerifyTokenOptions;
  const asked: string[] = [];
  const lookupApplication: ApplicationLookup = async (id) => {
    asked.push(id);
    return null;
  };
  const bearer = (token: string) => `Bearer ${token}`;
  const signed = (claims: Record<string, unknown>, sub: string) => {
    const iat = Math.floor(NOW.getTime() / 1000);
    return new SignJWT(claims)
      .setProtectedHeader({ alg: signing.alg })
      .setSubject(sub)
      .setIssuer(WHERE.issuer)
      .setAudience(WHERE.audience)
      .setIssuedAt(iat)
      .setExpirationTime(iat + 60)
      .sign(signing.privateKey);
  };

  beforeAll(async () => {
    const keys = await loadTokenKeys(
      readTokenSettings({
        JWT_PRIVATE_KEY: generateKeyPairSync('ed25519')
          .privateKey.export({ format: 'pem', type: 'pkcs8' })
          .toString(),
      }),
    );
    signing = keys.signing!;
    options = { key: keys.verification, ...WHERE, lookupApplication, now: () => NOW };
  });

  it('verifies to a citizen caller carrying the ID number, without asking the application registry', async () => {
    const token = await issueToken(
      signing,
      WHERE,
      { department: 'citizen', citizenIdNumber: PERSON, ttlSeconds: 3600 },
      NOW,
    );
    const result = await verifyToken(bearer(token), options);
    expect(result).toMatchObject({
      ok: true,
      caller: {
        department: 'citizen',
        application: null,
        operator: null,
        purpose: null,
        roles: [],
        citizenIdNumber: PERSON,
      },
      claims: { kind: 'citizen', sub: PERSON },
    });
    expect(asked).toEqual([]);
  });

  it('keeps department tokens free of citizen fields', async () => {
    const token = await issueToken(signing, WHERE, { department: 'tax', ttlSeconds: 60 }, NOW);
    const result = await verifyToken(bearer(token), options);
    expect(result.ok && result.caller).toEqual({
      department: 'tax',
      application: null,
      operator: null,
      purpose: null,
      roles: [],
    });
    expect(result.ok && 'kind' in result.claims).toBe(false);
  });

  it.each([
    [
      'a department token claiming the citizen department',
      { department: 'citizen', application: null, operator: null, roles: [] },
      PERSON,
    ],
    [
      'a citizen token with an application',
      {
        kind: 'citizen',
        department: 'citizen',
        application: 'minimum-living-allowance',
        operator: null,
        roles: [],
      },
      PERSON,
    ],
    [
      'a citizen token with an officer role',
      {
        kind: 'citizen',
        department: 'citizen',
        application: null,
        operator: null,
        roles: ['data-protection-officer'],
      },
      PERSON,
    ],
    [
      'a citizen token with an operator',
      { kind: 'citizen', department: 'citizen', application: null, operator: 'wang', roles: [] },
      PERSON,
    ],
    [
      'a citizen token of a department',
      { kind: 'citizen', department: 'tax', application: null, operator: null, roles: [] },
      PERSON,
    ],
    [
      'a citizen token whose sub is no ID number',
      { kind: 'citizen', department: 'citizen', application: null, operator: null, roles: [] },
      PERSON.slice(0, 17) + (PERSON[17] === '1' ? '2' : '1'),
    ],
    [
      'an unknown token kind',
      { kind: 'robot', department: 'tax', application: null, operator: null, roles: [] },
      'tax',
    ],
  ])('refuses %s as 401 INVALID_CLAIMS', async (_name, claims, sub) => {
    expect(await verifyToken(bearer(await signed(claims, sub)), options)).toMatchObject({
      ok: false,
      status: 401,
      reason: 'INVALID_CLAIMS',
    });
  });

  it('refuses to issue a citizen token that names anything but the person', async () => {
    await expect(
      issueToken(signing, WHERE, {
        department: 'citizen',
        citizenIdNumber: PERSON,
        roles: ['audit-officer'],
        ttlSeconds: 60,
      }),
    ).rejects.toThrow(/roles/);
    await expect(
      issueToken(signing, WHERE, { department: 'tax', citizenIdNumber: PERSON, ttlSeconds: 60 }),
    ).rejects.toThrow(/citizen/);
    await expect(
      issueToken(signing, WHERE, { department: 'citizen', citizenIdNumber: '123', ttlSeconds: 60 }),
    ).rejects.toThrow(/ID number/);
    await expect(
      issueToken(signing, WHERE, { department: 'citizen', ttlSeconds: 60 }),
    ).rejects.toThrow(/department/);
  });

  it('is what npm run token -- --citizen asks for', () => {
    expect(parseTokenArgs(['--citizen', PERSON, '--ttl', '1h'])).toEqual({
      kind: 'issue',
      request: { department: 'citizen', citizenIdNumber: PERSON, ttlSeconds: 3600 },
    });
    expect(() => parseTokenArgs(['--citizen', '320602199001011230'.slice(0, 17) + 'Y'])).toThrow(
      /--citizen .* is not an ID number/,
    );
    expect(() => parseTokenArgs(['--citizen', PERSON, '--department', 'tax'])).toThrow(
      /cannot be combined with --department/,
    );
    expect(() => parseTokenArgs(['--citizen', PERSON, '--roles', 'audit-officer'])).toThrow(
      /--roles/,
    );
  });

  it('reaches subgraphs with its ID number in the signed caller header, and other callers as before', () => {
    expect(
      decodeCallerForTest({
        department: 'citizen',
        application: null,
        operator: null,
        purpose: null,
        roles: [],
        citizenIdNumber: PERSON,
      }),
    ).toEqual({
      department: 'citizen',
      application: null,
      operator: null,
      purpose: null,
      roles: [],
      citizenIdNumber: PERSON,
    });
    const tax = decodeCallerForTest({
      department: 'tax',
      application: null,
      operator: null,
      purpose: 'TAX_ADMINISTRATION',
      roles: [],
    });
    expect(tax).toEqual({
      department: 'tax',
      application: null,
      operator: null,
      purpose: 'TAX_ADMINISTRATION',
      roles: [],
    });
    expect('citizenIdNumber' in tax!).toBe(false);
  });
});

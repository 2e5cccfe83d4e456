import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SignJWT, UnsecuredJWT } from 'jose';
import { issueToken } from '../issue-token';
import { loadTokenKeys, SigningKey, TokenKeys } from '../token-keys';
import { readTokenSettings } from '../token-settings';
import { ApplicationLookup, verifyToken, VerifyTokenOptions } from '../verify-token';

const WHERE = { issuer: 'shujutong', audience: 'shujutong-gateway' };
const NOW = new Date('2025-03-03T02:00:00Z');
const registry: Record<string, { department: string; status: 'ACTIVE' | 'SUSPENDED' | 'RETIRED' }> =
  {
    'minimum-living-allowance': { department: 'civil-affairs', status: 'ACTIVE' },
    'elderly-care-subsidy': { department: 'civil-affairs', status: 'RETIRED' },
    'housing-subsidy': { department: 'housing', status: 'SUSPENDED' },
  };
const lookupApplication: ApplicationLookup = async (id) => registry[id] ?? null;

function pem(type: 'ed25519' | 'ec' | 'rsa') {
  const pair =
    type === 'ec'
      ? generateKeyPairSync('ec', { namedCurve: 'P-256' })
      : type === 'rsa'
        ? generateKeyPairSync('rsa', { modulusLength: 2048 })
        : generateKeyPairSync('ed25519');
  return {
    privatePem: pair.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    publicPem: pair.publicKey.export({ format: 'pem', type: 'spki' }).toString(),
  };
}

async function configuredKeys(type: 'ed25519' | 'ec' = 'ed25519'): Promise<TokenKeys> {
  const { privatePem } = pem(type);
  return loadTokenKeys(readTokenSettings({ JWT_PRIVATE_KEY: privatePem }));
}

describe('platform tokens', () => {
  let keys: TokenKeys;
  let signing: SigningKey;
  let options: VerifyTokenOptions;
  const bearer = (token: string) => `Bearer ${token}`;

  beforeAll(async () => {
    keys = await configuredKeys();
    signing = keys.signing!;
    options = { key: keys.verification, ...WHERE, lookupApplication, now: () => NOW };
  });

  it.each(['ed25519', 'ec'] as const)(
    'issues a %s-signed token that verifies to the caller it names',
    async (type) => {
      const k = await configuredKeys(type);
      const token = await issueToken(
        k.signing!,
        WHERE,
        {
          department: 'civil-affairs',
          application: 'minimum-living-allowance',
          operator: 'zhang.wei',
          roles: ['reviewer', 'clerk'],
          ttlSeconds: 8 * 3600,
        },
        NOW,
      );
      const result = await verifyToken(bearer(token), { ...options, key: k.verification });
      expect(result).toMatchObject({
        ok: true,
        caller: {
          department: 'civil-affairs',
          application: 'minimum-living-allowance',
          operator: 'zhang.wei',
          purpose: null,
          roles: ['clerk', 'reviewer'],
        },
        claims: { sub: 'zhang.wei', expiresAt: new Date(NOW.getTime() + 8 * 3600 * 1000) },
      });
      expect(k.verification.alg).toBe(type === 'ec' ? 'ES256' : 'EdDSA');
    },
  );

  it('accepts a department-wide token without an application', async () => {
    const token = await issueToken(signing, WHERE, { department: 'tax', ttlSeconds: 60 }, NOW);
    const result = await verifyToken(bearer(token), options);
    expect(result).toMatchObject({
      ok: true,
      caller: { department: 'tax', application: null, operator: null, roles: [] },
      claims: { sub: 'tax' },
    });
  });

  it('refuses an expired token with 401 EXPIRED', async () => {
    const token = await issueToken(
      signing,
      WHERE,
      { department: 'tax', ttlSeconds: 60 },
      new Date(NOW.getTime() - 10 * 60_000),
    );
    expect(await verifyToken(bearer(token), options)).toMatchObject({
      ok: false,
      status: 401,
      code: 'UNAUTHENTICATED',
      reason: 'EXPIRED',
    });
  });

  it('refuses a token signed with another key with 401 BAD_SIGNATURE', async () => {
    const other = await configuredKeys();
    const token = await issueToken(
      other.signing!,
      WHERE,
      { department: 'tax', ttlSeconds: 60 },
      NOW,
    );
    expect(await verifyToken(bearer(token), options)).toMatchObject({
      ok: false,
      status: 401,
      reason: 'BAD_SIGNATURE',
    });
  });

  it('refuses an unsigned (alg: none) token and a tampered payload', async () => {
    const unsigned = new UnsecuredJWT({
      department: 'big-data-bureau',
      application: null,
      operator: null,
      roles: [],
    })
      .setSubject('x')
      .setIssuer(WHERE.issuer)
      .setAudience(WHERE.audience)
      .setIssuedAt()
      .setExpirationTime('1h')
      .encode();
    expect(await verifyToken(bearer(unsigned.replace(/\.$/, '.AAAA')), options)).toMatchObject({
      ok: false,
      status: 401,
    });
    const token = await issueToken(signing, WHERE, { department: 'tax', ttlSeconds: 60 }, NOW);
    const [header, , signature] = token.split('.');
    const forged = Buffer.from(
      JSON.stringify({
        department: 'big-data-bureau',
        application: null,
        operator: null,
        roles: [],
        sub: 'x',
        iss: WHERE.issuer,
        aud: WHERE.audience,
        iat: 1,
        exp: 4_000_000_000,
      }),
    ).toString('base64url');
    expect(await verifyToken(bearer(`${header}.${forged}.${signature}`), options)).toMatchObject({
      ok: false,
      status: 401,
      reason: 'BAD_SIGNATURE',
    });
  });

  it.each([
    ['no header', undefined, 'MISSING'],
    ['an empty header', '  ', 'MISSING'],
    ['another scheme', 'Basic dXNlcjpwYXNz', 'MALFORMED'],
    ['a token of two parts', 'Bearer abc.def', 'MALFORMED'],
    ['three parts of garbage', 'Bearer abc.def.ghi', 'MALFORMED'],
  ])('refuses %s (%j) with 401 %s', async (_name, header, reason) => {
    expect(await verifyToken(header, options)).toMatchObject({
      ok: false,
      status: 401,
      code: 'UNAUTHENTICATED',
      reason,
    });
  });

  it('refuses a token for another audience or issuer', async () => {
    const elsewhere = await issueToken(
      signing,
      { ...WHERE, audience: 'another-platform' },
      { department: 'tax', ttlSeconds: 60 },
      NOW,
    );
    expect(await verifyToken(bearer(elsewhere), options)).toMatchObject({
      ok: false,
      status: 401,
      reason: 'INVALID_CLAIMS',
    });
    const foreign = await issueToken(
      signing,
      { ...WHERE, issuer: 'someone-else' },
      { department: 'tax', ttlSeconds: 60 },
      NOW,
    );
    expect(await verifyToken(bearer(foreign), options)).toMatchObject({
      ok: false,
      status: 401,
      reason: 'INVALID_CLAIMS',
    });
  });

  it.each([
    ['no department', { application: null, operator: null, roles: [] }],
    [
      'an unknown department',
      { department: 'ministry-of-magic', application: null, operator: null, roles: [] },
    ],
    ['no roles', { department: 'tax', application: null, operator: null }],
    ['no application claim at all', { department: 'tax', operator: null, roles: [] }],
  ])('refuses a correctly signed token with %s as 401 INVALID_CLAIMS', async (_name, claims) => {
    const iat = Math.floor(NOW.getTime() / 1000);
    const token = await new SignJWT(claims)
      .setProtectedHeader({ alg: signing.alg })
      .setSubject('x')
      .setIssuer(WHERE.issuer)
      .setAudience(WHERE.audience)
      .setIssuedAt(iat)
      .setExpirationTime(iat + 60)
      .sign(signing.privateKey);
    expect(await verifyToken(bearer(token), options)).toMatchObject({
      ok: false,
      status: 401,
      reason: 'INVALID_CLAIMS',
    });
  });

  it('refuses a signed token without sub or exp', async () => {
    const iat = Math.floor(NOW.getTime() / 1000);
    const claims = { department: 'tax', application: null, operator: null, roles: [] };
    const noSub = await new SignJWT(claims)
      .setProtectedHeader({ alg: signing.alg })
      .setIssuer(WHERE.issuer)
      .setAudience(WHERE.audience)
      .setIssuedAt(iat)
      .setExpirationTime(iat + 60)
      .sign(signing.privateKey);
    expect(await verifyToken(bearer(noSub), options)).toMatchObject({
      ok: false,
      status: 401,
      reason: 'INVALID_CLAIMS',
    });
    const noExp = await new SignJWT(claims)
      .setProtectedHeader({ alg: signing.alg })
      .setSubject('x')
      .setIssuer(WHERE.issuer)
      .setAudience(WHERE.audience)
      .setIssuedAt(iat)
      .sign(signing.privateKey);
    expect(await verifyToken(bearer(noExp), options)).toMatchObject({
      ok: false,
      status: 401,
      reason: 'INVALID_CLAIMS',
    });
  });

  it.each([
    ['not registered', 'tax', 'ghost-system', 'UNKNOWN_APPLICATION'],
    ['retired', 'civil-affairs', 'elderly-care-subsidy', 'APPLICATION_NOT_ACTIVE'],
    ['suspended', 'housing', 'housing-subsidy', 'APPLICATION_NOT_ACTIVE'],
    [
      "another department's",
      'tax',
      'minimum-living-allowance',
      'APPLICATION_OF_ANOTHER_DEPARTMENT',
    ],
  ])(
    'refuses a valid token whose application is %s (%s, %s) with 403 %s',
    async (_name, department, application, reason) => {
      const token = await issueToken(
        signing,
        WHERE,
        { department, application, ttlSeconds: 60 },
        NOW,
      );
      expect(await verifyToken(bearer(token), options)).toMatchObject({
        ok: false,
        status: 403,
        code: 'FORBIDDEN',
        reason,
      });
    },
  );

  it('refuses to issue what it would not accept', async () => {
    await expect(
      issueToken(signing, WHERE, { department: 'nowhere', ttlSeconds: 60 }),
    ).rejects.toThrow(/department/);
    await expect(
      issueToken(signing, WHERE, { department: 'tax', roles: ['Admin!'], ttlSeconds: 60 }),
    ).rejects.toThrow(/roles/);
    await expect(issueToken(signing, WHERE, { department: 'tax', ttlSeconds: 0 })).rejects.toThrow(
      /ttlSeconds/,
    );
    await expect(
      issueToken(signing, WHERE, { department: 'tax', ttlSeconds: 365 * 86_400 }),
    ).rejects.toThrow(/ttlSeconds/);
  });
});

describe('token keys', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shujutong-keys-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('makes a dev key in <DATA_DIR>/keys on first start and reuses it after', async () => {
    const settings = readTokenSettings({ DATA_DIR: dir });
    const first = await loadTokenKeys(settings);
    expect(first.source).toBe('dev');
    expect(fs.statSync(path.join(dir, 'keys', 'jwt-dev-ed25519.pem')).mode & 0o077).toBe(0);
    const second = await loadTokenKeys(settings);
    expect(second.verification.kid).toBe(first.verification.kid);
    const token = await issueToken(first.signing!, WHERE, { department: 'tax', ttlSeconds: 60 });
    expect(
      await verifyToken(`Bearer ${token}`, {
        key: second.verification,
        ...WHERE,
        lookupApplication,
      }),
    ).toMatchObject({ ok: true });
  });

  it('refuses to make dev keys in production', async () => {
    await expect(
      loadTokenKeys(readTokenSettings({ DATA_DIR: dir, NODE_ENV: 'production' })),
    ).rejects.toThrow(/JWT_PUBLIC_KEY/);
    expect(fs.existsSync(path.join(dir, 'keys'))).toBe(false);
  });

  it('reads configured keys as PEM text (with \\n escapes) or from a file, verifying with the public key only', async () => {
    const { privatePem, publicPem } = pem('ed25519');
    const file = path.join(dir, 'public.pem');
    fs.writeFileSync(file, publicPem);
    const issuer = await loadTokenKeys(
      readTokenSettings({ JWT_PRIVATE_KEY: privatePem.replace(/\n/g, '\\n') }),
    );
    const gateway = await loadTokenKeys(readTokenSettings({ JWT_PUBLIC_KEY: file }));
    expect(gateway.signing).toBeNull();
    expect(gateway.verification.kid).toBe(issuer.verification.kid);
    const token = await issueToken(issuer.signing!, WHERE, { department: 'tax', ttlSeconds: 60 });
    expect(
      await verifyToken(`Bearer ${token}`, {
        key: gateway.verification,
        ...WHERE,
        lookupApplication,
      }),
    ).toMatchObject({ ok: true });
  });

  it.each([
    ['an RSA key', () => ({ JWT_PRIVATE_KEY: pem('rsa').privatePem }), /Ed25519 or EC P-256/],
    [
      'a public key that does not match',
      () => ({
        JWT_PRIVATE_KEY: pem('ed25519').privatePem,
        JWT_PUBLIC_KEY: pem('ed25519').publicPem,
      }),
      /not the public half/,
    ],
    [
      'a missing file',
      () => ({ JWT_PUBLIC_KEY: '/nonexistent/key.pem' }),
      /JWT_PUBLIC_KEY is neither PEM text nor a readable file/,
    ],
    [
      'PEM that is not a key',
      () => ({ JWT_PRIVATE_KEY: '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----' }),
      /JWT_PRIVATE_KEY is not a private key/,
    ],
  ])('refuses %s, naming the variable', async (_name, env, message) => {
    await expect(loadTokenKeys(readTokenSettings(env()))).rejects.toThrow(message);
  });
});

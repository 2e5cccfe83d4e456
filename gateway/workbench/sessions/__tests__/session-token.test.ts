import { generateKeyPairSync } from 'node:crypto';
import { issueToken } from '../../../auth/issue-token';
import { loadTokenKeys } from '../../../auth/token-keys';
import { readTokenSettings } from '../../../auth/token-settings';
import { mintSessionToken, newSessionId, readSessionToken, SessionKeys } from '../session-token';

async function keysOf(): Promise<SessionKeys> {
  const pem = generateKeyPairSync('ed25519')
    .privateKey.export({ format: 'pem', type: 'pkcs8' })
    .toString();
  const settings = readTokenSettings({ JWT_PRIVATE_KEY: pem });
  const keys = await loadTokenKeys(settings);
  return { ...keys, issuer: settings.issuer, audience: settings.audience };
}

describe('session tokens', () => {
  let keys: SessionKeys;
  const identity = { department: 'tax', application: null, operator: 'c1', roles: ['analyst'] };
  const started = Math.floor(Date.now() / 1000);

  beforeAll(async () => {
    keys = await keysOf();
  });

  it('carry the identity and the session claims', async () => {
    const sid = newSessionId();
    const token = await mintSessionToken(
      keys,
      identity,
      { sid, startedAt: started, via: 'dev' },
      900,
    );
    const claims = await readSessionToken(keys, token);
    expect(claims).toEqual({
      ...identity,
      sid,
      startedAt: started,
      via: 'dev',
      expiresAt: expect.any(Number),
    });
    expect(claims!.expiresAt - Math.floor(Date.now() / 1000)).toBeGreaterThan(890);
  });

  it('are not made from a plain bearer token (no session claims)', async () => {
    const bearer = await issueToken(keys.signing!, keys, { ...identity, ttlSeconds: 900 });
    expect(await readSessionToken(keys, bearer)).toBeNull();
  });

  it('are refused when signed by another key, expired, or not a JWT', async () => {
    const other = await keysOf();
    const session = { sid: newSessionId(), startedAt: started, via: 'oidc' } as const;
    const forged = await mintSessionToken(other, identity, session, 900);
    expect(await readSessionToken(keys, forged)).toBeNull();
    const old = new Date(Date.now() - 3600_000);
    const expired = await mintSessionToken(keys, identity, session, 900, old);
    expect(await readSessionToken(keys, expired)).toBeNull();
    // Sign-out still recognises an expired session within the grace it is given.
    expect(await readSessionToken(keys, expired, { graceSeconds: 8 * 3600 })).not.toBeNull();
    expect(await readSessionToken(keys, 'a.b.c')).toBeNull();
  });

  it('refuse session claims of the wrong shape', async () => {
    const token = await issueToken(keys.signing!, keys, {
      ...identity,
      ttlSeconds: 900,
      extraClaims: { sid: 'short', sst: started, via: 'dev' },
    });
    expect(await readSessionToken(keys, token)).toBeNull();
    const other = await issueToken(keys.signing!, keys, {
      ...identity,
      ttlSeconds: 900,
      extraClaims: { sid: newSessionId(), sst: started, via: 'password' },
    });
    expect(await readSessionToken(keys, other)).toBeNull();
  });

  it('cannot be minted on a gateway without the signing key', async () => {
    await expect(
      mintSessionToken(
        { ...keys, signing: null },
        identity,
        { sid: newSessionId(), startedAt: started, via: 'dev' },
        900,
      ),
    ).rejects.toThrow(/no signing key/);
  });
});

describe('issueToken extra claims', () => {
  it('cannot replace who the bearer is or when the token ends', async () => {
    const keys = await keysOf();
    for (const name of ['department', 'sub', 'exp', 'roles', 'kind', 'aud'])
      await expect(
        issueToken(keys.signing!, keys, {
          department: 'tax',
          ttlSeconds: 60,
          extraClaims: { [name]: 'x' },
        }),
      ).rejects.toThrow(`extraClaims cannot set ${name}`);
  });
});

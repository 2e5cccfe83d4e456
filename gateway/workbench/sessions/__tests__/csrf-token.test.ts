import { randomBytes } from 'node:crypto';
import { csrfMatches, csrfTokenFor } from '../csrf-token';
import { derivedKey } from '../derived-key';

describe('the CSRF token', () => {
  const key = derivedKey(randomBytes(32), 'csrf-token');

  it('is base64url of an HMAC-SHA256 of the session id', () => {
    expect(csrfTokenFor(key, 'session-one-aaaaaaaaaaaa')).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('matches its own session only', () => {
    const token = csrfTokenFor(key, 'session-one-aaaaaaaaaaaa');
    expect(csrfMatches(key, 'session-one-aaaaaaaaaaaa', token)).toBe(true);
    expect(csrfMatches(key, 'session-two-aaaaaaaaaaaa', token)).toBe(false);
  });

  it('refuses a missing, repeated, truncated or padded header', () => {
    const token = csrfTokenFor(key, 'sid-aaaaaaaaaaaaaaaaaaaa');
    for (const given of [undefined, '', [token, token], token.slice(1), `${token}=`, ` ${token}`])
      expect(csrfMatches(key, 'sid-aaaaaaaaaaaaaaaaaaaa', given)).toBe(false);
  });

  it('depends on the shared secret, and differs from keys derived for other uses', () => {
    const secret = randomBytes(32);
    const sid = 'sid-aaaaaaaaaaaaaaaaaaaa';
    expect(csrfTokenFor(derivedKey(secret, 'csrf-token'), sid)).toBe(
      csrfTokenFor(derivedKey(Buffer.from(secret), 'csrf-token'), sid),
    );
    expect(derivedKey(secret, 'csrf-token').equals(derivedKey(secret, 'oidc-state'))).toBe(false);
    expect(csrfTokenFor(derivedKey(randomBytes(32), 'csrf-token'), sid)).not.toBe(
      csrfTokenFor(derivedKey(secret, 'csrf-token'), sid),
    );
  });
});

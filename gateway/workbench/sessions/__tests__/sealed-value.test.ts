import { randomBytes } from 'node:crypto';
import { derivedKey } from '../derived-key';
import { seal, unseal } from '../sealed-value';

describe('sealed cookie values', () => {
  const key = derivedKey(randomBytes(32), 'oidc-state');
  const value = { verifier: 'v'.repeat(43), state: 's', nonce: 'n', next: '/catalogue' };

  it('opens what it sealed, and hides it', () => {
    const sealed = seal(key, 'sjt_oidc_state', value, 600);
    expect(sealed).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(Buffer.from(sealed, 'base64url').toString('latin1')).not.toContain('/catalogue');
    expect(unseal(key, 'sjt_oidc_state', sealed)).toEqual(value);
  });

  it('seals the same value differently each time', () => {
    expect(seal(key, 'n', value, 600)).not.toBe(seal(key, 'n', value, 600));
  });

  it('refuses another key, another cookie name, a changed byte, and garbage', () => {
    const sealed = seal(key, 'sjt_oidc_state', value, 600);
    expect(unseal(derivedKey(randomBytes(32), 'oidc-state'), 'sjt_oidc_state', sealed)).toBeNull();
    expect(unseal(key, 'sjt_oidc_logout', sealed)).toBeNull();
    const raw = Buffer.from(sealed, 'base64url');
    for (const at of [0, 13, raw.length - 1]) {
      const changed = Buffer.from(raw);
      changed[at] ^= 1;
      expect(unseal(key, 'sjt_oidc_state', changed.toString('base64url'))).toBeNull();
    }
    expect(unseal(key, 'sjt_oidc_state', 'not-sealed')).toBeNull();
    expect(unseal(key, 'sjt_oidc_state', '')).toBeNull();
  });

  it('refuses a value past its lifetime', () => {
    const sealed = seal(key, 'n', value, 600, Date.parse('2026-01-01T00:00:00Z'));
    expect(unseal(key, 'n', sealed, Date.parse('2026-01-01T00:09:59Z'))).toEqual(value);
    expect(unseal(key, 'n', sealed, Date.parse('2026-01-01T00:10:00Z'))).toBeNull();
  });
});

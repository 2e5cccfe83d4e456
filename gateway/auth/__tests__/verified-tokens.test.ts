import type { VerifiedClaims } from '../token-claims';
import { VerifiedTokens } from '../verified-tokens';

const claims = (expiresAt: number): VerifiedClaims => ({
  department: 'tax',
  application: null,
  operator: null,
  roles: [],
  sub: 'tax',
  jti: null,
  expiresAt: new Date(expiresAt),
});

describe('VerifiedTokens', () => {
  it('remembers a verified token until it expires, then forgets it', () => {
    const cache = new VerifiedTokens(10);
    cache.remember('t1', claims(2000));
    expect(cache.get('t1', 1999)?.sub).toBe('tax');
    expect(cache.get('t1', 2000)).toBeUndefined();
    expect(cache.get('t1', 1000)).toBeUndefined();
  });

  it('holds at most its capacity, dropping the oldest first', () => {
    const cache = new VerifiedTokens(2);
    cache.remember('t1', claims(9000));
    cache.remember('t2', claims(9000));
    cache.remember('t3', claims(9000));
    expect(cache.get('t1', 0)).toBeUndefined();
    expect(cache.get('t2', 0)).toBeDefined();
    expect(cache.get('t3', 0)).toBeDefined();
  });

  it('remembers nothing with capacity 0', () => {
    const cache = new VerifiedTokens(0);
    cache.remember('t1', claims(9000));
    expect(cache.get('t1', 0)).toBeUndefined();
  });
});

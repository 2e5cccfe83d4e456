import { clearCookieHeader, readCookie, setCookieHeader } from '../cookies';

describe('the workbench cookies', () => {
  const options = { path: '/', maxAge: 900, sameSite: 'Strict', secure: true } as const;

  it('writes HttpOnly, SameSite, Path, Max-Age and Secure', () => {
    expect(setCookieHeader('sjt_session', 'a.b.c', options)).toBe(
      'sjt_session=a.b.c; Path=/; Max-Age=900; HttpOnly; SameSite=Strict; Secure',
    );
    expect(setCookieHeader('sjt_session', 'x', { ...options, secure: false })).not.toMatch(
      /Secure/,
    );
  });

  it('clears a cookie with Max-Age=0 and the same path', () => {
    expect(clearCookieHeader('sjt_oidc_state', { ...options, path: '/auth/oidc/callback' })).toBe(
      'sjt_oidc_state=; Path=/auth/oidc/callback; Max-Age=0; HttpOnly; SameSite=Strict; Secure',
    );
  });

  it('refuses a value that could add attributes', () => {
    for (const value of ['a; Domain=evil', 'a\r\nSet-Cookie: b=c', 'a b', 'a,b'])
      expect(() => setCookieHeader('sjt_session', value, options)).toThrow(/cannot carry/);
  });

  it('reads one cookie among others', () => {
    expect(readCookie('a=1; sjt_session=eyJ.x.y; b=2', 'sjt_session')).toBe('eyJ.x.y');
    expect(readCookie(['a=1', 'sjt_session=t'], 'sjt_session')).toBe('t');
    expect(readCookie('xsjt_session=1', 'sjt_session')).toBeNull();
    expect(readCookie(undefined, 'sjt_session')).toBeNull();
    expect(readCookie('sjt_session=', 'sjt_session')).toBeNull();
  });

  it('treats a cookie sent twice (one planted to shadow the other) as absent', () => {
    expect(readCookie('sjt_session=a; sjt_session=b', 'sjt_session')).toBeNull();
  });

  it('ignores values that no cookie of ours can have', () => {
    expect(readCookie('sjt_session="quoted"', 'sjt_session')).toBeNull();
    expect(readCookie('sjt_session=a%20b', 'sjt_session')).toBeNull();
  });
});

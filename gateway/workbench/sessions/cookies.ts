/**
 * The workbench's cookies, read from a Cookie header and written as Set-Cookie. Values are
 * base64url or JWTs (no characters that need quoting), so a value that is not is refused
 * rather than escaped: nothing a client sends can add an attribute to a cookie we set.
 */
import type http from 'node:http';

/** The session: a short-lived platform token. */
export const SESSION_COOKIE = 'sjt_session';
/** The sign-in in flight with the OpenID provider (PKCE verifier, state, nonce, next), sealed. */
export const OIDC_STATE_COOKIE = 'sjt_oidc_state';
/** The provider's ID token, sealed, for its sign-out (id_token_hint). */
export const OIDC_LOGOUT_COOKIE = 'sjt_oidc_logout';

export interface CookieOptions {
  readonly path: string;
  /** Seconds; 0 deletes the cookie. */
  readonly maxAge: number;
  /**
   * Strict for the session: no other site's page can make the browser send it. Lax only for the
   * sign-in state, which must come back on the provider's top-level redirect to the callback.
   */
  readonly sameSite: 'Strict' | 'Lax';
  readonly secure: boolean;
}

const VALUE = /^[A-Za-z0-9._~-]*$/;

/** The value of one cookie, or null. A cookie sent twice (e.g. a shadowing one for a sub-path) counts as absent. */
export function readCookie(header: string | string[] | undefined, name: string): string | null {
  const text = Array.isArray(header) ? header.join('; ') : (header ?? '');
  let found: string | null = null;
  for (const part of text.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    if (found !== null) return null;
    found = part.slice(eq + 1).trim();
  }
  return found !== null && found !== '' && VALUE.test(found) ? found : null;
}

export function cookieOf(req: http.IncomingMessage, name: string): string | null {
  return readCookie(req.headers.cookie, name);
}

export function setCookieHeader(name: string, value: string, options: CookieOptions): string {
  if (!VALUE.test(value))
    throw new Error(`cookie ${name}: value has characters a cookie cannot carry`);
  return [
    `${name}=${value}`,
    `Path=${options.path}`,
    `Max-Age=${Math.max(0, Math.floor(options.maxAge))}`,
    'HttpOnly',
    `SameSite=${options.sameSite}`,
    ...(options.secure ? ['Secure'] : []),
  ].join('; ');
}

export function clearCookieHeader(name: string, options: Omit<CookieOptions, 'maxAge'>): string {
  return setCookieHeader(name, '', { ...options, maxAge: 0 });
}

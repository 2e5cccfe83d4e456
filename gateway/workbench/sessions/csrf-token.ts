/**
 * The session's CSRF token: an HMAC of its session id, so no instance keeps a list of tokens and
 * a token is worthless with any other session. A page learns it from GET /auth/session (same
 * origin only: the answer is JSON a cross-site page cannot read) and sends it as x-csrf-token.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const CSRF_HEADER = 'x-csrf-token';

export function csrfTokenFor(key: Buffer, sid: string): string {
  return createHmac('sha256', key).update(sid, 'utf8').digest('base64url');
}

/** Compared in constant time: the difference between near misses must not leak the token. */
export function csrfMatches(
  key: Buffer,
  sid: string,
  given: string | string[] | undefined,
): boolean {
  if (typeof given !== 'string') return false;
  const expected = Buffer.from(csrfTokenFor(key, sid), 'utf8');
  const actual = Buffer.from(given, 'utf8');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

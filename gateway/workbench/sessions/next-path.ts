/**
 * Where to go after signing in: only a path on this gateway. `next` arrives in a link anyone
 * can craft, so anything that a browser could read as another origin (`//evil`, `/\evil`, a
 * scheme, a tab or newline browsers drop) becomes `/` instead of an open redirect.
 */

export const DEFAULT_NEXT = '/';

/** The sign-in routes themselves: going "back" to one would loop, or sign out on arrival. */
const NOT_A_DESTINATION = /^\/auth(\/|$)/;

export function safeNextPath(raw: unknown): string {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 2048) return DEFAULT_NEXT;
  // Control characters (browsers strip \t\n\r inside URLs: "/\t/evil" is "//evil") and
  // backslashes (read as "/" by browsers) are refused outright, not repaired.
  if (/[\p{Cc}\\]/u.test(raw)) return DEFAULT_NEXT;
  if (!raw.startsWith('/') || raw.startsWith('//')) return DEFAULT_NEXT;
  const base = 'http://next.invalid';
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch {
    return DEFAULT_NEXT;
  }
  if (url.origin !== base) return DEFAULT_NEXT;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // Dot segments resolved ("/a/..//evil" → "//evil") must not make a protocol-relative URL.
  if (path.startsWith('//') || NOT_A_DESTINATION.test(url.pathname)) return DEFAULT_NEXT;
  return path;
}

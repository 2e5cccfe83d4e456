/**
 * The address an anonymous caller is known by: the socket's peer, or, when that peer is a
 * reverse proxy listed in OPEN_DATA_TRUSTED_PROXIES, the address the proxies say they received
 * the request from. X-Forwarded-For is read from the right (the entries our proxies appended),
 * skipping trusted proxies: the first other entry is the client. Anything left of it was written
 * by the client itself and could name anyone, so it is never used; a client cannot escape its
 * rate limit by sending the header.
 */
import { isIP } from 'node:net';

/** `::ffff:10.0.0.1` and `10.0.0.1` are one client. */
function normalised(address: string): string {
  const a = address.trim();
  return a.startsWith('::ffff:') && isIP(a.slice(7)) === 4 ? a.slice(7) : a;
}

export function clientAddress(
  socketAddress: string | undefined | null,
  forwardedFor: string | string[] | undefined,
  trustedProxies: readonly string[],
): string {
  const peer = normalised(socketAddress ?? 'unknown');
  const trusted = new Set(trustedProxies.map(normalised));
  if (!trusted.has(peer) || forwardedFor === undefined) return peer;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor)
    .split(',')
    .map(normalised)
    .filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    if (trusted.has(hops[i])) continue;
    return isIP(hops[i]) === 0 ? peer : hops[i];
  }
  return peer;
}

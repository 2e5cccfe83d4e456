/**
 * Who may read GET /metrics. The exposition is operational data (request rates, subgraph
 * failures, audit lag), no personal data, but still a map of the platform for an attacker: it is
 * answered to loopback callers (a scraper beside the gateway, an operator's tunnel) and, when
 * METRICS_TOKEN is set, to those presenting it as a bearer token; everyone else gets 403.
 */
import { timingSafeEqual } from 'node:crypto';

export interface MetricsCaller {
  /** The socket's remote address, as Node reports it (IPv4-mapped IPv6 included). */
  readonly remoteAddress: string | null;
  /** The Authorization header as received. */
  readonly authorization: string | undefined;
}

const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3})$/;

export function isLoopback(address: string | null): boolean {
  return address !== null && LOOPBACK.test(address);
}

/** Constant-time comparison, so the token cannot be guessed a byte at a time from response times. */
function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** `token`: METRICS_TOKEN, or null when unset (then loopback only). */
export function mayReadMetrics(caller: MetricsCaller, token: string | null): boolean {
  if (isLoopback(caller.remoteAddress)) return true;
  if (token === null) return false;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(caller.authorization ?? '');
  return match !== null && sameToken(match[1], token);
}

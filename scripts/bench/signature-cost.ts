/**
 * What verifying one gateway signature costs a subgraph, measured directly: the subgraphs' own
 * verifier (subgraphs/kit/request-signature.ts) run in this process over freshly signed requests
 * of the platform's shape, CPU time per verification; and how many subgraph fetches one gateway
 * request makes, from the platform gateway's own counter (GET /metrics, answered on loopback).
 * Their product over the subgraphs' CPU per request is the share issue 13 bounds; it needs no
 * subtraction of two noisy CPU figures.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type http from 'node:http';
import { signatureHeaders } from '../../contracts/signing/subgraph-signature';
import { createRequestVerifier } from '../../subgraphs/kit/request-signature';
import { GRANTED_CALLER } from './bench-caller';

/**
 * Body of each signed request: larger than the bench's subgraph fetches (a people page's batch
 * of 50 entity representations is a few KB), so the body's SHA-256 is not undercounted.
 */
export const SIGNED_BODY_BYTES = 16 * 1024;

/** CPU microseconds (user + system) per verification, over `count` requests. */
export function verificationMicros(count = 20_000, bodyBytes = SIGNED_BODY_BYTES): number {
  const secret = randomBytes(32);
  const verify = createRequestVerifier({ subgraph: 'population', secret });
  const body = Buffer.from(
    JSON.stringify({ query: 'x'.repeat(bodyBytes), variables: {} }).slice(0, bodyBytes),
  );
  const caller = {
    department: GRANTED_CALLER.department,
    application: GRANTED_CALLER.application,
    operator: null,
    purpose: GRANTED_CALLER.purpose,
    roles: [],
  };
  // Signed beforehand: the subgraph pays for verifying, not for signing.
  const requests = Array.from(
    { length: count },
    () =>
      ({
        method: 'POST',
        url: '/graphql',
        headers: signatureHeaders({
          subgraph: 'population',
          body,
          caller,
          requestId: randomUUID(),
          secret,
        }),
      }) as unknown as http.IncomingMessage,
  );
  const before = process.cpuUsage();
  for (const req of requests) verify(req, body);
  const used = process.cpuUsage(before);
  return (used.user + used.system) / count;
}

/** The sum of a Prometheus counter's series in an exposition text. */
export function counterSum(exposition: string, name: string): number {
  let sum = 0;
  for (const line of exposition.split('\n')) {
    if (!line.startsWith(name) || !/^[^\s{]+(\{.*\})?\s/.test(line)) continue;
    const series = line.slice(0, line.search(/[\s{]/));
    if (series === name) sum += Number(line.slice(line.lastIndexOf(' ') + 1)) || 0;
  }
  return sum;
}

/** Subgraph fetches the platform gateway at `graphqlUrl` has made so far; null if it has no metrics. */
export async function subgraphFetches(graphqlUrl: string): Promise<number | null> {
  try {
    const res = await fetch(new URL('/metrics', graphqlUrl));
    if (!res.ok) return null;
    return counterSum(await res.text(), 'shujutong_subgraph_fetch_duration_seconds_count');
  } catch {
    return null;
  }
}

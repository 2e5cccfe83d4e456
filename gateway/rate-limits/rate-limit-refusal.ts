/**
 * The refusal of a request over a limit: HTTP 429 with `Retry-After` in whole seconds (RFC 9110
 * §10.2.3; at least 1, as 0 would invite an immediate retry) and `extensions.code` RATE_LIMITED,
 * naming which limit (`reason`) so a department can tell its system's limit from its own.
 */
import { ErrorCode } from '../../domain/error-codes';
// The pipeline's refusal type still lives in subgraphs/kit (a later issue moves it); this is
// the rate limits' only import from there.
import { HttpError } from '../../subgraphs/kit/http-adapter';
import type { LimitTarget } from './limit-targets';

export type LimitKind = 'RATE' | 'CONCURRENCY';

/** `APPLICATION_RATE`, `DEPARTMENT_CONCURRENCY`, ... */
export type RateLimitReason = `${LimitTarget['scope']}_${LimitKind}`;

export function retryAfterSeconds(waitMs: number): number {
  return Math.max(1, Math.ceil(waitMs / 1000));
}

function described(target: LimitTarget, kind: LimitKind): string {
  const who = target.scope === 'APPLICATION' ? `application ${target.id}` : target.scope === 'DEPARTMENT' ? `department ${target.id}` : 'this citizen';
  const { requestsPerMinute, burst, concurrency } = target.limits;
  return kind === 'RATE'
    ? `${who} is over its rate of ${requestsPerMinute} requests per minute (bursts of ${burst})`
    : `${who} already has ${concurrency} requests in flight, its limit`;
}

export function rateLimitRefusal(target: LimitTarget, kind: LimitKind, waitMs: number): HttpError {
  const seconds = retryAfterSeconds(waitMs);
  const reason: RateLimitReason = `${target.scope}_${kind}`;
  return new HttpError(429, `${described(target, kind)}; retry after ${seconds} s`, ErrorCode.RATE_LIMITED, { reason, retryAfterSeconds: seconds }, { 'retry-after': String(seconds) });
}

/** The registry could not say what an application's limits are: refused, as authentication refuses then (fail closed). */
export function registryUnavailableRefusal(): HttpError {
  return new HttpError(503, "cannot read the application's limits from the registry now; try again shortly", ErrorCode.REGISTRY_UNAVAILABLE);
}

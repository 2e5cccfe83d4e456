/**
 * The refusal of a request over a limit: HTTP 429 with `Retry-After` in whole seconds (RFC 9110
 * §10.2.3; at least 1, as 0 would invite an immediate retry) and `extensions.code` RATE_LIMITED,
 * naming which limit (`reason`) so a department can tell its system's limit from its own.
 */
import { ErrorCode } from '../../domain/error-codes';
// The pipeline's refusal type still lives in subgraphs/kit (a later issue moves it); this is
// the rate limits' only import from there.
import { HttpError } from '../../contracts/http/http-error';
import type { LimitTarget } from './limit-targets';

export type LimitKind = 'RATE' | 'CONCURRENCY';

/** `APPLICATION_RATE`, `DEPARTMENT_CONCURRENCY`, ... */
export type RateLimitReason = `${LimitTarget['scope']}_${LimitKind}`;

export function retryAfterSeconds(waitMs: number): number {
  return Math.max(1, Math.ceil(waitMs / 1000));
}

function described(target: LimitTarget, kind: LimitKind): string {
  const who =
    target.scope === 'APPLICATION'
      ? `application ${target.id}`
      : target.scope === 'DEPARTMENT'
        ? `department ${target.id}`
        : 'this citizen';
  const { requestsPerMinute, burst, concurrency } = target.limits;
  return kind === 'RATE'
    ? `${who} is over its rate of ${requestsPerMinute} requests per minute (bursts of ${burst})`
    : `${who} already has ${concurrency} requests in flight, its limit`;
}

export function rateLimitRefusal(target: LimitTarget, kind: LimitKind, waitMs: number): HttpError {
  const seconds = retryAfterSeconds(waitMs);
  const reason: RateLimitReason = `${target.scope}_${kind}`;
  return new HttpError(
    429,
    `${described(target, kind)}; retry after ${seconds} s`,
    ErrorCode.RATE_LIMITED,
    { reason, retryAfterSeconds: seconds },
    { 'retry-after': String(seconds) },
  );
}

/**
 * The application has missed more lookups today than its budget (lookup-miss-budget.ts): refused
 * until the next day in China, whatever it asks, since a prober would otherwise switch to another
 * operation to keep guessing.
 */
export function lookupMissBudgetRefusal(
  target: LimitTarget,
  perDay: number,
  waitMs: number,
): HttpError {
  const seconds = retryAfterSeconds(waitMs);
  const who =
    target.scope === 'APPLICATION' ? `application ${target.id}` : `department ${target.id}`;
  return new HttpError(
    429,
    `${who} has looked up more than ${perDay} keys today that name nobody (its daily budget of misses); requests are refused until tomorrow (China time). The big data bureau and the data owners see the probing flag.`,
    ErrorCode.RATE_LIMITED,
    { reason: 'LOOKUP_MISS_BUDGET', retryAfterSeconds: seconds, budget: perDay },
    { 'retry-after': String(seconds) },
  );
}

/** The registry could not say what an application's limits are: refused, as authentication refuses then (fail closed). */
export function registryUnavailableRefusal(): HttpError {
  return new HttpError(
    503,
    "cannot read the application's limits from the registry now; try again shortly",
    ErrorCode.REGISTRY_UNAVAILABLE,
  );
}

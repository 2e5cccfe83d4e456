/**
 * What probing looks like in one response, for the audit record (the audit subgraph flags
 * applications that probe, subgraphs/audit/probing-flags.ts) and the daily budget of misses
 * (gateway/rate-limits/lookup-miss-budget.ts): root lookups that found nobody (null without an
 * error: a guessed ID number or household number that names nobody; or a verification whose
 * verdict is NOT_FOUND or HOLDER_MISMATCH, contracts/audit/lookup-verdicts.ts) and errors
 * BAD_USER_INPUT (a malformed key). Both counted per lookup, not per request: one request of 400
 * aliased guesses is 400 misses. Reads the root of the response, its answers' own properties and
 * its errors only.
 */
import type { ExecutionResult } from 'graphql';
import type { LookupMissesRecord } from '../../domain/subject-quota';
import { ErrorCode } from '../../domain/error-codes';
import { LOOKUP_MISS_VERDICTS } from '../../contracts/audit/lookup-verdicts';

/** A root answer whose own properties include a miss verdict, under whatever alias. */
function isMissVerdict(value: unknown): boolean {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  for (const key in value) {
    const v = (value as Record<string, unknown>)[key];
    if (typeof v === 'string' && LOOKUP_MISS_VERDICTS.has(v)) return true;
  }
  return false;
}

export function lookupMisses(result: ExecutionResult | undefined): LookupMissesRecord {
  if (!result) return { notFound: 0, badInput: 0 };
  const errors = result.errors ?? [];
  let badInput = 0;
  const erred = new Set<string>();
  for (const e of errors) {
    if (e.extensions?.code === ErrorCode.BAD_USER_INPUT) badInput++;
    const first = e.path?.[0];
    if (typeof first === 'string') erred.add(first);
  }
  let notFound = 0;
  const data = result.data;
  if (data && typeof data === 'object') {
    for (const key in data) {
      const value = data[key];
      if ((value === null && !erred.has(key)) || isMissVerdict(value)) notFound++;
    }
  }
  return { notFound, badInput };
}

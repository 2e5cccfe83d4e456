/**
 * What probing looks like in one response, for the audit record (the audit subgraph flags
 * applications that probe, subgraphs/audit/probing-flags.ts): root lookups that found nobody
 * (null without an error: a guessed ID number or household number that names nobody) and errors
 * BAD_USER_INPUT (a malformed key). Both counted per lookup, not per request: one request of 400
 * aliased guesses is 400 misses. Reads the root of the response and its errors only.
 */
import type { ExecutionResult } from 'graphql';
import type { LookupMissesRecord } from '../../domain/subject-quota';
import { ErrorCode } from '../../domain/error-codes';

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
    for (const key in data) if (data[key] === null && !erred.has(key)) notFound++;
  }
  return { notFound, badInput };
}

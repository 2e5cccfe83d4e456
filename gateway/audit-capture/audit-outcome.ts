/**
 * What became of a request, for its audit record: the outcome (audit-record.ts lists them) and
 * the error codes. Decided from what the gateway is about to send, whether or not the operation
 * executed: a refusal by a stage (401, 403, 400, 503), Apollo's own rejection (unparsable or
 * invalid operation, 400), or an executed result with or without errors.
 */
import { ErrorCode } from '../../domain/error-codes';
import type { AuditOutcome } from '../audit';

export interface ErrorFact {
  readonly code: string | null;
  /** The subgraph an error came from (`extensions.subgraph`), when it did. */
  readonly subgraph: string | null;
}

export interface ResponseFacts {
  /** HTTP status about to be sent. */
  readonly status: number;
  /** A stage's (or the HTTP layer's) refusal before execution. */
  readonly refusal: { readonly status: number; readonly code: string } | null;
  /** Whether the operation executed (the gateway has a result). */
  readonly executed: boolean;
  /** Whether the response carries data (not null, not absent). */
  readonly hasData: boolean;
  readonly errors: readonly ErrorFact[];
}

export interface OutcomeDecision {
  readonly outcome: AuditOutcome;
  /**
   * Each code once; a failed subgraph also as `SUBGRAPH_UNAVAILABLE:<subgraph>`, so the record
   * names which one (the subgraphs column lists those called, failed or not).
   */
  readonly errorCodes: string[];
}

function byStatus(status: number): AuditOutcome | null {
  if (status === 401) return 'unauthenticated';
  // Over a rate or concurrency limit: the platform refused it, the request itself was not invalid.
  if (status === 403 || status === 429) return 'refused';
  if (status >= 400 && status < 500) return 'invalid';
  return null;
}

export function decideOutcome(facts: ResponseFacts): OutcomeDecision {
  const codes = new Set<string>();
  let subgraphFailed = false;
  let denied = false;
  let other = false;
  if (facts.refusal) codes.add(facts.refusal.code);
  for (const e of facts.errors) {
    const code = e.code ?? ErrorCode.INTERNAL_SERVER_ERROR;
    codes.add(code);
    if (code === ErrorCode.SUBGRAPH_UNAVAILABLE) {
      subgraphFailed = true;
      if (e.subgraph) codes.add(`${code}:${e.subgraph}`);
    } else if (code === ErrorCode.FORBIDDEN_FIELD) denied = true;
    else other = true;
  }
  const errorCodes = [...codes].sort();

  let outcome: AuditOutcome;
  if (facts.refusal) outcome = byStatus(facts.refusal.status) ?? 'refused';
  else if (facts.status >= 500) outcome = subgraphFailed ? 'subgraph-failed' : 'error';
  else if (byStatus(facts.status)) outcome = byStatus(facts.status)!;
  else if (!facts.executed) outcome = denied && !other ? 'refused' : 'error';
  else if (subgraphFailed) outcome = 'subgraph-failed';
  else if (!facts.hasData) outcome = 'error';
  else if (denied) outcome = 'denied-fields';
  else if (other) outcome = 'partial';
  else outcome = 'ok';
  return { outcome, errorCodes };
}

/**
 * The audit's outcome of a request (ok, partial, denied-fields, refused …) and its error codes,
 * decided by the same rule the audit record uses (audit-capture/audit-outcome.ts), so a
 * dashboard and the audit trail never disagree about what became of requests.
 */
import { decideOutcome, OutcomeDecision } from '../audit-capture/audit-outcome';
import { bodyFacts, executedFacts } from '../audit-capture/outcome-facts';
import type { RequestOutcome } from '../stages/stage-hooks';

export function requestOutcome(response: RequestOutcome): OutcomeDecision {
  const result = response.context.result;
  const facts = result ? executedFacts(result) : bodyFacts(response.body);
  return decideOutcome({
    status: response.status,
    refusal: response.refusal
      ? { status: response.refusal.status, code: response.refusal.code }
      : null,
    executed: result !== undefined,
    hasData: facts.hasData,
    errors: facts.errors,
  });
}

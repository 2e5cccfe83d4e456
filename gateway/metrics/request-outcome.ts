/**
 * The audit's outcome of a request (ok, partial, denied-fields, refused …) and its error codes,
 * decided by the same rule the audit record uses (audit-capture/audit-outcome.ts), so a
 * dashboard and the audit trail never disagree about what became of requests.
 */
import type { ExecutionResult } from 'graphql';
import { decideOutcome, ErrorFact, OutcomeDecision } from '../audit-capture/audit-outcome';
import type { RequestOutcome } from '../stages/stage-hooks';

/** Bodies of requests that did not execute are short error lists; a longer one is not parsed on the hot path. */
const MAX_PARSED_BODY = 64 * 1024;

function errorFact(extensions: Readonly<Record<string, unknown>> | undefined): ErrorFact {
  const code = extensions?.code;
  const subgraph = extensions?.subgraph ?? extensions?.serviceName;
  return {
    code: typeof code === 'string' ? code : null,
    subgraph: typeof subgraph === 'string' ? subgraph : null,
  };
}

function resultFacts(result: ExecutionResult): { hasData: boolean; errors: ErrorFact[] } {
  return {
    hasData: result.data !== null && result.data !== undefined,
    errors: (result.errors ?? []).map((e) => errorFact(e.extensions)),
  };
}

function bodyFacts(body: string): { hasData: boolean; errors: ErrorFact[] } {
  if (body.length > MAX_PARSED_BODY) return { hasData: false, errors: [] };
  try {
    const parsed = JSON.parse(body) as {
      data?: unknown;
      errors?: { extensions?: Record<string, unknown> }[];
    };
    return {
      hasData: parsed?.data !== null && parsed?.data !== undefined,
      errors: Array.isArray(parsed?.errors)
        ? parsed.errors.map((e) => errorFact(e?.extensions))
        : [],
    };
  } catch {
    return { hasData: false, errors: [] };
  }
}

export function requestOutcome(response: RequestOutcome): OutcomeDecision {
  const result = response.context.result;
  const facts = result ? resultFacts(result) : bodyFacts(response.body);
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

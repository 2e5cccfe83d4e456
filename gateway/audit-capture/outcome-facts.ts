/**
 * What a response says about how a request ended, for the audit's outcome rule (audit-outcome.ts):
 * whether it carries data and the codes of its errors, from the executed result or, for a
 * response that did not come from an execution, from the JSON about to be sent. The audit record
 * and the metrics read the same facts, so they never disagree.
 */
import type { ExecutionResult } from 'graphql';
import type { ErrorFact } from './audit-outcome';

/** Bodies of requests that did not execute are small error lists; a bound keeps a stray large one off the hot path. */
const MAX_PARSED_BODY = 64 * 1024;

function errorFact(extensions: Readonly<Record<string, unknown>> | undefined): ErrorFact {
  const code = extensions?.code;
  const subgraph = extensions?.subgraph ?? extensions?.serviceName;
  return {
    code: typeof code === 'string' ? code : null,
    subgraph: typeof subgraph === 'string' ? subgraph : null,
  };
}

export function executedFacts(result: ExecutionResult): { hasData: boolean; errors: ErrorFact[] } {
  return {
    hasData: result.data !== null && result.data !== undefined,
    errors: (result.errors ?? []).map((e) => errorFact(e.extensions)),
  };
}

/** A response that did not come from an execution: its errors, read back from the JSON about to be sent. */
export function bodyFacts(body: string): { hasData: boolean; errors: ErrorFact[] } {
  if (body.length > MAX_PARSED_BODY) return { hasData: false, errors: [] };
  try {
    const parsed = JSON.parse(body) as {
      data?: unknown;
      errors?: { extensions?: Record<string, unknown> }[];
    };
    const errors = Array.isArray(parsed?.errors)
      ? parsed.errors.map((e) => errorFact(e?.extensions))
      : [];
    return { hasData: parsed?.data !== null && parsed?.data !== undefined, errors };
  } catch {
    return { hasData: false, errors: [] };
  }
}

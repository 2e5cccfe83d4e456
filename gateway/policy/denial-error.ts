/**
 * The FORBIDDEN_FIELD error reported for each withheld field selection: the reason tells the
 * caller what would change the answer (apply for a grant, declare a purpose, renew a grant), and
 * `condition` repeats what the owner asks of a conditional field's users.
 */
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../domain/error-codes';
import type { DenialReason } from './field-decision';

export interface Denial {
  /** The coordinate as selected (`Holder.contactPhone` for a field asked on an interface). */
  readonly coordinate: string;
  /** The coordinate whose rule withheld it (`Person.contactPhone`); the same when not an interface. */
  readonly decidedBy: string;
  readonly reason: DenialReason;
  /** Response keys from the root; list positions are filled in per response. */
  readonly path: readonly string[];
  /** The owner's stated condition for a conditional field. */
  readonly condition: string | null;
  /** Withheld together with an enclosing withheld field, so it never reaches the response. */
  readonly enclosed: boolean;
}

const EXPLANATION: Readonly<Record<DenialReason, (c: string) => string>> = {
  NO_GRANT: (c) =>
    `${c} is conditionally shared and no current grant to your department or application covers it; apply to its owner through the sharing platform`,
  PURPOSE_REQUIRED: (c) =>
    `${c} is conditionally shared: declare the purpose (用途) of the request`,
  PURPOSE_NOT_GRANTED: (c) => `${c} is granted to you, but not for the declared purpose`,
  GRANT_EXPIRED: (c) => `your grant for ${c} has expired`,
  NOT_SHARED: (c) => `${c} is not shared (不予共享) outside its owner department`,
  POLICY_UNAVAILABLE: (c) =>
    `${c} is conditionally shared and grants could not be checked; it is withheld until they can`,
  CASE_REQUIRED: (c) =>
    `${c} is granted to you for an approval item only: name the open case (办件) it serves in header x-case`,
  CASE_CLOSED: (c) => `${c} is granted for an approval item, and the case named is closed`,
  NOT_IN_ITEM: (c) => `${c} is not in the data list of the case's approval item`,
  NOT_CONSENTED: (c) => `${c} is in the item's data list, but the applicants did not authorise it`,
  SUBJECT_NOT_ON_CASE: (c) =>
    `${c} is granted for the case's approval item, and this subject is no applicant of the case`,
};

export function denialMessage(denial: Denial): string {
  return explainDenial(denial.reason, denial.decidedBy);
}

/** The message a caller reads for a field withheld for `reason`. */
export function explainDenial(reason: DenialReason, coordinate: string): string {
  return EXPLANATION[reason](coordinate);
}

export function denialError(denial: Denial, path: readonly (string | number)[]): GraphQLError {
  // A policy error's stack says nothing and is never shown to callers, but capturing it costs
  // ~20 µs per error, paid for every withheld field of every response.
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return createDenialError(denial, path);
  } finally {
    Error.stackTraceLimit = limit;
  }
}

function createDenialError(denial: Denial, path: readonly (string | number)[]): GraphQLError {
  return new GraphQLError(denialMessage(denial), {
    path,
    extensions: {
      code: ErrorCode.FORBIDDEN_FIELD,
      reason: denial.reason,
      coordinate: denial.coordinate,
      ...(denial.decidedBy !== denial.coordinate ? { decidedBy: denial.decidedBy } : {}),
      ...(denial.condition ? { condition: denial.condition } : {}),
    },
  });
}

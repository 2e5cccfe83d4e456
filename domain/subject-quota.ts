/**
 * Subject quotas (主体配额): how many distinct data subjects (people by ID number, legal entities
 * by credit code) one application may receive grant-reliant data about per day, per grant. The
 * owner sets the quota when approving; the sharing subgraph stores it on the grant, the gateway
 * enforces it, the audit trail records every refusal and the audit subgraph shows them. What all
 * three agree on lives here.
 */

/** The quota an approval sets unless the owner chooses another (`SHARING_DEFAULT_SUBJECT_QUOTA`). */
export const DEFAULT_SUBJECT_QUOTA = 1000;
/** The most an owner may set: a day's quota is a bound, not a way round it. */
export const MAX_SUBJECT_QUOTA = 1_000_000;

/** Why `value` cannot be a subject quota, or null when it can. */
export function subjectQuotaProblem(value: unknown): string | null {
  if (
    typeof value !== 'number' ||
    !Number.isInteger(value) ||
    value < 1 ||
    value > MAX_SUBJECT_QUOTA
  ) {
    return `a subject quota is a whole number of subjects per day from 1 to ${MAX_SUBJECT_QUOTA}, got ${String(value)}`;
  }
  return null;
}

/**
 * One grant's refusals in one request, as the audit record keeps them: the subjects beyond the
 * quota (keyed hashes, as the record's subjects), and the coordinates withheld from them.
 */
export interface QuotaRefusalRecord {
  readonly grantId: string;
  readonly quota: number;
  /** China date (YYYY-MM-DD) whose count was full. */
  readonly day: string;
  /** Coordinates withheld (or masked back) for the refused subjects, sorted. */
  readonly coordinates: readonly string[];
  /** Keyed hashes (`kind:hash`) of the subjects refused, sorted. */
  readonly subjects: readonly string[];
}

/** Lookups in one request that found nothing or were refused as malformed: what probing looks like. */
export interface LookupMissesRecord {
  /** Root lookups answered null without an error (the key named nobody). */
  readonly notFound: number;
  /** Errors with extensions.code BAD_USER_INPUT (a malformed key, a bad argument). */
  readonly badInput: number;
}

/** The audit_records columns that hold them (JSON text; NULL on records without any). */
export const QUOTA_REFUSALS_COLUMN = 'quota_refusals';
export const LOOKUP_MISSES_COLUMN = 'lookup_misses';

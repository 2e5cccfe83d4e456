/**
 * The one list of `extensions.code` values that Shujutong's gateway and subgraphs put on
 * GraphQL errors. Callers branch on these; keep them stable.
 */
export const ErrorCode = {
  /** An argument is malformed: wrong length, date or checksum, page size out of range. */
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  /** No, malformed, expired or wrongly signed credentials. HTTP 401. */
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  /** Authenticated, but the caller (or its application) may not use the platform. HTTP 403. */
  FORBIDDEN: 'FORBIDDEN',
  /** One field was withheld by the sharing policy; the reason is in `extensions.reason`. */
  FORBIDDEN_FIELD: 'FORBIDDEN_FIELD',
  /** A looked-up entity does not exist. */
  NOT_FOUND: 'NOT_FOUND',
  /** A subgraph did not answer in time or refused the connection; `extensions.subgraph` names it. */
  SUBGRAPH_UNAVAILABLE: 'SUBGRAPH_UNAVAILABLE',
  /** Grants could not be loaded; conditional data is withheld (fail closed). */
  POLICY_UNAVAILABLE: 'POLICY_UNAVAILABLE',
  /** The audit journal cannot be written; nothing is served unlogged. HTTP 503. */
  AUDIT_UNAVAILABLE: 'AUDIT_UNAVAILABLE',
  /** The application registry (sharing subgraph) cannot be asked whether a token's application is active; refused rather than let unknown applications in. HTTP 503. */
  REGISTRY_UNAVAILABLE: 'REGISTRY_UNAVAILABLE',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

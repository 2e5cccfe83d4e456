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
  /** The HTTP request itself is malformed: not JSON, wrong content type, JSON nested too deeply. HTTP 400. */
  BAD_REQUEST: 'BAD_REQUEST',
  /** The request body is larger than the gateway accepts (GATEWAY_MAX_BODY_BYTES). HTTP 413. */
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  /** `operationName` names no operation in the document, or several operations and none named. HTTP 400. */
  OPERATION_RESOLUTION_FAILURE: 'OPERATION_RESOLUTION_FAILURE',
  /** The document has more lexical tokens than the gateway parses. HTTP 400. */
  MAX_TOKENS_LIMIT: 'MAX_TOKENS_LIMIT',
  /** Fields nested deeper than allowed (fragments expanded). HTTP 400. */
  MAX_DEPTH_LIMIT: 'MAX_DEPTH_LIMIT',
  /** More aliases than allowed (fragments expanded). HTTP 400. */
  MAX_ALIASES_LIMIT: 'MAX_ALIASES_LIMIT',
  /** More root fields than allowed in one operation. HTTP 400. */
  MAX_ROOT_FIELDS_LIMIT: 'MAX_ROOT_FIELDS_LIMIT',
  /** More field selections than allowed once every fragment is expanded. HTTP 400. */
  MAX_SELECTIONS_LIMIT: 'MAX_SELECTIONS_LIMIT',
  /** The operation's estimated cost (list sizes multiplied down the tree) is above the limit. HTTP 400. */
  COST_ESTIMATED_TOO_EXPENSIVE: 'COST_ESTIMATED_TOO_EXPENSIVE',
  /** The application's or department's request rate or concurrency is exhausted; retry after `Retry-After`. HTTP 429. */
  RATE_LIMITED: 'RATE_LIMITED',
  /** One field withheld because the grant's daily quota of distinct data subjects is used up. */
  QUOTA_EXCEEDED: 'QUOTA_EXCEEDED',
  /** The caller's application runs persisted documents only (PERSISTED_ONLY) and the request sent a text not registered for it. HTTP 403. */
  PERSISTED_DOCUMENT_REQUIRED: 'PERSISTED_DOCUMENT_REQUIRED',
  /** The request named a persisted document (by SHA-256) that is not registered for the caller's application. HTTP 400. */
  PERSISTED_DOCUMENT_NOT_FOUND: 'PERSISTED_DOCUMENT_NOT_FOUND',
  /** A workbench session cookie came without the matching `x-csrf-token` header (GET /auth/session gives it). HTTP 403. */
  CSRF_REQUIRED: 'CSRF_REQUIRED',
  /** A workbench session cannot be renewed now: sign-outs shared through Redis cannot be checked. It stays valid until it expires. HTTP 503. */
  SESSION_STORE_UNAVAILABLE: 'SESSION_STORE_UNAVAILABLE',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/**
 * Operation limits (issue 7): bounds on what one request may cost the gateway, checked on the
 * query text before validation, the sharing policy and query planning. Pure: the HTTP endpoint
 * (gateway/http/graphql-endpoint.ts) turns a violation into HTTP 400 with its own code.
 */
export { createOperationLimiter } from './operation-limiter';
export type { OperationLimiter } from './operation-limiter';
export { DEFAULT_MAX_BODY_BYTES, DEFAULT_OPERATION_LIMITS } from './limit-settings';
export type { OperationLimits } from './limit-settings';
export type { LimitViolation, LimitName } from './limit-check';
export { measureDocument } from './operation-measures';
export type { OperationMeasures } from './operation-measures';

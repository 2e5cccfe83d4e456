/**
 * The audit trail in the gateway's request path (gateway/audit/ is the trail itself): one
 * durable record per GraphQL request before its response leaves, 503 AUDIT_UNAVAILABLE while
 * records cannot be written, the data subjects of every response even when the operation did not
 * select their key, and the one loud switch that turns it all off.
 *
 *   const audit = createAuditStage({ config: readAuditConfig(env), log });
 *   startGateway({ hooks: [audit.gate, auth, policy, ...others, audit, signing] });
 */
export { createAuditStage, AUDIT_UNAVAILABLE_MESSAGE } from './audit-stage';
export type { AuditStage, AuditStageOptions } from './audit-stage';
export { AUDIT_DISABLE_VARIABLE, AUDIT_DISABLED_WARNING, auditDisabledRequested } from './audit-switch';
export { buildAuditEntry } from './audit-entry';
export { decideOutcome } from './audit-outcome';
export { auditDocument, LITERALS_KEY } from './audit-document';
export { SUBJECT_KEY_FIELDS, subjectKeyRewriter } from './subject-keys';
export { stripSubjectKeys } from './strip-subject-keys';

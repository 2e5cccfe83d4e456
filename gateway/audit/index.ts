/**
 * The audit trail (审计): one durable, chained, signed record per GraphQL request, and the
 * offline verifier. X-Road's message log is the model: the trail is evidence, so it is chained
 * and checkpointed, verifiable by a standalone tool, and the gateway refuses to serve a request
 * it cannot record.
 *
 * ## Gateway integration (gateway/stages/record-audit.ts does this; the sketch shows the contract)
 *
 *   // start-up
 *   const audit = await AuditTrail.open(readAuditConfig(process.env));
 *
 *   // per request, in the onResponse hook, before the response leaves
 *   await audit.append({
 *     requestId: ctx.requestId, time: ctx.receivedAt,
 *     caller: { department, application, operator, roles, clientAddress: ctx.http.remoteAddress },
 *     operationName, document: queryText, variables, purpose,
 *     fields: { requested, served, masked, denied: [{ coordinate, reason }] },
 *     subgraphs, outcome: 'ok' | 'partial' | 'denied-fields' | … (AuditOutcome), httpStatus, errorCodes,
 *     latencyMs: Date.now() - ctx.receivedAt, responseBytes: Buffer.byteLength(body),
 *     subjects: subjectsFromResult(ctx.result?.data),   // raw IDs: hashed inside, never written
 *   });
 *   // rejects with AuditUnavailableError → answer 503, extensions.code AUDIT_UNAVAILABLE,
 *   // and serve nothing while audit.health().status === 'unavailable'
 *
 *   // health endpoint: probe() retries an unavailable journal (the disk is writable again)
 *   const health = await audit.probe();   // { status: 'ok' | 'unavailable', journal, shipping }
 *
 *   // "who accessed this person's data" (read API)
 *   accessesToSubject(db, { subjectHash: audit.subjectHash('person', idNumber) })
 *
 *   // shutdown: flushes, signs a final checkpoint, ships what it can
 *   await audit.close();
 *
 * `append` resolves only when the record is fsynced in the local journal (grouped: concurrent
 * appends share one fsync). A background shipper copies the journal into the audit database
 * (MariaDB with MYSQL_URL, else SQLite) idempotently, resuming after restarts and outages.
 *
 * ## Configuration (gateway/config/audit.ts; every variable optional outside production)
 *   GATEWAY_INSTANCE (host name), AUDIT_JOURNAL_DIR (<DATA_DIR>/audit/<instance>),
 *   AUDIT_GROUP_WINDOW_MS (2), AUDIT_GROUP_MAX_RECORDS (256), AUDIT_SEGMENT_BYTES (64 MiB),
 *   AUDIT_KEEP_SHIPPED (false), AUDIT_SHIP_BATCH (500), AUDIT_SHIP_RETRY_MAX_MS (30000),
 *   AUDIT_SHIP_INTERVAL_MS (250),
 *   AUDIT_CHECKPOINT_EVERY (1000), AUDIT_CHECKPOINT_INTERVAL_MS (60000),
 *   AUDIT_HMAC_KEY | AUDIT_HMAC_KEY_FILE, AUDIT_SIGNING_KEY_FILE (dev keys in <DATA_DIR>/keys),
 *   AUDIT_PUBLIC_KEY_FILE (verifier only), and the shared MYSQL_URL, SHUJUTONG_DB_PREFIX, DATA_DIR.
 *
 * ## Formats (for re-implementing the verifier)
 * canonical-json.ts (serialisation), record-chain.ts (record hash and chaining), checkpoint.ts
 * (signed payload), audit-rows.ts (columns), audit-migrations.ts (tables), verify-chain.ts
 * (findings). `npm run audit:verify [-- --from ISO --to ISO --public-key file]` runs the check.
 */
export { AuditTrail } from './audit-trail';
export type { AuditHealth, AuditTrailOptions } from './audit-trail';
export { readAuditConfig } from '../config/audit';
export type { AuditConfig } from '../config/audit';
export { AuditUnavailableError, isAuditUnavailable } from './audit-unavailable-error';
export type {
  AuditEntry,
  AuditOutcome,
  AuditRecord,
  DeniedField,
  SubjectKind,
  SubjectRef,
} from '../../contracts/audit/audit-record';
export { subjectsFromResult, DEFAULT_SUBJECT_HINTS } from './subjects-from-result';
export type { SubjectHint, SubjectHints } from './subjects-from-result';
export { subjectHash, variablesHash, documentHash } from '../../contracts/audit/keyed-hash';
export { accessesToSubject } from '../../contracts/audit/subject-lookup';
export type { SubjectAccess, SubjectAccessQuery } from '../../contracts/audit/subject-lookup';
export { openAuditDatabase } from './audit-store';
export { ensureMonthlyPartitions } from '../../contracts/audit/audit-partitions';
export { verifyAuditDatabase } from './verify-database';
export type { VerifyReport } from './verify-database';
export type { Finding, FindingKind } from './verify-chain';

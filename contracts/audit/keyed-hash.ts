/**
 * Hashes that let the audit log answer "who accessed this person's data" without becoming a
 * second copy of personal data. Identifiers and variables are low-entropy (an ID number has
 * about 10^9 plausible values), so a plain hash could be reversed by enumeration; HMAC-SHA256
 * under a secret audit key cannot be, and whoever holds the key can still hash a given ID
 * number and look it up. Each input is prefixed with its purpose so a person's hash can never
 * equal a legal entity's or a variables hash.
 */
import { createHash, createHmac } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import type { SubjectKind } from './subject-kind';

/** The secret for subject and variable hashes; at least 32 bytes (audit-keys.ts). */
export interface AuditKey {
  readonly secret: Buffer;
}

export const MIN_AUDIT_KEY_BYTES = 32;

export function auditKey(secret: Buffer): AuditKey {
  if (secret.length < MIN_AUDIT_KEY_BYTES)
    throw new Error(
      `the audit HMAC key must have at least ${MIN_AUDIT_KEY_BYTES} bytes, got ${secret.length}`,
    );
  return Object.freeze({ secret: Buffer.from(secret) });
}

function hmac(key: AuditKey, purpose: string, text: string): string {
  return createHmac('sha256', key.secret)
    .update(`shujutong-audit/${purpose}\0`, 'utf8')
    .update(text, 'utf8')
    .digest('hex');
}

/**
 * ID numbers and credit codes are compared in their canonical form: trimmed and upper-case
 * (a check character `x` is the same person as `X`), so one subject has one hash.
 */
export function normaliseSubjectId(id: string): string {
  return id.trim().toUpperCase();
}

/**
 * A response's subjects are hashed twice on the request path (the subject quota counts them, the
 * record keeps them) and the same people recur across requests, so recent hashes are kept per key:
 * a Map lookup instead of an HMAC. Bounded, and simply emptied when full.
 */
const RECENT_SUBJECT_HASHES = 20_000;
const recentHashes = new WeakMap<AuditKey, Map<string, string>>();

export function subjectHash(key: AuditKey, kind: SubjectKind, id: string): string {
  let recent = recentHashes.get(key);
  if (!recent) recentHashes.set(key, (recent = new Map()));
  const memo = `${kind}\0${id}`;
  let hash = recent.get(memo);
  if (hash === undefined) {
    hash = hmac(key, `subject/${kind}`, normaliseSubjectId(id));
    if (recent.size >= RECENT_SUBJECT_HASHES) recent.clear();
    recent.set(memo, hash);
  }
  return hash;
}

/**
 * Variables are hashed as RFC 8785 canonical JSON (numbers included: coordinates are
 * fractional), after a JSON round trip so that what is hashed is what arrived on the wire.
 */
export function variablesHash(key: AuditKey, variables: Readonly<Record<string, unknown>>): string {
  const json: unknown = JSON.parse(JSON.stringify(variables));
  return hmac(key, 'variables', canonicalJson(json, { numbers: 'finite' }));
}

/** Documents are not personal data: a plain SHA-256 of the text, so anyone can check the stored text. */
export function documentHash(document: string): string {
  return createHash('sha256').update(document, 'utf8').digest('hex');
}

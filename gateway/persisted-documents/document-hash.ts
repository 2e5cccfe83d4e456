/**
 * Document ids: the SHA-256 of a document's exact text (UTF-8), lower-case hex. A request names
 * one as Apollo's APQ does (`extensions.persistedQuery: { version: 1, sha256Hash }`) or as the
 * GraphQL-over-HTTP persisted documents appendix does (`documentId: "sha256:<hex>"`, a prefixed
 * document identifier).
 */
import { createHash } from 'node:crypto';

const SHA256_HEX = /^[0-9a-f]{64}$/;

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The hash, lower-cased, if `value` is 64 hex digits; null otherwise. */
export function sha256Of(value: unknown): string | null {
  if (typeof value !== 'string' || value.length !== 64) return null;
  const hex = value.toLowerCase();
  return SHA256_HEX.test(hex) ? hex : null;
}

/** The hash in a `documentId` of the form `sha256:<hex>`; null for any other form. */
export function documentIdHash(documentId: unknown): string | null {
  if (typeof documentId !== 'string' || !documentId.startsWith('sha256:')) return null;
  return sha256Of(documentId.slice('sha256:'.length));
}

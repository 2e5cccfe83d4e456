/**
 * How a GraphQL-over-HTTP request names its document: by text (`query`), by hash (APQ's
 * `extensions.persistedQuery` or the persisted-documents appendix's `documentId`), or both in
 * APQ's registration shape (text and the hash it claims). Read from the parsed POST body or
 * GET's search parameters. Pure.
 */
import { documentIdHash, sha256Of } from './document-hash';

export type DocumentReference =
  | { readonly kind: 'none' }
  | { readonly kind: 'text'; readonly query: string; readonly claimedSha256: string | null }
  | { readonly kind: 'hash'; readonly sha256: string }
  | { readonly kind: 'malformed'; readonly message: string };

export interface RequestFields {
  readonly query?: unknown;
  readonly documentId?: unknown;
  readonly extensions?: unknown;
}

const NONE: DocumentReference = Object.freeze({ kind: 'none' });

function malformed(message: string): DocumentReference {
  return { kind: 'malformed', message };
}

/** Whether the request names a document by hash at all (cheap, for skipping the rest). */
export function namesPersistedDocument(fields: RequestFields): boolean {
  const extensions = fields.extensions;
  return (
    fields.documentId !== undefined ||
    (typeof extensions === 'object' &&
      extensions !== null &&
      (extensions as Record<string, unknown>).persistedQuery !== undefined)
  );
}

export function documentReference(fields: RequestFields): DocumentReference {
  const query = typeof fields.query === 'string' ? fields.query : null;
  let claimed: string | null = null;
  if (fields.documentId !== undefined) {
    claimed = documentIdHash(fields.documentId);
    if (claimed === null)
      return malformed('documentId must be "sha256:" followed by 64 hexadecimal digits.');
    // The appendix: a request carries a document or its id, not both.
    if (query !== null) return malformed('Send either query or documentId, not both.');
  }
  const extensions = fields.extensions;
  const persisted =
    typeof extensions === 'object' && extensions !== null
      ? (extensions as Record<string, unknown>).persistedQuery
      : undefined;
  if (persisted !== undefined) {
    if (fields.documentId !== undefined)
      return malformed('Send either documentId or extensions.persistedQuery, not both.');
    const p = persisted as { version?: unknown; sha256Hash?: unknown } | null;
    if (typeof p !== 'object' || p === null || p.version !== 1)
      return malformed(
        'extensions.persistedQuery must be { "version": 1, "sha256Hash": "<hex>" }.',
      );
    claimed = sha256Of(p.sha256Hash);
    if (claimed === null)
      return malformed('extensions.persistedQuery.sha256Hash must be 64 hexadecimal digits.');
  }
  if (query !== null) return { kind: 'text', query, claimedSha256: claimed };
  return claimed !== null ? { kind: 'hash', sha256: claimed } : NONE;
}

/**
 * The body Apollo is given for a resolved document: the caller's, with the text as `query` and
 * the reference taken out, so Apollo's own APQ cache never stands in for the registry.
 */
export function resolvedBody(
  body: Readonly<Record<string, unknown>>,
  query: string,
): Record<string, unknown> {
  const { documentId: _id, extensions, ...rest } = body;
  const out: Record<string, unknown> = { ...rest, query };
  if (typeof extensions === 'object' && extensions !== null) {
    const { persistedQuery: _pq, ...other } = extensions as Record<string, unknown>;
    if (Object.keys(other).length > 0) out.extensions = other;
  }
  return out;
}

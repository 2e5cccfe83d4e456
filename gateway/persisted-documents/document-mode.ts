/**
 * What a request may run, decided from what it sent and its application's document mode
 * (Application.documentMode in the registry). Pure apart from the injected lookup, so every
 * branch is tested without a server.
 *
 *   sent                         ANY                           PERSISTED_ONLY
 *   a hash                       its text if registered for    the same
 *                                the application, else
 *                                PERSISTED_DOCUMENT_NOT_FOUND
 *   a text                       run as sent                   run if its hash is registered for
 *                                                              the application, else
 *                                                              PERSISTED_DOCUMENT_REQUIRED
 *   a text and a hash (APQ)      the hash must be the text's (400 BAD_REQUEST); then as a text
 *
 * A document is registered per application: one registered for another application is not
 * found for this one, so a PERSISTED_ONLY application cannot borrow another's operations.
 */
import { ErrorCode } from '../../domain/error-codes';
import { sha256Hex } from './document-hash';
import type { DocumentReference } from './document-reference';

export type DocumentMode = 'ANY' | 'PERSISTED_ONLY';

/** The registered text of `sha256` for `application`, or null when it is not registered for it. */
export type RegisteredDocumentLookup = (
  sha256: string,
  application: string,
) => Promise<string | null>;

export type DocumentDecision =
  /** Run the request as it came (Apollo reads its `query`). */
  | { readonly kind: 'as-sent' }
  /** Run this text in place of the reference. */
  | { readonly kind: 'resolved'; readonly query: string; readonly sha256: string }
  | {
      readonly kind: 'refused';
      readonly status: 400 | 403;
      readonly code: string;
      readonly message: string;
      readonly sha256: string | null;
    };

const AS_SENT: DocumentDecision = Object.freeze({ kind: 'as-sent' });

function refused(
  status: 400 | 403,
  code: string,
  message: string,
  sha256: string | null,
): DocumentDecision {
  return { kind: 'refused', status, code, message, sha256 };
}

function notFound(sha256: string, application: string | null): DocumentDecision {
  return refused(
    400,
    ErrorCode.PERSISTED_DOCUMENT_NOT_FOUND,
    application
      ? `No persisted document ${sha256} is registered for application ${application}.`
      : `Persisted documents are registered per application and this token names none (${sha256}).`,
    sha256,
  );
}

export async function decideDocument(
  reference: DocumentReference,
  mode: DocumentMode,
  application: string | null,
  lookup: RegisteredDocumentLookup,
): Promise<DocumentDecision> {
  switch (reference.kind) {
    case 'none':
      return AS_SENT;
    case 'malformed':
      return refused(400, ErrorCode.BAD_REQUEST, reference.message, null);
    case 'hash': {
      if (!application) return notFound(reference.sha256, null);
      const text = await lookup(reference.sha256, application);
      return text === null
        ? notFound(reference.sha256, application)
        : { kind: 'resolved', query: text, sha256: reference.sha256 };
    }
    case 'text': {
      const sha256 = sha256Hex(reference.query);
      if (reference.claimedSha256 !== null && reference.claimedSha256 !== sha256)
        return refused(
          400,
          ErrorCode.BAD_REQUEST,
          `extensions.persistedQuery.sha256Hash is not the SHA-256 of the query sent (${sha256}).`,
          null,
        );
      // APQ's shape (text and hash) runs as the text alone, so Apollo's own APQ cache stays unused.
      if (mode === 'ANY')
        return reference.claimedSha256 === null
          ? AS_SENT
          : { kind: 'resolved', query: reference.query, sha256 };
      // PERSISTED_ONLY implies an application: modes are set per registered application.
      if (application && (await lookup(sha256, application)) !== null)
        return { kind: 'resolved', query: reference.query, sha256 };
      return refused(
        403,
        ErrorCode.PERSISTED_DOCUMENT_REQUIRED,
        `Application ${application} runs registered persisted documents only: send extensions.persistedQuery.sha256Hash or documentId of a document registered for it.`,
        sha256,
      );
    }
  }
}

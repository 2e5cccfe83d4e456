/**
 * The persisted-document part of the sharing subgraph's resolvers: `persistedDocument`,
 * `registerPersistedDocument`, `setApplicationDocumentMode` and `Application.documentMode`
 * (persisted-documents.ts holds the rules and the table).
 */
import { requireCaller } from './access-rules';
import { SharingContext } from './context';
import type { DocumentMode } from './persisted-document-rules';
import type { PersistedDocumentInput, PersistedDocumentRow } from './persisted-documents';
import type { ApplicationRow } from './store';

export const persistedDocumentQuery = {
  persistedDocument: (_: unknown, args: { sha256: string }, ctx: SharingContext) =>
    ctx.persistedDocuments.get(requireCaller(ctx.caller), args.sha256),
};

export const persistedDocumentMutation = {
  registerPersistedDocument: (
    _: unknown,
    args: { input: PersistedDocumentInput },
    ctx: SharingContext,
  ) => ctx.persistedDocuments.register(requireCaller(ctx.caller), args.input),
  setApplicationDocumentMode: (
    _: unknown,
    args: { id: string; mode: DocumentMode },
    ctx: SharingContext,
  ) => ctx.persistedDocuments.setMode(requireCaller(ctx.caller), args.id, args.mode),
};

export const persistedDocumentRecordResolvers = {
  PersistedDocument: {
    documentId: (d: { sha256: string }) => `sha256:${d.sha256}`,
  },
  PersistedDocumentRegistration: {
    application: (r: PersistedDocumentRow, _: unknown, ctx: SharingContext) =>
      ctx.store.application.load(r.application_id),
    item: (r: PersistedDocumentRow) => r.item_code,
    registeredBy: (r: PersistedDocumentRow) => r.registered_by,
    registeredAt: (r: PersistedDocumentRow) => r.registered_at,
  },
};

/** Merged into the Application resolvers (record-resolvers.ts). Rows from before the column: ANY. */
export const applicationDocumentMode = {
  documentMode: (a: ApplicationRow & { document_mode?: string | null }) => a.document_mode ?? 'ANY',
};

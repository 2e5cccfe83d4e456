/**
 * Persisted documents at the gateway: document ids (document-hash.ts), how a request names its
 * document (document-reference.ts), what an application may run (document-mode.ts) and the
 * registry's documents, cached (document-store.ts). The request stage that uses them is
 * stages/resolve-persisted-documents.ts.
 */
export * from './document-hash';
export * from './document-mode';
export * from './document-reference';
export * from './document-store';

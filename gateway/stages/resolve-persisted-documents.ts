/**
 * Persisted documents (固化查询), a request stage (onRequest, after authentication and the rate
 * limits): a request may name its document by SHA-256 instead of sending it
 * (`extensions.persistedQuery`, Apollo's APQ shape, or `documentId: "sha256:<hex>"`, the
 * GraphQL-over-HTTP persisted documents appendix), and an application the registry has put in
 * PERSISTED_ONLY mode may run nothing else (persisted-documents/document-mode.ts).
 *
 * The text comes from the registry (the sharing subgraph), never from the caller, and is hashed
 * again before it runs. The GraphQL endpoint takes the resolved body from here (persistedRequest)
 * before the operation limits, so the limits, Apollo, the policy and the audit record all see the
 * text that runs. Documents are sent by POST: a GET naming one is 400 (its URL is what the
 * audit records, and a resolved text would not be in it).
 *
 * Refusals: 400 PERSISTED_DOCUMENT_NOT_FOUND (a request error: there is no document to run; we
 * do not answer 200 as APQ does, since we do not offer APQ's "send the text and it is stored"
 * fallback: registration is a governed act), 403 PERSISTED_DOCUMENT_REQUIRED (the caller is known
 * but its application may not send text), 400 BAD_REQUEST for a malformed reference or a hash
 * that is not the text's, 503 REGISTRY_UNAVAILABLE when the registry cannot be asked.
 */
import { ErrorCode } from '../../domain/error-codes';
import { HttpError } from '../../contracts/http/http-error';
import { RegistryLookup, RegistryUnavailableError } from '../auth/registry-lookup';
import {
  decideDocument,
  DocumentMode,
  documentReference,
  namesPersistedDocument,
  PersistedDocumentStore,
  PersistedDocumentsUnavailableError,
  RequestFields,
  resolvedBody,
} from '../persisted-documents';
import { GatewayContext, stageState } from './request-context';
import type { GatewayHooks } from './stage-hooks';

/** The request as it will run: what the endpoint hands to the limits, Apollo and the audit. */
export interface PersistedRequest {
  readonly body: Record<string, unknown>;
  /** `body` as JSON: what the audit record reads the document from. */
  readonly rawBody: Buffer;
  readonly sha256: string;
}

const resolved = stageState<PersistedRequest>();

/** The resolved request, when this request named a persisted document (or sent a registered one). */
export function persistedRequest(context: GatewayContext): PersistedRequest | undefined {
  return resolved.get(context);
}

export interface PersistedDocumentStageOptions {
  readonly store: PersistedDocumentStore;
  readonly registry: Pick<RegistryLookup, 'documentMode' | 'invalidate'>;
}

function unavailable(): HttpError {
  return new HttpError(
    503,
    'cannot read persisted documents or document modes from the registry now; try again shortly',
    ErrorCode.REGISTRY_UNAVAILABLE,
  );
}

function searchFields(url: string): RequestFields {
  const q = url.indexOf('?');
  const search = new URLSearchParams(q < 0 ? '' : url.slice(q + 1));
  let extensions: unknown;
  try {
    const text = search.get('extensions');
    extensions = text ? JSON.parse(text) : undefined;
  } catch {
    extensions = undefined;
  }
  return {
    query: search.get('query') ?? undefined,
    documentId: search.get('documentId') ?? undefined,
    extensions,
  };
}

function jsonBody(
  rawBody: Buffer,
  contentType: string | string[] | undefined,
): Record<string, unknown> | null {
  const type = Array.isArray(contentType) ? contentType[0] : contentType;
  if (!type || !/json/i.test(type)) return null;
  try {
    const body: unknown = JSON.parse(rawBody.toString('utf8'));
    return typeof body === 'object' && body !== null && !Array.isArray(body)
      ? (body as Record<string, unknown>)
      : null;
  } catch {
    // The endpoint answers 400 for it, as for any request.
    return null;
  }
}

/** The root fields of the mutations in a planned document. */
function mutationFields(context: GatewayContext): string[] {
  const out: string[] = [];
  for (const d of context.operation?.document.definitions ?? []) {
    if (d.kind !== 'OperationDefinition' || d.operation !== 'mutation') continue;
    for (const s of d.selectionSet.selections) if (s.kind === 'Field') out.push(s.name.value);
  }
  return out;
}

export function createPersistedDocumentStage(options: PersistedDocumentStageOptions): GatewayHooks {
  const { store, registry } = options;
  const modeOf = async (application: string | null): Promise<DocumentMode> =>
    application ? registry.documentMode(application) : 'ANY';

  return {
    name: 'persisted-documents',
    async onRequest({ context, rawBody }) {
      const caller = context.caller;
      if (!caller) return;
      try {
        const isGet = context.http.method.toUpperCase() === 'GET';
        // Most requests name no document and come from an ANY application: no parse for them.
        const mentions =
          isGet || rawBody.includes('"persistedQuery"') || rawBody.includes('"documentId"');
        const mode = await modeOf(caller.application);
        if (!mentions && mode === 'ANY') return;
        const body = isGet ? null : jsonBody(rawBody, context.http.headers['content-type']);
        const fields: RequestFields | null = isGet ? searchFields(context.http.url) : body;
        if (!fields) return;
        if (isGet && namesPersistedDocument(fields))
          throw new HttpError(
            400,
            'Persisted documents are sent by POST (application/json).',
            ErrorCode.BAD_REQUEST,
          );
        const reference = documentReference(fields);
        const decision = await decideDocument(reference, mode, caller.application, store.lookup);
        if (decision.kind === 'refused')
          throw new HttpError(
            decision.status,
            decision.message,
            decision.code,
            decision.sha256 ? { documentId: `sha256:${decision.sha256}` } : {},
          );
        if (decision.kind === 'resolved' && body) {
          const run = resolvedBody(body, decision.query);
          resolved.set(context, {
            body: run,
            rawBody: Buffer.from(JSON.stringify(run), 'utf8'),
            sha256: decision.sha256,
          });
        }
      } catch (err) {
        if (err instanceof PersistedDocumentsUnavailableError) throw unavailable();
        if (err instanceof RegistryUnavailableError) throw unavailable();
        throw err;
      }
    },
    onResponse({ context }) {
      // Changes made through this gateway apply here at once; through another, notices (the
      // mode) and the miss lifetime (documents) bound the delay.
      const fields = mutationFields(context);
      if (fields.includes('registerPersistedDocument')) store.forgetMisses();
      if (fields.includes('setApplicationDocumentMode')) registry.invalidate();
    },
  };
}

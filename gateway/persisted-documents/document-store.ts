/**
 * The registry's persisted documents as the gateway reads them: `persistedDocument(sha256:)`
 * on the sharing subgraph through the signed platform client, cached.
 *
 * A document's text is immutable under its hash, and a registration is never withdrawn, so a
 * found (document, application) pair is kept until the cache is full (least recently used
 * entries go first). A miss is kept only briefly (`missTtlMs`), so a document registered through
 * another gateway instance is found soon; one registered through this instance is found at once
 * (forgetMisses). The text is hashed again on arrival: a registry row that does not hash to its
 * id is not run.
 */
import type { PlatformClient } from '../signing/platform-client';
import { sha256Hex } from './document-hash';

export const PERSISTED_DOCUMENT_QUERY = `query PersistedDocumentForGateway($sha256: ID!) {
  persistedDocument(sha256: $sha256) { sha256 document registrations { application { id } } }
}`;

interface PersistedDocumentData {
  persistedDocument: {
    sha256: string;
    document: string;
    registrations: { application: { id: string } }[];
  } | null;
}

interface Found {
  readonly text: string;
  /** Applications it is registered for, as last read; grows, never shrinks. */
  readonly applications: ReadonlySet<string>;
}

export class PersistedDocumentsUnavailableError extends Error {
  constructor(override readonly cause: unknown) {
    super(
      `persisted documents cannot be read from the registry: ${cause instanceof Error ? cause.message : String(cause)}`,
    );
    this.name = 'PersistedDocumentsUnavailableError';
  }
}

export interface PersistedDocumentStoreOptions {
  readonly client: Pick<PlatformClient, 'query'>;
  /** Documents kept; a city's operations are a few hundred. @default 5000 */
  readonly maxDocuments?: number;
  /** How long "not registered for this application" is remembered. @default 5000 */
  readonly missTtlMs?: number;
  /** Misses kept at most (hashes are outside input). @default 10000 */
  readonly maxMisses?: number;
  /** @default Date.now */
  readonly now?: () => number;
  /** @default console.error */
  readonly log?: (line: string) => void;
}

export interface PersistedDocumentStore {
  /** The text of `sha256` if registered for `application`, else null. Throws PersistedDocumentsUnavailableError. */
  lookup(sha256: string, application: string): Promise<string | null>;
  /** Forget every miss, e.g. after a registration passed through this gateway. */
  forgetMisses(): void;
}

export function createPersistedDocumentStore(
  options: PersistedDocumentStoreOptions,
): PersistedDocumentStore {
  const maxDocuments = options.maxDocuments ?? 5000;
  const missTtlMs = options.missTtlMs ?? 5000;
  const maxMisses = options.maxMisses ?? 10_000;
  const now = options.now ?? Date.now;
  const log = options.log ?? ((line: string) => console.error(line));
  const found = new Map<string, Found>();
  const misses = new Map<string, number>();
  const inFlight = new Map<string, Promise<Found | null>>();
  let generation = 0;

  const remember = (sha256: string, entry: Found) => {
    found.delete(sha256);
    if (found.size >= maxDocuments) found.delete(found.keys().next().value!);
    found.set(sha256, entry);
  };

  const fetchDocument = async (sha256: string): Promise<Found | null> => {
    let data: PersistedDocumentData;
    try {
      data = await options.client.query<PersistedDocumentData>(
        'sharing',
        PERSISTED_DOCUMENT_QUERY,
        { sha256 },
      );
    } catch (err) {
      throw new PersistedDocumentsUnavailableError(err);
    }
    const doc = data.persistedDocument;
    if (!doc) return null;
    if (sha256Hex(doc.document) !== sha256) {
      log(
        `[persisted-documents] SECURITY: the registry's text for ${sha256} does not hash to it; not run`,
      );
      return null;
    }
    const entry: Found = {
      text: doc.document,
      applications: new Set(doc.registrations.map((r) => r.application.id)),
    };
    remember(sha256, entry);
    return entry;
  };

  /** One registry call per hash at a time, however many requests wait for it. */
  const load = (sha256: string): Promise<Found | null> => {
    let pending = inFlight.get(sha256);
    if (!pending) {
      pending = fetchDocument(sha256).finally(() => inFlight.delete(sha256));
      inFlight.set(sha256, pending);
    }
    return pending;
  };

  return {
    async lookup(sha256, application) {
      const cached = found.get(sha256);
      if (cached?.applications.has(application)) {
        remember(sha256, cached);
        return cached.text;
      }
      const missKey = `${application}\n${sha256}`;
      const missUntil = misses.get(missKey);
      if (missUntil !== undefined && missUntil > now()) return null;
      const started = generation;
      const entry = await load(sha256);
      if (entry?.applications.has(application)) {
        misses.delete(missKey);
        return entry.text;
      }
      if (started === generation) {
        if (misses.size >= maxMisses) misses.clear();
        misses.set(missKey, now() + missTtlMs);
      }
      return null;
    },
    forgetMisses() {
      generation++;
      misses.clear();
    },
  };
}

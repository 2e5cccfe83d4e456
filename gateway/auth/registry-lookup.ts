/**
 * The ApplicationLookup that verify-token.ts asks about a token's application: the sharing
 * subgraph's registry, read through the signed platform client and remembered for a short
 * time, so authentication costs a registry call per application per TTL, not per request.
 *
 * When the registry cannot be asked, the lookup throws RegistryUnavailableError and the
 * gateway refuses the request (503 REGISTRY_UNAVAILABLE). It does not guess: letting an
 * application in that may have been suspended or never registered would defeat the 2017
 * clean-up of unregistered and "zombie" systems; tokens without an application still work.
 *
 * The same answer carries the application's request limits (domain/request-limits.ts), which
 * the rate-limit stage reads right after authentication from this cache: one registry call
 * serves both, and so does its document mode (ANY or PERSISTED_ONLY, gateway/persisted-documents/).
 */
import type { RequestLimits } from '../../domain/request-limits';
import type { PlatformClient } from '../signing/platform-client';
import type { DocumentMode } from '../persisted-documents/document-mode';
import type { ApplicationLookup } from './verify-token';

export const REGISTERED_APPLICATION_QUERY = `query RegisteredApplication($id: ID!) {
  application(id: $id) { department { code } status limits { requestsPerMinute burst concurrency } documentMode }
}`;

type Registered = Awaited<ReturnType<ApplicationLookup>>;

interface RegisteredApplicationData {
  application: {
    department: { code: string };
    status: 'ACTIVE' | 'SUSPENDED' | 'RETIRED';
    limits?: RequestLimits | null;
    documentMode?: DocumentMode | null;
  } | null;
}

interface Entry {
  readonly value: Registered;
  /** Null when the application is not registered (or the registry said nothing about limits). */
  readonly limits: RequestLimits | null;
  /** ANY when the registry said nothing (or the application is not registered). */
  readonly documentMode: DocumentMode;
  readonly until: number;
}

export class RegistryUnavailableError extends Error {
  constructor(override readonly cause: unknown) {
    super(
      `the application registry cannot be reached: ${cause instanceof Error ? cause.message : String(cause)}`,
    );
    this.name = 'RegistryUnavailableError';
  }
}

export interface RegistryLookupOptions {
  readonly client: Pick<PlatformClient, 'query'>;
  /**
   * How long an answer about a registered application is used; a function when it depends on
   * whether registry change notices arrive (registry-invalidation.ts). @default 30000
   */
  readonly ttlMs?: number | (() => number);
  /** How long "not registered" is remembered; short, so a newly registered system is let in soon. @default 5000 */
  readonly unknownTtlMs?: number;
  /** Applications remembered at most; the set is small (the city's inventory) but tokens are outside input. @default 10000 */
  readonly maxEntries?: number;
  /** Epoch milliseconds. @default Date.now */
  readonly now?: () => number;
}

export interface RegistryLookup {
  readonly lookup: ApplicationLookup;
  /** The application's request limits from the same cached answer; null for an unregistered one. Throws RegistryUnavailableError as lookup does. */
  limits(id: string): Promise<RequestLimits | null>;
  /** What the application may run (gateway/persisted-documents/), from the same cached answer. */
  documentMode(id: string): Promise<DocumentMode>;
  /** Forget everything, e.g. after a registry mutation passed through this gateway. */
  invalidate(): void;
  /** Forget one application, e.g. on a registry change notice. */
  forget(id: string): void;
}

export function createRegistryLookup(options: RegistryLookupOptions): RegistryLookup {
  const ttlOption = options.ttlMs ?? 30_000;
  const ttlMs = typeof ttlOption === 'function' ? ttlOption : () => ttlOption;
  const unknownTtlMs = options.unknownTtlMs ?? 5000;
  const maxEntries = options.maxEntries ?? 10_000;
  const now = options.now ?? Date.now;
  const cache = new Map<string, Entry>();
  const inFlight = new Map<string, Promise<Entry>>();
  // An answer fetched before an invalidation must not be stored after it.
  let generation = 0;

  const fetchApplication = async (id: string): Promise<Entry> => {
    const started = generation;
    let data: RegisteredApplicationData;
    try {
      data = await options.client.query<RegisteredApplicationData>(
        'sharing',
        REGISTERED_APPLICATION_QUERY,
        { id },
      );
    } catch (err) {
      throw new RegistryUnavailableError(err);
    }
    const value: Registered = data.application && {
      department: data.application.department.code,
      status: data.application.status,
    };
    const entry: Entry = {
      value,
      limits: data.application?.limits ?? null,
      documentMode: data.application?.documentMode === 'PERSISTED_ONLY' ? 'PERSISTED_ONLY' : 'ANY',
      until: now() + (value ? ttlMs() : unknownTtlMs),
    };
    if (started === generation) {
      if (cache.size >= maxEntries) cache.clear();
      cache.set(id, entry);
    }
    return entry;
  };

  const entry = (id: string): Entry | Promise<Entry> => {
    const cached = cache.get(id);
    if (cached && cached.until > now()) return cached;
    // Concurrent requests with the same application share one registry call.
    let pending = inFlight.get(id);
    if (!pending) {
      const fetching: Promise<Entry> = fetchApplication(id).finally(() => {
        // Not a newer fetch started after an invalidation.
        if (inFlight.get(id) === fetching) inFlight.delete(id);
      });
      pending = fetching;
      inFlight.set(id, pending);
    }
    return pending;
  };

  return {
    async lookup(id) {
      return (await entry(id)).value;
    },
    async limits(id) {
      return (await entry(id)).limits;
    },
    async documentMode(id) {
      return (await entry(id)).documentMode;
    },
    invalidate() {
      generation++;
      cache.clear();
      // A request from now on must not join a fetch that may have started before the change.
      inFlight.clear();
    },
    forget(id) {
      generation++;
      cache.delete(id);
      inFlight.delete(id);
    },
  };
}

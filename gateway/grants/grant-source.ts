/**
 * Where the sharing policy gets a department's grants, in tiers: the in-process cache (a Map
 * hit on nearly every request), then the copy shared by every gateway instance in Redis, then
 * the sharing subgraph itself. Three modes, logged when they change:
 *
 * - LOCAL (no `REDIS_URL`): one gateway, no notices. A snapshot is served for at most
 *   `localTtlMs` (≤ 1 s) from its load, so an approval or revocation shows within a second.
 *   A TTL rather than a per-request version check: checking the version is a round trip to the
 *   sharing subgraph too, and a 1 s TTL with background reload costs about one small query per
 *   second per department in use, whatever the request rate.
 * - REDIS: the sharing subgraph publishes every change; each instance drops that department's
 *   snapshot when the notice arrives (milliseconds), so snapshots may live long (`redisTtlMs`,
 *   a backstop against a notice the subgraph failed to publish).
 * - DEGRADED (Redis configured but unreachable): notices cannot arrive, so the cache falls back
 *   to `degradedTtlMs` (≤ 30 s) and the shared tier is skipped; requests are still served.
 *   When Redis answers again every cached snapshot is dropped, since notices were missed.
 *
 * If no tier can produce a snapshot the answer is UNAVAILABLE: the policy withholds conditional
 * fields with POLICY_UNAVAILABLE (fail closed).
 */
import { isDepartmentCode } from '../../domain/departments';
import { GrantCache, LoadedSnapshot } from './grant-cache';
import { GrantInvalidation, subscribeToGrantChanges } from './grant-invalidation';
import { withDeadline } from './redis-connection';
import { createRedisGrantStore, RedisGrantStore } from './redis-grant-store';
import type { GrantSnapshot } from '../policy/grant';

export type GrantSourceMode = 'LOCAL' | 'REDIS' | 'DEGRADED';

export interface GrantSourceOptions {
  /** Loads a department's grants from the sharing subgraph (the source of truth). */
  readonly fetchSnapshot: (department: string) => Promise<LoadedSnapshot>;
  /** Redis shared by the gateway instances and the sharing subgraph; null: LOCAL mode. */
  /** `secret`: the subgraph signing secret, from which the key that signs the Redis copies is derived. */
  readonly redis: {
    readonly url: string;
    readonly namespace: string | null;
    readonly secret: Buffer;
  } | null;
  /** Snapshot lifetime in LOCAL mode. */
  readonly localTtlMs: number;
  /** Snapshot lifetime (in process and in Redis) while notices arrive. */
  readonly redisTtlMs: number;
  /** Snapshot lifetime while Redis is unreachable. */
  readonly degradedTtlMs: number;
  /** Deadline for loading one snapshot from the sharing subgraph. */
  readonly loadTimeoutMs: number;
  /** How long to wait for Redis at start before serving degraded. @default 2000 */
  readonly connectWaitMs?: number;
  readonly log: (line: string) => void;
  /** @default Date.now */
  readonly now?: () => number;
}

export interface GrantSource {
  /** The department's grants: synchronously from the in-process cache when it holds them. */
  snapshotFor(department: string): GrantSnapshot | Promise<GrantSnapshot>;
  readonly mode: GrantSourceMode;
  /** How old the oldest snapshot held in process is, ms; null when none is held (for metrics). */
  oldestSnapshotAgeMs(): number | null;
  /** Connects to Redis (waiting at most connectWaitMs); LOCAL needs nothing. */
  start(): Promise<void>;
  close(): Promise<void>;
}

const seconds = (ms: number) => `${ms / 1000} s`;

export function createGrantSource(options: GrantSourceOptions): GrantSource {
  const { log, redis } = options;
  let mode: GrantSourceMode = redis ? 'DEGRADED' : 'LOCAL';
  let store: RedisGrantStore | null = null;
  let invalidation: GrantInvalidation | null = null;
  let everUp = false;

  const ttlMs = () =>
    mode === 'LOCAL'
      ? options.localTtlMs
      : mode === 'REDIS'
        ? options.redisTtlMs
        : options.degradedTtlMs;

  const cache = new GrantCache({
    now: options.now,
    ttlMs,
    onLoadError: (department, err) =>
      log(
        `[grants] could not load ${department}'s grants (conditional fields are withheld until they load): ${err instanceof Error ? err.message : String(err)}`,
      ),
    async load(department, minVersion) {
      const shared = mode === 'REDIS' && store ? await store.read(department) : null;
      if (shared && Number(shared.version) >= minVersion) return shared;
      const snapshot = await withDeadline(options.fetchSnapshot(department), options.loadTimeoutMs);
      if (mode === 'REDIS' && store) void store.write(snapshot, options.redisTtlMs);
      return snapshot;
    },
  });

  return {
    // Only registered departments hold grants: a citizen's token (department "citizen") holds
    // none, and no caller can grow the cache or reach the sharing subgraph with made-up codes.
    snapshotFor: (department) =>
      isDepartmentCode(department)
        ? cache.snapshotFor(department)
        : { status: 'LOADED', department, version: 'none', grants: [] },
    get mode() {
      return mode;
    },
    oldestSnapshotAgeMs: () => cache.oldestAgeMs(),
    async start() {
      if (!redis || invalidation) return;
      const where = redactedUrl(redis.url);
      store = createRedisGrantStore({
        url: redis.url,
        namespace: redis.namespace,
        secret: redis.secret,
        log,
      });
      invalidation = subscribeToGrantChanges({
        url: redis.url,
        namespace: redis.namespace,
        onChange: (department, version) => cache.invalidate(department, version),
        onUp: () => {
          const recovered = everUp;
          everUp = true;
          mode = 'REDIS';
          if (recovered) {
            cache.clear();
            log(
              `[grants] Redis at ${where} is back: change notices arrive again; cached grants dropped (notices may have been missed while it was away)`,
            );
          } else {
            log(
              `[grants] grants cached in process and in Redis at ${where}; changes arrive as notices`,
            );
          }
        },
        onDown: (reason) => {
          mode = 'DEGRADED';
          cache.shortenAll(options.degradedTtlMs);
          log(
            `[grants] DEGRADED: Redis at ${where} is unreachable (${reason}); serving grants from the in-process cache for at most ${seconds(options.degradedTtlMs)} each, so an approval or revocation may take that long to apply`,
          );
        },
        onMalformed: (message) =>
          log(`[grants] ignored a malformed change notice: ${message.slice(0, 200)}`),
      });
      const up = await invalidation.ready(options.connectWaitMs ?? 2000);
      if (!up) {
        log(
          `[grants] DEGRADED: Redis at ${where} does not answer; serving grants from the in-process cache for at most ${seconds(options.degradedTtlMs)} each until it does`,
        );
      }
    },
    async close() {
      await Promise.all([invalidation?.close(), store?.close()]);
      invalidation = null;
      store = null;
    },
  };
}

/** REDIS_URL may carry a password; logs are no place for it. */
function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'REDIS_URL';
  }
}

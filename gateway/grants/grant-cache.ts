/**
 * The gateway's in-process tier of grant snapshots, one per consuming department. The policy
 * needs the caller's department's grants on every request, so a hit must be a Map lookup and
 * nothing else: no await, no Redis round trip.
 *
 * Staleness is bounded, never open-ended: a snapshot is served for `ttlMs()` counted from the
 * moment its load *started*, so a grant revoked after that moment stops being honoured no later
 * than `ttlMs()` after the revocation. Past half its life a snapshot still in use is reloaded in
 * the background, so a department under steady load never waits for a load.
 *
 * A change notice (`invalidate`) drops the department's snapshot at once, and a load that was
 * in flight when it arrived is not trusted (it may have read the grants just before the change):
 * it is repeated. When grants cannot be loaded at all the answer is UNAVAILABLE, which the policy
 * treats as "no conditional data" (fail closed); for `failureBackoffMs` after a failure requests
 * get that answer at once instead of each waiting for another failing load.
 */
import type { GrantSnapshot } from '../policy/grant';

export type LoadedSnapshot = Extract<GrantSnapshot, { status: 'LOADED' }>;

export const UNAVAILABLE: GrantSnapshot = Object.freeze({ status: 'UNAVAILABLE' });

export interface GrantCacheOptions {
  /**
   * Loads a department's snapshot. `minVersion` is the highest version a change notice announced:
   * a shared copy older than that is stale (the sharing subgraph itself is always current).
   */
  load(department: string, minVersion: number): Promise<LoadedSnapshot>;
  /** How long a snapshot whose load starts now may be served; read per load (it changes as Redis comes and goes). */
  ttlMs(): number;
  /** @default 1000 */
  failureBackoffMs?: number;
  /** @default Date.now */
  now?: () => number;
  /** Told when a load fails; the caller logs it. */
  onLoadError?: (department: string, err: unknown) => void;
}

interface Entry {
  readonly snapshot: LoadedSnapshot;
  /** When its load started: the instant the snapshot is known to be current at. */
  readonly loadedAt: number;
  expiresAt: number;
}

/** Loads repeated because a change notice overtook them, before one is taken as it is. */
const MAX_OVERTAKEN = 3;

export class GrantCache {
  private readonly entries = new Map<string, Entry>();
  private readonly loading = new Map<string, Promise<GrantSnapshot>>();
  /** Raised by every notice; a load that saw it change under it is repeated. */
  private readonly generations = new Map<string, number>();
  private readonly floors = new Map<string, number>();
  private readonly failedUntil = new Map<string, number>();
  private readonly now: () => number;
  private readonly failureBackoffMs: number;

  constructor(private readonly options: GrantCacheOptions) {
    this.now = options.now ?? Date.now;
    this.failureBackoffMs = options.failureBackoffMs ?? 1000;
  }

  /** The department's grants: the cached snapshot when current (synchronously), else a load. */
  snapshotFor(department: string): GrantSnapshot | Promise<GrantSnapshot> {
    const now = this.now();
    const entry = this.entries.get(department);
    if (entry !== undefined && now < entry.expiresAt) {
      const due = now - entry.loadedAt > (entry.expiresAt - entry.loadedAt) / 2;
      if (
        due &&
        !this.loading.has(department) &&
        !(now < (this.failedUntil.get(department) ?? 0))
      ) {
        // Errors are reported through onLoadError; the current snapshot serves until it expires.
        void this.startLoad(department);
      }
      return entry.snapshot;
    }
    if (entry !== undefined) this.entries.delete(department);
    const pending = this.loading.get(department);
    if (pending) return pending;
    const failed = this.failedUntil.get(department);
    if (failed !== undefined && now < failed) return UNAVAILABLE;
    return this.startLoad(department);
  }

  /**
   * A change notice: the department's grants are now at `version`. Drops its snapshot unless it
   * is already that new, and makes any load in flight repeat.
   */
  invalidate(department: string, version: number): void {
    this.generations.set(department, (this.generations.get(department) ?? 0) + 1);
    this.floors.set(department, Math.max(this.floors.get(department) ?? 0, version));
    this.failedUntil.delete(department);
    const entry = this.entries.get(department);
    if (entry && Number(entry.snapshot.version) < version) this.entries.delete(department);
  }

  /** No snapshot may be served past `now + ttlMs` (Redis is gone, so notices no longer arrive). */
  shortenAll(ttlMs: number): void {
    const limit = this.now() + ttlMs;
    for (const entry of this.entries.values()) entry.expiresAt = Math.min(entry.expiresAt, limit);
  }

  /** Forgets every snapshot and makes loads in flight repeat (notices may have been missed). */
  clear(): void {
    for (const department of new Set([...this.entries.keys(), ...this.loading.keys()])) {
      this.generations.set(department, (this.generations.get(department) ?? 0) + 1);
    }
    this.entries.clear();
    this.failedUntil.clear();
  }

  /**
   * How long ago the oldest snapshot still served was loaded, in ms; null when none is. For the
   * metrics: with Redis away (DEGRADED) this is how late a revocation may yet apply.
   */
  oldestAgeMs(): number | null {
    const now = this.now();
    let oldest: number | null = null;
    for (const entry of this.entries.values())
      if (now < entry.expiresAt && (oldest === null || entry.loadedAt < oldest))
        oldest = entry.loadedAt;
    return oldest === null ? null : now - oldest;
  }

  /** Departments with a snapshot being served, and their versions: for logs and tests. */
  versions(): Record<string, string> {
    return Object.fromEntries([...this.entries].map(([d, e]) => [d, e.snapshot.version]));
  }

  private startLoad(department: string): Promise<GrantSnapshot> {
    const promise = this.load(department).finally(() => this.loading.delete(department));
    this.loading.set(department, promise);
    return promise;
  }

  private async load(department: string): Promise<GrantSnapshot> {
    for (let attempt = 0; ; attempt++) {
      const generation = this.generations.get(department) ?? 0;
      const startedAt = this.now();
      const ttl = this.options.ttlMs();
      let snapshot: LoadedSnapshot;
      try {
        snapshot = await this.options.load(department, this.floors.get(department) ?? 0);
        if (snapshot.department !== department)
          throw new Error(
            `the grant loader returned ${snapshot.department}'s grants for ${department}`,
          );
      } catch (err) {
        this.options.onLoadError?.(department, err);
        // A snapshot still current keeps serving; only once it has expired does the failure show.
        this.failedUntil.set(department, this.now() + this.failureBackoffMs);
        const entry = this.entries.get(department);
        return entry && this.now() < entry.expiresAt ? entry.snapshot : UNAVAILABLE;
      }
      const overtaken = (this.generations.get(department) ?? 0) !== generation;
      if (overtaken && attempt < MAX_OVERTAKEN) continue;
      this.failedUntil.delete(department);
      this.entries.set(department, { snapshot, loadedAt: startedAt, expiresAt: startedAt + ttl });
      return snapshot;
    }
  }
}

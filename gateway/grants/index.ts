/**
 * Grants for the sharing policy: each consuming department's grant snapshot, loaded from the
 * sharing subgraph (the source of truth) and cached in process and, with `REDIS_URL`, in Redis
 * shared by every gateway instance, where the sharing subgraph's change notices arrive.
 *
 *   grant-source.ts         the tiers and modes (LOCAL, REDIS, DEGRADED), and how long each may be stale
 *   grant-cache.ts          the in-process tier: a Map hit per request, bounded staleness, fail closed
 *   redis-grant-store.ts    the shared tier: version-gated copies with a TTL
 *   grant-invalidation.ts   the change-notice subscriber, and whether notices can arrive
 *   fetch-grant-snapshot.ts the sharing subgraph's grantsFor, through the signed platform client
 *   grants-readiness.ts     the grants' part of GET /health/ready
 */
export { createGrantSource } from './grant-source';
export type { GrantSource, GrantSourceMode, GrantSourceOptions } from './grant-source';
export { GrantCache, UNAVAILABLE } from './grant-cache';
export type { LoadedSnapshot } from './grant-cache';
export { grantSnapshotFetcher } from './fetch-grant-snapshot';
export { grantsReadiness } from './grants-readiness';

/**
 * The grants' part of GET /health/ready: can this instance decide conditional sharing? It asks
 * for the platform department's grants the way a request would, so while they are cached (the
 * usual case, a Map hit) the probe costs nothing; once they have expired it loads them. Ready
 * in every mode that can answer: LOCAL, REDIS, and DEGRADED (Redis away), whose snapshots serve
 * at most GRANTS_DEGRADED_TTL_MS. Not ready when no snapshot can be had (the sharing subgraph
 * unreachable past the cache's bound): such an instance would withhold every conditional field.
 */
import { PLATFORM_DEPARTMENT } from '../../domain/departments';
import type { ReadinessCheck } from '../http/readiness';
import type { GrantSource } from './grant-source';

export function grantsReadiness(grants: GrantSource): ReadinessCheck {
  return {
    name: 'grants',
    async check() {
      const snapshot = await grants.snapshotFor(PLATFORM_DEPARTMENT);
      const loaded = snapshot.status === 'LOADED';
      return {
        ok: loaded,
        detail: loaded ? { mode: grants.mode } : { mode: grants.mode, grants: 'cannot be loaded' },
      };
    },
  };
}

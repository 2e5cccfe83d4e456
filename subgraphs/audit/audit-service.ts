/**
 * The audit subgraph as a service: the module with its settings, field owners and HMAC key, and
 * the usage rollup on its interval beside it (usage-rollup-task.ts).
 */
import type { SubgraphDefinition } from '../kit/subgraph-service';
import { AuditReadSettings, readAuditReadSettings } from './audit-settings';
import { loadCoordinateOwners } from './coordinate-owners';
import { auditSubgraph, createAuditSubgraph } from './module';
import { subjectKeyFrom } from './subject-key';
import { startUsageRollup } from './usage-rollup-task';

export const auditService: SubgraphDefinition<AuditReadSettings> = {
  name: 'audit',
  module: auditSubgraph,
  readSettings: readAuditReadSettings,
  assemble(settings, { database, log }) {
    const owners = loadCoordinateOwners(settings.supergraphPath);
    const subjectKey = subjectKeyFrom(settings.hmacKeys, log);
    // Loaded now, so a missing or malformed key stops the service rather than its first query.
    subjectKey();
    const module = createAuditSubgraph({ settings, owners, subjectKey, log });
    // 0: only on demand, before a usage or statistics query (audit-settings.ts).
    const interval = settings.usageIntervalMs;
    const tasks =
      interval > 0
        ? [startUsageRollup({ database, intervalMs: interval, resourceOf: owners.resourceOf, log })]
        : [];
    return { module, tasks };
  },
};

/** A quota tree node from a compact description, for tests: entries keyed by response key. */
import type { QuotaEntry, QuotaNode } from '../quota-tree';

export function node(entries: Record<string, Partial<QuotaEntry>>): QuotaNode {
  return {
    entries: new Map(
      Object.entries(entries).map(([key, e]) => [
        key,
        {
          key,
          coordinate: e.coordinate ?? key,
          grantIds: e.grantIds ?? new Set(),
          mask: e.mask ?? null,
          children: e.children ?? null,
        },
      ]),
    ),
  };
}

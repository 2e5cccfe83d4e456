/**
 * Per-request batches of the inventory's figures: a page of applications asks for each system's
 * traffic, and the gateway resolves them as one _entities call, so one query per figure answers
 * the whole page (the number of queries does not grow with the number of systems).
 */
import DataLoader from 'dataloader';
import {
  distinctResources,
  lastAccess,
  monthlyRequests,
  SystemKey,
  systemKey,
} from './application-usage-store';
import type { AuditContext } from './context';
import type { MonthlyRequests } from './inventory-flags';
import { usageUpToDate } from './usage-rollup';

/** A system and the months asked about (the same for a whole page, but kept apart if not). */
interface MonthsKey extends SystemKey {
  readonly months: readonly string[];
}

export interface InventoryLoaders {
  readonly monthly: DataLoader<MonthsKey, MonthlyRequests[], string>;
  readonly resources: DataLoader<MonthsKey, number, string>;
  readonly last: DataLoader<SystemKey, string | null, string>;
}

const monthsKey = (k: MonthsKey) => `${k.months.join(',')}|${systemKey(k)}`;

/** Runs `load` once per distinct months list in the batch. */
function byMonths<V>(
  load: (systems: SystemKey[], months: readonly string[]) => Promise<Map<string, V>>,
) {
  return async (keys: readonly MonthsKey[]): Promise<V[]> => {
    const groups = new Map<string, MonthsKey[]>();
    for (const k of keys) {
      const g = k.months.join(',');
      groups.set(g, [...(groups.get(g) ?? []), k]);
    }
    const answers = new Map<string, V>();
    for (const group of groups.values()) {
      const found = await load(group, group[0].months);
      for (const k of group) answers.set(monthsKey(k), found.get(systemKey(k)) as V);
    }
    return keys.map((k) => answers.get(monthsKey(k)) as V);
  };
}

const loaders = new WeakMap<AuditContext, InventoryLoaders>();

export function inventoryLoaders(ctx: AuditContext): InventoryLoaders {
  let found = loaders.get(ctx);
  if (!found) {
    found = {
      monthly: new DataLoader(
        byMonths((systems, months) => monthlyRequests(ctx.db, systems, months)),
        { cacheKeyFn: monthsKey },
      ),
      resources: new DataLoader(
        byMonths((systems, months) =>
          distinctResources(ctx.db, systems, months, ctx.owners().resourceOf),
        ),
        { cacheKeyFn: monthsKey },
      ),
      last: new DataLoader(
        async (keys: readonly SystemKey[]) => {
          const found = await lastAccess(ctx.db, keys);
          return keys.map((k) => found.get(systemKey(k)) ?? null);
        },
        { cacheKeyFn: systemKey },
      ),
    };
    loaders.set(ctx, found);
  }
  return found;
}

const caughtUp = new WeakMap<AuditContext, Promise<boolean>>();

/** Brings the usage tables up to date once per request, however many systems it lists. */
export function usageCaughtUp(ctx: AuditContext): Promise<boolean> {
  let run = caughtUp.get(ctx);
  if (!run) {
    run = usageUpToDate(ctx.db, ctx.owners().resourceOf, ctx.usageBudgetMs, ctx.log);
    caughtUp.set(ctx, run);
  }
  return run;
}

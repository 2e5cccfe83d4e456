/**
 * The audit subgraph's part of Application (系统清查): its traffic, observed frequency and
 * inventory flags. The registry fields the flags need (department, declared frequency, needs
 * shared data, status, registration) come from the sharing subgraph through @requires, so the
 * gateway joins the two and neither subgraph reads the other's database. Only the system's own
 * department and the big data bureau see its traffic: a department's use of the platform is its
 * own and the bureau's business, as in the access log.
 */
import { badUserInput } from '../kit/user-input';
import { enforce, isPlatform, requireCaller } from './access-rules';
import { SystemKey } from './application-usage-store';
import { AuditContext } from './context';
import { inventoryLoaders, usageCaughtUp } from './inventory-loaders';
import { inventoryFlags, judgedMonths, monthsBetween, observedFrequency } from './inventory-flags';

/** An Application as the gateway sends it: its key and the @requires fields. */
interface ApplicationRef {
  id: string;
  department?: { code: string } | null;
  usageFrequency?: string;
  needsSharedData?: boolean;
  status?: string;
  registeredAt?: string;
}

/** At most three years of months per question: a bound on the sums one query computes. */
const MAX_MONTHS = 36;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

function systemOf(app: ApplicationRef, ctx: AuditContext): SystemKey {
  const caller = requireCaller(ctx.caller);
  const department = app.department?.code ?? '';
  enforce(
    isPlatform(caller) || caller.department === department
      ? null
      : `only ${department || 'its department'} or the big data bureau sees the traffic of application ${app.id}`,
  );
  return { department, application: app.id };
}

function monthsArg(from: string, to: string): string[] {
  for (const [name, value] of [
    ['from', from],
    ['to', to],
  ] as const)
    if (!MONTH.test(value)) throw badUserInput(name, 'a month, YYYY-MM', { problem: 'FORMAT' });
  if (from > to)
    throw badUserInput('to', `must not be before from (${from})`, { problem: 'RANGE' });
  const months = monthsBetween(from, to);
  if (months.length > MAX_MONTHS)
    throw badUserInput('to', `at most ${MAX_MONTHS} months`, { problem: 'RANGE' });
  return months;
}

export const inventoryResolvers = {
  Application: {
    __resolveReference: (ref: ApplicationRef) => ref,
    usage: async (app: ApplicationRef, args: { from: string; to: string }, ctx: AuditContext) => {
      const system = systemOf(app, ctx);
      const months = monthsArg(args.from, args.to);
      await usageCaughtUp(ctx);
      const load = inventoryLoaders(ctx);
      const [requestsByMonth, resources, last] = await Promise.all([
        load.monthly.load({ ...system, months }),
        load.resources.load({ ...system, months }),
        load.last.load(system),
      ]);
      return { requestsByMonth, distinctResources: resources, lastAccessAt: last };
    },
    observedFrequency: async (app: ApplicationRef, _: unknown, ctx: AuditContext) => {
      const system = systemOf(app, ctx);
      const months = judgedMonths(new Date().toISOString(), ctx.inventory);
      const rows = await inventoryLoaders(ctx).monthly.load({ ...system, months });
      return observedFrequency(rows, months);
    },
    inventoryFlags: async (app: ApplicationRef, _: unknown, ctx: AuditContext) => {
      const system = systemOf(app, ctx);
      const now = new Date().toISOString();
      const months = judgedMonths(now, ctx.inventory);
      const load = inventoryLoaders(ctx);
      const [rows, last] = await Promise.all([
        load.monthly.load({ ...system, months }),
        load.last.load(system),
      ]);
      const entry = {
        usageFrequency: app.usageFrequency ?? 'RARELY',
        needsSharedData: app.needsSharedData ?? false,
        status: app.status ?? 'ACTIVE',
        registeredAt: app.registeredAt ?? now,
      };
      return inventoryFlags(entry, rows, last, now, ctx.inventory);
    },
  },
};

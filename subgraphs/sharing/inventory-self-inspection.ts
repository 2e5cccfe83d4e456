/**
 * 自查 Self-inspection of the system inventory: once a year a department confirms each of its
 * systems' registry entries, correcting them if need be (the corrections go through the registry
 * like updateApplication, with its checks). Only the owning department or the big data bureau
 * confirms; the unconfirmed list follows the same rule as the registry listing (a department
 * its own, the bureau any or all).
 */
import DataLoader from 'dataloader';
import { isDepartmentCode } from '../../domain/departments';
import { badUserInput } from '../kit/user-input';
import { enforce, isPlatform, mayManageApplication, requireCaller } from './access-rules';
import type { UpdateApplicationInput } from './application-registry';
import { SharingContext } from './context';
import { notFound } from './sharing-input';
import { ApplicationRow } from './store';

const TABLE = 'application_inventory_confirmations';

interface ConfirmationRow {
  application_id: string;
  year: number;
  department: string;
  operator: string | null;
  corrected: boolean | number;
  confirmed_at: string;
}

/** Confirmations per request, one query per year asked about however many systems a page lists. */
const confirmationLoaders = new WeakMap<
  SharingContext,
  DataLoader<string, ConfirmationRow | null>
>();

function confirmations(ctx: SharingContext): DataLoader<string, ConfirmationRow | null> {
  let loader = confirmationLoaders.get(ctx);
  if (!loader) {
    loader = new DataLoader(async (keys: readonly string[]) => {
      const byYear = new Map<number, string[]>();
      for (const key of keys) {
        const [year, id] = JSON.parse(key) as [number, string];
        byYear.set(year, [...(byYear.get(year) ?? []), id]);
      }
      const found = new Map<string, ConfirmationRow>();
      for (const [year, ids] of byYear) {
        const rows = (await ctx
          .db(TABLE)
          .where('year', year)
          .whereIn('application_id', ids)) as ConfirmationRow[];
        for (const row of rows) found.set(JSON.stringify([year, row.application_id]), row);
      }
      return keys.map((key) => found.get(key) ?? null);
    });
    confirmationLoaders.set(ctx, loader);
  }
  return loader;
}

function checkYear(year: number): number {
  if (!Number.isInteger(year) || year < 2000 || year > 9999)
    throw badUserInput('year', `must be a year from 2000, got ${year}`, { problem: 'RANGE' });
  return year;
}

/** The department whose entries are listed: the caller's, or for the bureau the one named or all (null). */
function listedDepartment(
  ctx: SharingContext,
  department: string | null | undefined,
): string | null {
  const caller = requireCaller(ctx.caller);
  if (department != null && !isDepartmentCode(department))
    throw badUserInput('department', `"${department}" is not a registered department`, {
      problem: 'UNKNOWN',
    });
  if (isPlatform(caller)) return department ?? null;
  enforce(mayManageApplication(caller, department ?? caller.department));
  return caller.department;
}

export const selfInspectionQuery = {
  unconfirmedApplications: async (
    _: unknown,
    args: { year: number; department?: string | null },
    ctx: SharingContext,
  ): Promise<ApplicationRow[]> => {
    const year = checkYear(args.year);
    const department = listedDepartment(ctx, args.department);
    // Retired systems are cleaned up: nothing left to confirm.
    const q = ctx
      .db('applications')
      .whereNot('status', 'RETIRED')
      .whereNotExists(
        ctx
          .db(TABLE)
          .whereRaw(`${TABLE}.application_id = applications.id`)
          .where(`${TABLE}.year`, year),
      )
      .orderBy('id');
    if (department !== null) q.where('department', department);
    return (await q) as ApplicationRow[];
  },
};

export const selfInspectionMutation = {
  confirmApplicationInventory: async (
    _: unknown,
    args: { id: string; year: number; corrections?: UpdateApplicationInput | null },
    ctx: SharingContext,
  ): Promise<ApplicationRow> => {
    const caller = requireCaller(ctx.caller);
    const year = checkYear(args.year);
    const current = Number(ctx.today.slice(0, 4));
    if (year > current) throw badUserInput('year', `${year} has not begun`, { problem: 'RANGE' });
    const row = (await ctx.db('applications').where({ id: args.id }).first()) as
      ApplicationRow | undefined;
    if (!row) throw notFound('application', args.id);
    enforce(mayManageApplication(caller, row.department));
    const corrections = args.corrections ?? null;
    const corrected = corrections !== null && Object.keys(corrections).length > 0;
    const updated = corrected ? await ctx.registry.update(caller, args.id, corrections) : row;
    const values = {
      department: caller.department,
      operator: caller.operator ?? null,
      corrected,
      confirmed_at: new Date().toISOString(),
    };
    // A second confirmation in the same year replaces the first: the latest answer stands.
    await ctx
      .db(TABLE)
      .insert({ application_id: args.id, year, ...values })
      .onConflict(['application_id', 'year'])
      .merge(values);
    return updated;
  },
};

export const selfInspectionFields = {
  inventoryConfirmation: async (a: ApplicationRow, args: { year: number }, ctx: SharingContext) => {
    const caller = requireCaller(ctx.caller);
    const row = await confirmations(ctx).load(JSON.stringify([checkYear(args.year), a.id]));
    if (!row) return null;
    // Who in a department answered is that department's and the bureau's business.
    const own = mayManageApplication(caller, a.department) === null;
    return {
      year: row.year,
      confirmedBy: { code: row.department },
      operator: own ? row.operator : null,
      corrected: Boolean(row.corrected),
      confirmedAt: row.confirmed_at,
    };
  },
};

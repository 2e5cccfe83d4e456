/**
 * The supervisors' findings (subject quota exceedances, probing flags): row rules first
 * (supervision-rules.ts), then the records of the period, aggregated (quota-exceedances.ts,
 * probing-flags.ts).
 */
import type { GraphQLResolveInfo } from 'graphql';
import { departmentByCode } from '../../domain/departments';
import { PageArgs, pageRequest, toConnection } from '../kit/connection';
import { badUserInput } from '../kit/user-input';
import { requireCaller, forbidden } from './access-rules';
import { AuditContext } from './context';
import { ProbingFlag, probingFlags } from './probing-flags';
import { probeRecords, subjectsOfRecords } from './probing-store';
import {
  aggregateExceedances,
  exceedanceKey,
  QuotaExceedance,
  refusalRows,
} from './quota-exceedances';
import { supervisedOwner } from './supervision-rules';
import { dayRange, storedInstant } from './time-window';

const DAY_MS = 86_400_000;
const MAX_EXCEEDANCE_DAYS = 92;
const MAX_PROBING_MS = 31 * DAY_MS;

const departmentRef = (code: string | null) => (code && departmentByCode(code) ? { code } : null);
const applicationRef = (id: string | null) => (id ? { id } : null);
const isoOf = (stored: string) => new Date(`${stored.replace(' ', 'T')}Z`).toISOString();

function departmentArg(argument: string, value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (!departmentByCode(value))
    throw badUserInput(argument, `"${value}" is not a department code`, { problem: 'UNKNOWN' });
  return value;
}

/** 00:00 China time on `day` (+ days), stored form. */
function chinaMidnight(day: string, days = 0): string {
  return storedInstant(
    new Date(Date.parse(`${day}T00:00:00+08:00`) + days * DAY_MS).toISOString(),
  )!;
}

export const supervisionQuery = {
  subjectQuotaExceedances: async (
    _: unknown,
    args: PageArgs & { from: string; to: string; owner?: string | null; consumer?: string | null },
    ctx: AuditContext,
    info: GraphQLResolveInfo,
  ) => {
    const caller = requireCaller(ctx.caller);
    const decided = supervisedOwner(
      caller,
      departmentArg('owner', args.owner),
      'subject quota exceedances',
    );
    if (typeof decided === 'string') throw forbidden(decided);
    const days = dayRange(args.from, args.to);
    if (Date.parse(days.to) - Date.parse(days.from) >= MAX_EXCEEDANCE_DAYS * DAY_MS) {
      throw badUserInput('to', `at most ${MAX_EXCEEDANCE_DAYS} days at a time`, {
        problem: 'RANGE',
        max: MAX_EXCEEDANCE_DAYS,
      });
    }
    const page = pageRequest(args, ctx, { info });
    const rows = await refusalRows(
      ctx.db,
      { from: chinaMidnight(days.from), to: chinaMidnight(days.to, 1) },
      departmentArg('consumer', args.consumer),
    );
    const all = aggregateExceedances(rows, ctx.owners().ownerOf, decided.owner);
    const after = page.afterKey;
    const rest = after === null ? all : all.filter((e) => exceedanceKey(e) > after);
    return toConnection(rest.slice(0, page.limit + 1), page, exceedanceKey, async () => all.length);
  },

  probingFlags: async (
    _: unknown,
    args: {
      from?: string | null;
      to?: string | null;
      owner?: string | null;
      consumer?: string | null;
    },
    ctx: AuditContext,
  ) => {
    const caller = requireCaller(ctx.caller);
    const decided = supervisedOwner(caller, departmentArg('owner', args.owner), 'probing flags');
    if (typeof decided === 'string') throw forbidden(decided);
    const to = args.to ? Date.parse(args.to) : Date.now();
    const from = args.from ? Date.parse(args.from) : to - DAY_MS;
    if (from >= to) throw badUserInput('to', 'must be later than from', { problem: 'RANGE' });
    if (to - from > MAX_PROBING_MS)
      throw badUserInput('from', 'at most 31 days at a time', { problem: 'RANGE' });
    const rows = await probeRecords(
      ctx.db,
      {
        from: storedInstant(new Date(from).toISOString())!,
        to: storedInstant(new Date(to).toISOString())!,
      },
      departmentArg('consumer', args.consumer),
    );
    const subjects = await subjectsOfRecords(
      ctx.db,
      rows.map((r) => r.id),
    );
    return probingFlags(
      rows,
      (id) => subjects.get(id) ?? [],
      ctx.owners().ownerOf,
      ctx.probing,
      decided.owner,
    );
  },
};

export const supervisionTypes = {
  QuotaExceedance: {
    consumer: (e: QuotaExceedance) => departmentRef(e.department),
    consumerCode: (e: QuotaExceedance) => e.department,
    application: (e: QuotaExceedance) => applicationRef(e.application),
    owner: (e: QuotaExceedance) => departmentRef(e.owner),
    firstRefusal: (e: QuotaExceedance) => isoOf(e.firstTime),
    lastRefusal: (e: QuotaExceedance) => isoOf(e.lastTime),
  },
  ProbingFlag: {
    consumer: (f: ProbingFlag) => departmentRef(f.department),
    consumerCode: (f: ProbingFlag) => f.department,
    application: (f: ProbingFlag) => applicationRef(f.application),
    owners: (f: ProbingFlag) =>
      f.owners.map((code) => departmentRef(code)).filter((d) => d !== null),
  },
};

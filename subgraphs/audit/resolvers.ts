/**
 * The audit subgraph's resolvers: row rules first (access-rules.ts), then one keyset page per
 * query from the audit database. Departments and applications are returned as entity references
 * (the sharing subgraph resolves their names, batched by the gateway); documents are loaded per
 * request in one batch.
 */
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap';
import type { GraphQLResolveInfo } from 'graphql';
import { departmentByCode } from '../../domain/departments';
import { CITIZEN_DEPARTMENT } from '../../contracts/caller/caller-identity';
import { dbTime, isoTime } from '../../contracts/audit/audit-rows';
import { subjectHash } from '../../contracts/audit/keyed-hash';
import { PageArgs, pageRequest, toConnection } from '../kit/connection';
import { DateScalar, IdNumberScalar } from '../kit/scalars';
import { badUserInput, requireIdNumber } from '../kit/user-input';
import type { CallerIdentity } from '../../contracts/caller/caller-identity';
import {
  accessLogDepartment,
  enforce,
  forbidden,
  maySeeOperators,
  mayLookUpSubject,
  mayReadStatistics,
  ownedDataOwner,
  requireCaller,
} from './access-rules';
import { AccessLogRow, accessLogPage, countAccessLog } from './access-log-store';
import { AuditContext } from './context';
import { inventoryResolvers } from './inventory-resolvers';
import { DateTimeScalar } from './date-time-scalar';
import { selectsField } from '../kit/selects-field';
import { supervisionQuery, supervisionTypes } from './supervision-resolvers';
import { accessesToSubject, countSubjectAccesses, SubjectAccess } from './subject-store';
import { dayRange, instantRange, monthRange } from './time-window';
import { usageUpToDate } from './usage-rollup';
import {
  countOwnedUsage,
  ownedUsagePage,
  sharingStatistics,
  StatisticsRow,
  UsageKey,
  UsageRow,
} from './usage-store';

const list = (json: string): string[] => JSON.parse(json) as string[];
const departmentRef = (code: string | null) => (code && departmentByCode(code) ? { code } : null);
const applicationRef = (id: string | null) => (id ? { id } : null);
const outcome = (value: string) => value.toUpperCase();

/** A page key the connection wrote (JSON inside the opaque cursor); anything else is the caller's mistake. */
function keyOf(text: string, length: number): string[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = null;
  }
  if (
    !Array.isArray(value) ||
    value.length !== length ||
    !value.every((v) => typeof v === 'string')
  ) {
    throw badUserInput('after', 'not a cursor returned by this connection', { problem: 'CURSOR' });
  }
  return value as string[];
}

function timeKey(text: string): { time: string; id: string } {
  const [time, id] = keyOf(text, 2);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(time))
    throw badUserInput('after', 'not a cursor returned by this connection', { problem: 'CURSOR' });
  return { time, id };
}

/** A department code; where the consumer is meant, also `citizen` (citizens' own lookups). */
function departmentArg(
  argument: string,
  value: string | null | undefined,
  citizens = false,
): string | null {
  if (value === null || value === undefined) return null;
  if (!departmentByCode(value) && !(citizens && value === CITIZEN_DEPARTMENT))
    throw badUserInput(argument, `"${value}" is not a department code`, { problem: 'UNKNOWN' });
  return value;
}

const Query = {
  accessLog: async (
    _: unknown,
    args: PageArgs & {
      from?: string | null;
      to?: string | null;
      consumer?: string | null;
      application?: string | null;
    },
    ctx: AuditContext,
    info: GraphQLResolveInfo,
  ) => {
    const caller = requireCaller(ctx.caller);
    const decided = accessLogDepartment(caller, departmentArg('consumer', args.consumer, true));
    if (typeof decided === 'string') throw forbidden(decided);
    const filter = {
      department: decided.department,
      application: args.application ?? null,
      range: instantRange(args.from, args.to),
    };
    const page = pageRequest(args, ctx, { info });
    const before = page.afterKey ? timeKey(page.afterKey) : null;
    const rows = await accessLogPage(
      ctx.db,
      filter,
      page.limit + 1,
      before && { time: dbTime(before.time), id: before.id },
    );
    return toConnection(
      rows,
      page,
      (r) => JSON.stringify([isoTime(r.time), r.id]),
      () => countAccessLog(ctx.db, filter),
    );
  },

  accessesToOwnedData: async (
    _: unknown,
    args: PageArgs & { from: string; to: string; owner?: string | null; consumer?: string | null },
    ctx: AuditContext,
    info: GraphQLResolveInfo,
  ) => {
    const caller = requireCaller(ctx.caller);
    const decided = ownedDataOwner(caller, departmentArg('owner', args.owner));
    if (typeof decided === 'string') throw forbidden(decided);
    const days = dayRange(args.from, args.to);
    const page = pageRequest(args, ctx, { info });
    const afterKey = page.afterKey ? (keyOf(page.afterKey, 4) as unknown as UsageKey) : null;
    const owners = ctx.owners();
    const filter = {
      coordinates: decided.owner === null ? null : owners.ownedBy(decided.owner),
      days,
      consumer: departmentArg('consumer', args.consumer),
    };
    const upToDate = await usageUpToDate(ctx.db, owners.resourceOf, ctx.usageBudgetMs, ctx.log);
    const rows = await ownedUsagePage(ctx.db, filter, page.limit + 1, afterKey);
    const connection = toConnection(
      rows,
      page,
      (r) => JSON.stringify([r.coordinate, r.department, r.application, r.purpose]),
      () => countOwnedUsage(ctx.db, filter),
    );
    return { ...connection, upToDate };
  },

  sharingStatistics: async (
    _: unknown,
    args: { year: number; month?: number | null; department?: string | null },
    ctx: AuditContext,
  ) => {
    const caller = requireCaller(ctx.caller);
    enforce(mayReadStatistics(caller));
    const months = monthRange(args.year, args.month);
    const department = departmentArg('department', args.department, true);
    const upToDate = await usageUpToDate(
      ctx.db,
      ctx.owners().resourceOf,
      ctx.usageBudgetMs,
      ctx.log,
    );
    return {
      year: args.year,
      month: args.month ?? null,
      lines: await sharingStatistics(ctx.db, months, department),
      upToDate,
    };
  },

  whoAccessedMyData: async (
    _: unknown,
    args: PageArgs & { idNumber: string },
    ctx: AuditContext,
    info: GraphQLResolveInfo,
  ) => {
    const caller = requireCaller(ctx.caller);
    const idNumber = requireIdNumber('idNumber', args.idNumber);
    enforce(mayLookUpSubject(caller, idNumber));
    // The lookup is itself an access to the person's data: returning the person as `subject` is
    // what makes the gateway's audit record of it name them, so it shows in their own list.
    if (!selectsField(info, 'subject')) {
      throw badUserInput(
        'idNumber',
        "select subject { idNumber }: a lookup of who accessed a person's data is recorded with that person as its subject",
        { problem: 'SUBJECT_NOT_SELECTED' },
      );
    }
    const hash = subjectHash(ctx.subjectKey(), 'person', idNumber);
    const page = pageRequest(args, ctx, { info });
    const before = page.afterKey ? timeKey(page.afterKey) : null;
    const rows = await accessesToSubject(ctx.db, {
      subjectHash: hash,
      limit: page.limit + 1,
      before: before ? { time: before.time, recordId: before.id } : undefined,
    });
    const connection = toConnection(
      rows,
      page,
      (r) => JSON.stringify([r.time, r.recordId]),
      () => countSubjectAccesses(ctx.db, hash),
    );
    return { ...connection, subject: { idNumber } };
  },
};

const AccessRecord = {
  time: (r: AccessLogRow) => isoTime(r.time),
  department: (r: AccessLogRow) => departmentRef(r.department),
  departmentCode: (r: AccessLogRow) => r.department,
  application: (r: AccessLogRow) => applicationRef(r.application),
  operationName: (r: AccessLogRow) => r.operation_name,
  document: async (r: AccessLogRow, _: unknown, ctx: AuditContext) =>
    r.document_hash ? ((await ctx.documents.load(r.document_hash))?.text ?? null) : null,
  fieldsRequested: (r: AccessLogRow) => list(r.fields_requested),
  fieldsServed: (r: AccessLogRow) => list(r.fields_served),
  fieldsMasked: (r: AccessLogRow) => list(r.fields_masked),
  fieldsDenied: (r: AccessLogRow) =>
    JSON.parse(r.fields_denied) as { coordinate: string; reason: string }[],
  subgraphs: (r: AccessLogRow) => list(r.subgraphs),
  outcome: (r: AccessLogRow) => outcome(r.outcome),
  httpStatus: (r: AccessLogRow) => Number(r.http_status),
  errorCodes: (r: AccessLogRow) => list(r.error_codes),
  latencyMs: (r: AccessLogRow) => Number(r.latency_ms),
  caseNumber: (r: AccessLogRow) => r.case_number,
  itemCode: (r: AccessLogRow) => r.item_code,
  traceId: (r: AccessLogRow) => r.trace_id,
};

const DataUsage = {
  owner: (r: UsageRow, _: unknown, ctx: AuditContext) =>
    departmentRef(ctx.owners().ownerOf(r.coordinate)),
  consumer: (r: UsageRow) => departmentRef(r.department),
  consumerCode: (r: UsageRow) => r.department,
  application: (r: UsageRow) => applicationRef(r.application || null),
  purpose: (r: UsageRow) => r.purpose || null,
  firstAccess: (r: UsageRow) => isoTime(r.first_time),
  lastAccess: (r: UsageRow) => isoTime(r.last_time),
};

const SharingStatistic = {
  department: (r: StatisticsRow) => departmentRef(r.department),
  departmentCode: (r: StatisticsRow) => r.department,
  owner: (r: StatisticsRow) => departmentRef(r.owner || null),
  fieldsServed: (r: StatisticsRow) => r.served,
  fieldsMasked: (r: StatisticsRow) => r.masked,
  fieldsDenied: (r: StatisticsRow) => r.denied,
};

const PersonalDataAccess = {
  department: (a: SubjectAccess) => departmentRef(a.department),
  departmentCode: (a: SubjectAccess) => a.department,
  application: (a: SubjectAccess) => applicationRef(a.application),
  operator: (a: SubjectAccess, _: unknown, ctx: AuditContext) =>
    maySeeOperators(ctx.caller as CallerIdentity) ? a.operator : null,
  outcome: (a: SubjectAccess) => outcome(a.outcome),
  // Only a case the request was bound to (its item known): a number the caller merely named
  // served nothing under it, and must not look to the person like an access for a case. The
  // item is an entity reference: the gateway joins its name from the sharing subgraph.
  case: (a: SubjectAccess) =>
    a.caseNumber === null || a.itemCode === null
      ? null
      : { number: a.caseNumber, item: { code: a.itemCode } },
};

export const resolvers: GraphQLResolverMap<AuditContext> = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  IdNumber: IdNumberScalar,
  Query: { ...Query, ...supervisionQuery },
  AccessRecord,
  ...supervisionTypes,
  DataUsage,
  SharingStatistic,
  PersonalDataAccess,
  ...inventoryResolvers,
} as GraphQLResolverMap<AuditContext>;

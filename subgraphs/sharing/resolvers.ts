import { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap';
import type { GraphQLResolveInfo } from 'graphql';
import { DEPARTMENTS, DepartmentKind, departmentByCode, PURPOSES } from '../../domain/departments';
import { PageArgs, pageRequest, toConnection } from '../kit/connection';
import { DateScalar } from '../kit/scalars';
import { badUserInput } from '../kit/user-input';
import {
  enforce,
  isPlatform,
  mayListApplicationsOf,
  mayListGrants,
  mayListRequestsFor,
  mayReadGrantsOf,
  maySeeGrant,
  maySeeRequest,
  maySeeSharingApplication,
  requireCaller,
} from './access-rules';
import {
  selfInspectionFields,
  selfInspectionMutation,
  selfInspectionQuery,
} from './inventory-self-inspection';
import { RegisterApplicationInput, UpdateApplicationInput } from './application-registry';
import type { RequestLimitsInput } from './application-limits';
import { SharingContext } from './context';
import { DateTimeScalar } from './date-time-scalar';
import { readGrantSnapshot } from './grant-versions';
import { caseMutation, caseQuery, caseRecordResolvers } from './case-resolvers';
import { catalogueItemResolvers, catalogueQuery } from './catalogue-resolvers';
import {
  errorReportMutation,
  errorReportQuery,
  errorReportRecordResolvers,
} from './error-report-resolvers';
import { recordResolvers } from './record-resolvers';
import {
  applicationDocumentMode,
  persistedDocumentMutation,
  persistedDocumentQuery,
  persistedDocumentRecordResolvers,
} from './persisted-document-resolvers';
import { ApprovalInput, SharingApplicationInput } from './sharing-workflow';
import { ApplicationStatus, GrantStatus, RequestStatus } from './store';

const byId = (row: { id: string }) => row.id;

/** A department code argument: unknown codes are the caller's mistake, not an empty answer. */
function departmentArg(argument: string, code: string | null | undefined): string | null {
  if (code === null || code === undefined) return null;
  if (!departmentByCode(code))
    throw badUserInput(argument, `"${code}" is not a registered department`, {
      problem: 'UNKNOWN',
    });
  return code;
}

const Query = {
  departments: (_: unknown, args: { kind?: DepartmentKind | null }, ctx: SharingContext) => {
    requireCaller(ctx.caller);
    return args.kind ? DEPARTMENTS.filter((d) => d.kind === args.kind) : DEPARTMENTS;
  },
  department: (_: unknown, args: { code: string }, ctx: SharingContext) => {
    requireCaller(ctx.caller);
    return departmentByCode(args.code) ?? null;
  },
  usePurposes: (_: unknown, __: unknown, ctx: SharingContext) => {
    requireCaller(ctx.caller);
    return PURPOSES;
  },
  ...catalogueQuery,
  ...caseQuery,
  ...persistedDocumentQuery,
  ...errorReportQuery,
  ...selfInspectionQuery,

  application: (_: unknown, args: { id: string }, ctx: SharingContext) => {
    requireCaller(ctx.caller);
    return ctx.store.application.load(args.id);
  },
  applications: async (
    _: unknown,
    args: PageArgs & { department?: string | null; status?: ApplicationStatus | null },
    ctx: SharingContext,
    info: GraphQLResolveInfo,
  ) => {
    requireCaller(ctx.caller);
    const filter = {
      department: departmentArg('department', args.department),
      status: args.status ?? null,
    };
    const page = pageRequest(args, ctx, { info });
    return toConnection(await ctx.store.applications(filter, page), page, byId, () =>
      ctx.store.countApplications(filter),
    );
  },

  sharingApplication: async (_: unknown, args: { id: string }, ctx: SharingContext) => {
    const caller = requireCaller(ctx.caller);
    const row = await ctx.store.sharingApplication.load(args.id);
    if (!row) return null;
    const owners = (await ctx.store.requestsOf.load(row.id)).map((r) => r.owner);
    enforce(maySeeSharingApplication(caller, row.department, owners));
    return row;
  },
  sharingApplications: async (
    _: unknown,
    args: PageArgs & { department?: string | null },
    ctx: SharingContext,
    info: GraphQLResolveInfo,
  ) => {
    const caller = requireCaller(ctx.caller);
    const department =
      departmentArg('department', args.department) ??
      (isPlatform(caller) ? null : caller.department);
    if (department) enforce(mayListApplicationsOf(caller, department));
    const page = pageRequest(args, ctx, { info });
    return toConnection(await ctx.store.sharingApplications(department, page), page, byId, () =>
      ctx.store.countSharingApplications(department),
    );
  },

  sharingRequest: async (_: unknown, args: { id: string }, ctx: SharingContext) => {
    const caller = requireCaller(ctx.caller);
    const row = await ctx.store.request.load(args.id);
    if (row) enforce(maySeeRequest(caller, row));
    return row;
  },
  sharingRequests: async (
    _: unknown,
    args: PageArgs & {
      owner?: string | null;
      applicant?: string | null;
      status?: RequestStatus | null;
    },
    ctx: SharingContext,
    info: GraphQLResolveInfo,
  ) => {
    const caller = requireCaller(ctx.caller);
    let owner = departmentArg('owner', args.owner);
    const applicant = departmentArg('applicant', args.applicant);
    // A department that names no side of its own gets its queue as owner (e.g. one applicant's requests to it).
    if (!owner && applicant !== caller.department && !isPlatform(caller)) owner = caller.department;
    enforce(mayListRequestsFor(caller, { owner, applicant }));
    const filter = { owner, applicant, status: args.status ?? null };
    const page = pageRequest(args, ctx, { info });
    return toConnection(await ctx.store.requests(filter, page), page, byId, () =>
      ctx.store.countRequests(filter),
    );
  },
  overdueSharingRequests: async (
    _: unknown,
    args: PageArgs & { owner?: string | null },
    ctx: SharingContext,
    info: GraphQLResolveInfo,
  ) => {
    const caller = requireCaller(ctx.caller);
    const owner =
      departmentArg('owner', args.owner) ?? (isPlatform(caller) ? null : caller.department);
    enforce(mayListRequestsFor(caller, { owner, applicant: null }));
    const filter = { owner, applicant: null, status: null, overdueOn: ctx.today };
    const page = pageRequest(args, ctx, { info });
    return toConnection(await ctx.store.requests(filter, page), page, byId, () =>
      ctx.store.countRequests(filter),
    );
  },

  grant: async (_: unknown, args: { id: string }, ctx: SharingContext) => {
    const caller = requireCaller(ctx.caller);
    const row = await ctx.store.grant.load(args.id);
    if (row)
      enforce(maySeeGrant(caller, { department: row.department, grantedBy: row.granted_by }));
    return row;
  },
  grants: async (
    _: unknown,
    args: PageArgs & {
      department?: string | null;
      grantedBy?: string | null;
      status?: GrantStatus | null;
    },
    ctx: SharingContext,
    info: GraphQLResolveInfo,
  ) => {
    const caller = requireCaller(ctx.caller);
    let department = departmentArg('department', args.department);
    const grantedBy = departmentArg('grantedBy', args.grantedBy);
    if (!department && grantedBy !== caller.department && !isPlatform(caller))
      department = caller.department;
    enforce(mayListGrants(caller, { department, grantedBy }));
    const filter = { department, grantedBy, status: args.status ?? null };
    const page = pageRequest(args, ctx, { info });
    return toConnection(await ctx.store.grants(filter, page), page, byId, () =>
      ctx.store.countGrants(filter),
    );
  },
  grantsFor: async (_: unknown, args: { department: string }, ctx: SharingContext) => {
    const caller = requireCaller(ctx.caller);
    const department = departmentArg('department', args.department)!;
    enforce(mayReadGrantsOf(caller, department));
    const snapshot = await readGrantSnapshot(ctx.db, department, ctx.today);
    snapshot.grants.forEach((g) => ctx.store.grant.prime(g.id, g));
    return { department, version: snapshot.version, asOf: ctx.today, grants: snapshot.grants };
  },
};

const Mutation = {
  registerApplication: (
    _: unknown,
    args: { input: RegisterApplicationInput },
    ctx: SharingContext,
  ) => ctx.registry.register(requireCaller(ctx.caller), args.input),
  updateApplication: (
    _: unknown,
    args: { id: string; input: UpdateApplicationInput },
    ctx: SharingContext,
  ) => ctx.registry.update(requireCaller(ctx.caller), args.id, args.input),
  setApplicationStatus: (
    _: unknown,
    args: { id: string; status: ApplicationStatus; reason?: string | null },
    ctx: SharingContext,
  ) => ctx.registry.setStatus(requireCaller(ctx.caller), args.id, args.status, args.reason),
  setApplicationLimits: (
    _: unknown,
    args: { id: string; limits: RequestLimitsInput },
    ctx: SharingContext,
  ) => ctx.registry.setLimits(requireCaller(ctx.caller), args.id, args.limits),
  applyForSharing: (_: unknown, args: { input: SharingApplicationInput }, ctx: SharingContext) =>
    ctx.workflow.apply(requireCaller(ctx.caller), args.input),
  approveSharingRequest: (
    _: unknown,
    args: { id: string; input?: ApprovalInput | null },
    ctx: SharingContext,
  ) => ctx.workflow.approve(requireCaller(ctx.caller), args.id, args.input ?? {}),
  rejectSharingRequest: (_: unknown, args: { id: string; reason: string }, ctx: SharingContext) =>
    ctx.workflow.reject(requireCaller(ctx.caller), args.id, args.reason),
  revokeGrant: (_: unknown, args: { id: string; reason: string }, ctx: SharingContext) =>
    ctx.workflow.revoke(requireCaller(ctx.caller), args.id, args.reason),
  ...caseMutation,
  ...persistedDocumentMutation,
  ...errorReportMutation,
  ...selfInspectionMutation,
};

export const resolvers: GraphQLResolverMap<SharingContext> = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Query,
  Mutation,
  ...recordResolvers,
  ...catalogueItemResolvers,
  ...caseRecordResolvers,
  ...persistedDocumentRecordResolvers,
  ...errorReportRecordResolvers,
  Application: {
    ...recordResolvers.Application,
    ...applicationDocumentMode,
    ...selfInspectionFields,
  },
} as GraphQLResolverMap<SharingContext>;

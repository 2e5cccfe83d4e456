/**
 * Field resolvers of the sharing records: column names to GraphQL names, JSON lists parsed, and
 * the flags derived from today's date. Related records load through the request's DataLoaders.
 */
import { Department, departmentByCode } from '../../domain/departments';
import { SUBGRAPHS } from '../../contracts/subgraph-directory';
import { maySeeRequest, requireCaller } from './access-rules';
import { applicationLimits } from './application-limits';
import { SharingContext } from './context';
import {
  ApplicationRow,
  ApplicationStatus,
  GrantRow,
  jsonList,
  SharingApplicationRow,
  SharingRequestRow,
} from './store';

/** Codes in rows were checked when written; an unknown one (a department since removed) still resolves. */
function department(code: string): Department {
  return departmentByCode(code) ?? { code, name: code, nameEn: code, kind: 'CONSUMER' };
}

const application = (id: string | null, ctx: SharingContext) =>
  id ? ctx.store.application.load(id) : null;

async function visibleRequests(
  sa: SharingApplicationRow,
  ctx: SharingContext,
): Promise<SharingRequestRow[]> {
  const caller = requireCaller(ctx.caller);
  return (await ctx.store.requestsOf.load(sa.id)).filter((r) => maySeeRequest(caller, r) === null);
}

const isOverdue = (r: SharingRequestRow, today: string) =>
  r.status === 'PENDING' && today > r.due_on;

export const recordResolvers = {
  Department: {
    subgraphs: (d: Department) => SUBGRAPHS.filter((s) => s.owner === d.code).map((s) => s.name),
    applications: async (
      d: Department,
      args: { status?: ApplicationStatus | null },
      ctx: SharingContext,
    ) => {
      requireCaller(ctx.caller);
      const rows = await ctx.store.applicationsOf.load(d.code);
      return args.status ? rows.filter((r) => r.status === args.status) : rows;
    },
    __resolveReference: (ref: { code: string }) => departmentByCode(ref.code) ?? null,
  },
  Application: {
    department: (a: ApplicationRow) => department(a.department),
    function: (a: ApplicationRow) => a.function_text,
    scopeOfUse: (a: ApplicationRow) => a.scope_of_use,
    usageFrequency: (a: ApplicationRow) => a.usage_frequency,
    approvingDepartment: (a: ApplicationRow) => a.approving_department,
    approvalDate: (a: ApplicationRow) => a.approval_date,
    fundingSource: (a: ApplicationRow) => a.funding_source,
    needsSharedData: (a: ApplicationRow) => Boolean(a.needs_shared_data),
    statusReason: (a: ApplicationRow) => a.status_reason,
    registeredAt: (a: ApplicationRow) => a.registered_at,
    updatedAt: (a: ApplicationRow) => a.updated_at,
    limits: (a: ApplicationRow) => applicationLimits(a),
    __resolveReference: (ref: { id: string }, ctx: SharingContext) => {
      requireCaller(ctx.caller);
      return ctx.store.application.load(ref.id);
    },
  },
  SharingApplication: {
    department: (sa: SharingApplicationRow) => department(sa.department),
    application: (sa: SharingApplicationRow, _: unknown, ctx: SharingContext) =>
      application(sa.application_id, ctx),
    purposes: (sa: SharingApplicationRow) => jsonList(sa.purposes),
    clear: (sa: SharingApplicationRow) => Boolean(sa.clear),
    validUntil: (sa: SharingApplicationRow) => sa.requested_until,
    submittedBy: (sa: SharingApplicationRow) => sa.submitted_by,
    submittedAt: (sa: SharingApplicationRow) => sa.submitted_at,
    submittedOn: (sa: SharingApplicationRow) => sa.submitted_on,
    // Every request of an application is filed the same day with the same limit.
    dueOn: async (sa: SharingApplicationRow, _: unknown, ctx: SharingContext) =>
      (await ctx.store.requestsOf.load(sa.id)).map((r) => r.due_on).sort()[0],
    overdue: async (sa: SharingApplicationRow, _: unknown, ctx: SharingContext) =>
      (await visibleRequests(sa, ctx)).some((r) => isOverdue(r, ctx.today)),
    status: async (sa: SharingApplicationRow, _: unknown, ctx: SharingContext) => {
      const statuses = new Set((await visibleRequests(sa, ctx)).map((r) => r.status));
      if (statuses.has('PENDING')) return 'PENDING';
      if (statuses.size === 1) return [...statuses][0];
      return 'PARTIALLY_APPROVED';
    },
    requests: (sa: SharingApplicationRow, _: unknown, ctx: SharingContext) =>
      visibleRequests(sa, ctx),
  },
  SharingRequest: {
    sharingApplication: (r: SharingRequestRow, _: unknown, ctx: SharingContext) =>
      ctx.store.sharingApplication.load(r.sharing_application_id),
    applicant: (r: SharingRequestRow) => department(r.applicant),
    owner: (r: SharingRequestRow) => department(r.owner),
    items: (r: SharingRequestRow) => jsonList(r.items),
    purposes: async (r: SharingRequestRow, _: unknown, ctx: SharingContext) =>
      jsonList((await ctx.store.sharingApplication.load(r.sharing_application_id))!.purposes),
    clear: async (r: SharingRequestRow, _: unknown, ctx: SharingContext) =>
      Boolean((await ctx.store.sharingApplication.load(r.sharing_application_id))!.clear),
    dueOn: (r: SharingRequestRow) => r.due_on,
    overdue: (r: SharingRequestRow, _: unknown, ctx: SharingContext) => isOverdue(r, ctx.today),
    answeredLate: (r: SharingRequestRow) => r.decided_on !== null && r.decided_on > r.due_on,
    decidedAt: (r: SharingRequestRow) => r.decided_at,
    decidedBy: (r: SharingRequestRow) => r.decided_by,
    decisionReason: (r: SharingRequestRow) => r.decision_reason,
    grant: (r: SharingRequestRow, _: unknown, ctx: SharingContext) =>
      r.status === 'APPROVED' ? ctx.store.grantOfRequest.load(r.id) : null,
    subjectQuota: async (r: SharingRequestRow, _: unknown, ctx: SharingContext) => {
      if (r.status === 'PENDING') return ctx.workflow.defaultSubjectQuota;
      if (r.status !== 'APPROVED') return null;
      const grant = await ctx.store.grantOfRequest.load(r.id);
      return grant ? Number(grant.subject_quota) : null;
    },
  },
  Grant: {
    department: (g: GrantRow) => department(g.department),
    application: (g: GrantRow, _: unknown, ctx: SharingContext) =>
      application(g.application_id, ctx),
    coordinates: (g: GrantRow) => jsonList(g.coordinates),
    purposes: (g: GrantRow) => jsonList(g.purposes),
    validFrom: (g: GrantRow) => g.valid_from,
    validUntil: (g: GrantRow) => g.valid_until,
    clear: (g: GrantRow) => Boolean(g.clear),
    subjectQuota: (g: GrantRow) => Number(g.subject_quota),
    effective: (g: GrantRow, _: unknown, ctx: SharingContext) =>
      g.status === 'ACTIVE' &&
      g.valid_from <= ctx.today &&
      (g.valid_until === null || ctx.today <= g.valid_until),
    grantedBy: (g: GrantRow) => department(g.granted_by),
    grantedAt: (g: GrantRow) => g.granted_at,
    revokedAt: (g: GrantRow) => g.revoked_at,
    revokedBy: (g: GrantRow) => g.revoked_by,
    revokeReason: (g: GrantRow) => g.revoke_reason,
    sourceRequest: (g: GrantRow, _: unknown, ctx: SharingContext) =>
      g.source_request_id ? ctx.store.request.load(g.source_request_id) : null,
  },
  GrantSnapshot: {
    department: (s: { department: string }) => department(s.department),
  },
};

/**
 * Query, Mutation and record resolvers of data error reports (数据纠错) and the citizen's view of
 * corrections to their data. Row rules are in error-report-rules.ts: a report nobody may see
 * resolves to null, exactly as a missing one does.
 */
import type { GraphQLResolveInfo } from 'graphql';
import { CITIZEN_DEPARTMENT } from '../../contracts/caller/caller-identity';
import { departmentByCode } from '../../domain/departments';
import { selectsField } from '../kit/selects-field';
import { PageArgs, pageRequest, toConnection } from '../kit/connection';
import { badUserInput } from '../kit/user-input';
import { forbidden, requireCaller, unauthenticated } from './access-rules';
import { SharingContext } from './context';
import {
  answeredLate,
  citizenSubject,
  DataErrorReportInput,
  ErrorReportStatus,
  isOverdue,
  maySeeReport,
  reportScope,
} from './error-report-rules';
import { ErrorReportRow } from './error-report-store';

const byId = (row: { id: string }) => row.id;

/**
 * The asking is recorded with the subject only if the answer returns it: the gateway names in
 * the audit record the people and legal entities a response carries (subject-keys.ts). So a
 * report and its answer must return `subject`, or the subject's "who looked at my data" would
 * not list them.
 */
function requireSubjectSelected(info: GraphQLResolveInfo): void {
  if (!selectsField(info, 'subject'))
    throw badUserInput(
      'subject',
      'select subject (e.g. subject { __typename }): an error report is recorded with its subject',
      { problem: 'SUBJECT_NOT_SELECTED' },
    );
}

interface ReportsArgs extends PageArgs {
  status?: ErrorReportStatus | null;
  overdue?: boolean | null;
}

export const errorReportQuery = {
  dataErrorReport: async (_: unknown, args: { id: string }, ctx: SharingContext) => {
    const caller = requireCaller(ctx.caller);
    const row = await ctx.errorReports.store.byId.load(args.id);
    return row && maySeeReport(caller, row) ? row : null;
  },
  dataErrorReports: async (
    _: unknown,
    args: ReportsArgs,
    ctx: SharingContext,
    info: GraphQLResolveInfo,
  ) => {
    const caller = requireCaller(ctx.caller);
    const filter = {
      ...reportScope(caller),
      status: args.status ?? null,
      overdue: args.overdue ?? null,
      today: ctx.today,
    };
    // The scope is part of the cursor's binding: a cursor of one department's list opens no other's.
    const page = pageRequest(args, ctx, { info, scope: { department: filter.department } });
    const store = ctx.errorReports.store;
    return toConnection(await store.list(filter, page), page, byId, () => store.count(filter));
  },
  correctionsToMyData: async (
    _: unknown,
    args: PageArgs,
    ctx: SharingContext,
    info: GraphQLResolveInfo,
  ) => {
    if (!ctx.caller) throw unauthenticated();
    const id = ctx.caller.department === CITIZEN_DEPARTMENT ? citizenSubject(ctx.caller) : null;
    if (!id) throw forbidden("only a citizen's own token reads the corrections of its own data");
    const filter = {
      department: null,
      subject: { kind: 'PERSON' as const, id },
      status: 'CORRECTED' as const,
      overdue: null,
      today: ctx.today,
    };
    const page = pageRequest(args, ctx, { info, scope: { subject: id } });
    const store = ctx.errorReports.store;
    return toConnection(await store.list(filter, page), page, byId, () => store.count(filter));
  },
};

export const errorReportMutation = {
  reportDataError: (
    _: unknown,
    args: { input: DataErrorReportInput },
    ctx: SharingContext,
    info: GraphQLResolveInfo,
  ) => {
    const caller = requireCaller(ctx.caller);
    requireSubjectSelected(info);
    return ctx.errorReports.report(caller, args.input);
  },
  correctDataErrorReport: (
    _: unknown,
    args: { id: string; correction: string },
    ctx: SharingContext,
    info: GraphQLResolveInfo,
  ) => {
    const caller = requireCaller(ctx.caller);
    requireSubjectSelected(info);
    return ctx.errorReports.correct(caller, args.id, args.correction);
  },
  rejectDataErrorReport: (
    _: unknown,
    args: { id: string; reason: string },
    ctx: SharingContext,
    info: GraphQLResolveInfo,
  ) => {
    const caller = requireCaller(ctx.caller);
    requireSubjectSelected(info);
    return ctx.errorReports.reject(caller, args.id, args.reason);
  },
};

export const errorReportRecordResolvers = {
  DataSubject: {
    __resolveType: (subject: { __typename: string }) => subject.__typename,
  },
  DataErrorReport: {
    owner: (r: ErrorReportRow) => departmentByCode(r.owner),
    reporter: (r: ErrorReportRow) => departmentByCode(r.reporter),
    reportedBy: (r: ErrorReportRow) => r.reported_by,
    subjectKind: (r: ErrorReportRow) => r.subject_kind,
    subject: (r: ErrorReportRow) =>
      r.subject_kind === 'PERSON'
        ? { __typename: 'Person', idNumber: r.subject_id }
        : { __typename: 'LegalEntity', creditCode: r.subject_id },
    reportedAt: (r: ErrorReportRow) => r.reported_at,
    dueOn: (r: ErrorReportRow) => r.due_on,
    overdue: (r: ErrorReportRow, _: unknown, ctx: SharingContext) => isOverdue(r, ctx.today),
    answeredAt: (r: ErrorReportRow) => r.answered_at,
    answeredBy: (r: ErrorReportRow) => r.answered_by,
    answeredLate: (r: ErrorReportRow) => answeredLate(r),
    rejectReason: (r: ErrorReportRow) => r.reject_reason,
  },
  DataCorrection: {
    owner: (r: ErrorReportRow) => departmentByCode(r.owner),
    reportedAt: (r: ErrorReportRow) => r.reported_at,
    correctedAt: (r: ErrorReportRow) => r.answered_at,
  },
};

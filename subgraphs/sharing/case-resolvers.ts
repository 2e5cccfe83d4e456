/**
 * Query, Mutation and record resolvers of approval items and cases (办件). Row rules are in
 * case-rules.ts: a case nobody may see resolves to null, exactly as a missing one does.
 */
import type { GraphQLResolveInfo } from 'graphql';
import { ITEM_CODE_PATTERN } from '../../domain/case-number';
import { departmentByCode } from '../../domain/departments';
import { PageArgs, pageRequest, toConnection } from '../kit/connection';
import { badUserInput } from '../kit/user-input';
import { forbidden, isPlatform, requireCaller, unauthenticated } from './access-rules';
import { ApprovalItem, requireItem } from './approval-items';
import { maySeeCase, OpenCaseInput, requireCaseNumber } from './case-rules';
import { CaseRow, CaseStatus } from './case-store';
import { SharingContext } from './context';
import { recordResolvers } from './record-resolvers';
import { GrantRow, jsonList, SharingApplicationRow } from './store';

function requireItemCode(argument: string, code: string): string {
  if (!ITEM_CODE_PATTERN.test(code))
    throw badUserInput(
      argument,
      'an item code is two capital letters and four digits, e.g. ZF0101',
      {
        problem: 'FORMAT',
      },
    );
  return code;
}

const itemOf = (code: string | null | undefined, ctx: SharingContext) =>
  code ? (ctx.items.get(code) ?? null) : null;

interface CasesArgs extends PageArgs {
  status?: CaseStatus | null;
  overdue?: boolean | null;
  item?: string | null;
}

export const caseQuery = {
  approvalItems: (_: unknown, __: unknown, ctx: SharingContext) => {
    requireCaller(ctx.caller);
    return ctx.items.all;
  },
  approvalItem: (_: unknown, args: { code: string }, ctx: SharingContext) => {
    requireCaller(ctx.caller);
    return ctx.items.get(requireItemCode('code', args.code)) ?? null;
  },
  case: async (_: unknown, args: { number: string }, ctx: SharingContext) => {
    const caller = requireCaller(ctx.caller);
    const row = await ctx.cases.store.byNumber.load(requireCaseNumber(args.number));
    return row && maySeeCase(caller, row) ? row : null;
  },
  cases: async (_: unknown, args: CasesArgs, ctx: SharingContext, info: GraphQLResolveInfo) => {
    const caller = requireCaller(ctx.caller);
    if (!isPlatform(caller) && !caller.application)
      throw forbidden('cases are listed per application; your token names none');
    const item = args.item ? requireItem(ctx.items, 'item', args.item).code : null;
    const filter = {
      // The scope is part of the cursor's binding: a cursor of one application's list opens no other's.
      application: isPlatform(caller) ? null : caller.application,
      status: args.status ?? null,
      item,
      overdue: args.overdue ?? null,
      today: ctx.today,
    };
    const page = pageRequest(args, ctx, { info, scope: { application: filter.application } });
    const store = ctx.cases.store;
    return toConnection(
      await store.list(filter, page),
      page,
      (r) => r.number,
      () => store.count(filter),
    );
  },
};

export const caseMutation = {
  openCase: (_: unknown, args: { input: OpenCaseInput }, ctx: SharingContext) =>
    ctx.cases.open(requireCaller(ctx.caller), args.input),
  closeCase: (_: unknown, args: { number: string }, ctx: SharingContext) =>
    ctx.cases.close(requireCaller(ctx.caller), args.number),
};

export const caseRecordResolvers = {
  ApprovalItem: {
    department: (item: ApprovalItem) => departmentByCode(item.department),
    // The item list (事项清单) is public: any verified caller, a citizen reading who accessed their
    // data included (the audit subgraph names the item of each case-bound access).
    __resolveReference: (ref: { code: string }, ctx: SharingContext) => {
      if (!ctx.caller) throw unauthenticated();
      // A copy: the catalogue's items are frozen, and the subgraph library adds __typename.
      const item = ctx.items.get(ref.code);
      return item ? { ...item } : null;
    },
  },
  ApprovalCase: {
    item: (c: CaseRow, _: unknown, ctx: SharingContext) => itemOf(c.item_code, ctx),
    application: (c: CaseRow, _: unknown, ctx: SharingContext) =>
      ctx.store.application.load(c.application_id),
    applicants: (c: CaseRow) => ({
      idNumbers: jsonList(c.applicant_id_numbers),
      creditCodes: jsonList(c.applicant_credit_codes),
    }),
    consent: (c: CaseRow) => ({ scope: jsonList(c.consent_scope), signedAt: c.consent_signed_at }),
    openedAt: (c: CaseRow) => c.opened_at,
    closedAt: (c: CaseRow) => c.closed_at,
    closedBy: (c: CaseRow) => c.closed_by,
    dueOn: (c: CaseRow) => c.due_on,
    overdue: (c: CaseRow, _: unknown, ctx: SharingContext) =>
      c.status === 'OPEN' && ctx.today > c.due_on,
  },
  Grant: {
    ...recordResolvers.Grant,
    item: (g: GrantRow, _: unknown, ctx: SharingContext) => itemOf(g.item_code, ctx),
  },
  SharingApplication: {
    ...recordResolvers.SharingApplication,
    item: (sa: SharingApplicationRow, _: unknown, ctx: SharingContext) => itemOf(sa.item_code, ctx),
  },
};

import { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap';
import type { GraphQLResolveInfo } from 'graphql';
import { CreditCodeScalar, DateScalar, IdNumberScalar } from '../kit/scalars';
import { pageRequest, toConnection } from '../kit/connection';
import { requireCreditCode, requireRegionCode } from '../kit/user-input';
import { LegalEntityContext } from './context';
import { industrySectionName } from './industry-sections';
import { requireNameFragment } from './name-fragment';
import { EntityFilter, LegalEntityRow } from './store';

interface ListArgs {
  regionCode?: string | null;
  nameContains?: string | null;
  status?: string | null;
  first?: number | null;
  after?: string | null;
}

/** MariaDB returns DECIMAL columns as strings; GraphQL Float wants a number. */
function decimal(value: number | string | null): number | null {
  return value === null ? null : Number(value);
}

export const resolvers: GraphQLResolverMap<LegalEntityContext> = {
  CreditCode: CreditCodeScalar,
  IdNumber: IdNumberScalar,
  Date: DateScalar,
  Query: {
    legalEntity: (_: unknown, args: { creditCode: string }, ctx: LegalEntityContext) =>
      ctx.store.entity.load(requireCreditCode('creditCode', args.creditCode)),
    legalEntities: async (
      _: unknown,
      args: ListArgs,
      ctx: LegalEntityContext,
      info: GraphQLResolveInfo,
    ) => {
      const filter: EntityFilter = {
        regionCode:
          args.regionCode == null ? null : requireRegionCode('regionCode', args.regionCode),
        nameContains:
          args.nameContains == null ? null : requireNameFragment('nameContains', args.nameContains),
        status: args.status ?? null,
      };
      const page = pageRequest(args, ctx, { info });
      const rows = await ctx.store.list(filter, page);
      return toConnection(
        rows,
        page,
        (r) => r.credit_code,
        () => ctx.store.count(filter),
      );
    },
  },
  LegalEntity: {
    creditCode: (e: LegalEntityRow) => e.credit_code,
    entityType: (e: LegalEntityRow) => e.entity_type,
    statusChangedOn: (e: LegalEntityRow) => e.status_changed_on,
    registeredCapital: (e: LegalEntityRow) => decimal(e.registered_capital),
    paidInCapital: (e: LegalEntityRow) => decimal(e.paid_in_capital),
    employeeCount: (e: LegalEntityRow) => e.employee_count,
    establishedOn: (e: LegalEntityRow) => e.established_on,
    businessScope: (e: LegalEntityRow) => e.business_scope,
    industry: (e: LegalEntityRow) => ({
      sectionCode: e.industry_section,
      sectionName: industrySectionName(e.industry_section),
      trade: e.industry_trade,
    }),
    // A stub: the population subgraph resolves the person behind the number.
    legalRepresentative: (e: LegalEntityRow) => ({ idNumber: e.legal_rep_id_number }),
    legalRepresentativeName: (e: LegalEntityRow) => e.legal_rep_name,
    contactPhone: (e: LegalEntityRow) => e.contact_phone,
    regionCode: (e: LegalEntityRow) => e.region_code,
    townCode: (e: LegalEntityRow) => e.town_code,
    region: (e: LegalEntityRow) => ({ code: e.region_code }),
    riskClass: (e: LegalEntityRow) => e.risk_class,
    inspectionNote: (e: LegalEntityRow) => e.inspection_note,
    // An unknown or malformed code from another subgraph resolves to null rather than failing the batch.
    __resolveReference: (ref: { creditCode: string }, ctx: LegalEntityContext) =>
      ctx.store.entity.load(ref.creditCode),
  },
  Person: {
    enterprises: (p: { idNumber: string }, _: unknown, ctx: LegalEntityContext) =>
      ctx.store.represented.load(p.idNumber),
  },
};

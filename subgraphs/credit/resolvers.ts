import { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap';
import type { GraphQLResolveInfo } from 'graphql';
import { CreditCodeScalar, DateScalar, IdNumberScalar } from '../kit/scalars';
import { pageRequest, toConnection } from '../kit/connection';
import { requireCreditCode, requireRegionCode } from '../kit/user-input';
import { CreditContext } from './context';
import { MEASURE_SEPARATOR } from './credit-record-row';
import { creditStatusOf, isActiveListing, isActivePenalty } from './credit-status';
import { requireRecordId } from './record-id';
import { CreditRecordRow, ListFilter } from './store';

const TYPE_OF_KIND: Record<CreditRecordRow['kind'], string> = {
  LICENSING: 'LicensingRecord',
  PENALTY: 'PenaltyRecord',
  LIST_ENTRY: 'ListEntry',
};

const isEntity = (r: CreditRecordRow) => r.subject_kind === 'LEGAL_ENTITY';

/** The fields every CreditRecord shares, column to field. */
const recordFields = {
  subjectKind: (r: CreditRecordRow) => r.subject_kind,
  // Stubs: the owning subgraphs resolve the entity or person behind the key.
  legalEntity: (r: CreditRecordRow) => (isEntity(r) ? { creditCode: r.subject_key } : null),
  entityName: (r: CreditRecordRow) => (isEntity(r) ? r.subject_name : null),
  person: (r: CreditRecordRow) => (isEntity(r) ? null : { idNumber: r.subject_key }),
  personName: (r: CreditRecordRow) => (isEntity(r) ? null : r.subject_name),
  decidedOn: (r: CreditRecordRow) => r.decided_on,
  issuingAuthority: (r: CreditRecordRow) => r.issuing_authority,
  regionCode: (r: CreditRecordRow) => r.region_code,
};

async function statusOf(creditCode: string, ctx: CreditContext) {
  const records = await ctx.store.bySubject.load(creditCode);
  return { creditCode, ...creditStatusOf(records, ctx.today) };
}

interface ListArgs {
  listType: 'RED' | 'BLACK';
  regionCode?: string | null;
  includeRemoved?: boolean | null;
  first?: number | null;
  after?: string | null;
}

export const resolvers: GraphQLResolverMap<CreditContext> = {
  CreditCode: CreditCodeScalar,
  IdNumber: IdNumberScalar,
  Date: DateScalar,
  Query: {
    creditRecord: (_: unknown, args: { id: string }, ctx: CreditContext) =>
      ctx.store.record.load(requireRecordId('id', args.id)),
    creditStatus: (_: unknown, args: { creditCode: string }, ctx: CreditContext) =>
      statusOf(requireCreditCode('creditCode', args.creditCode), ctx),
    listEntries: async (
      _: unknown,
      args: ListArgs,
      ctx: CreditContext,
      info: GraphQLResolveInfo,
    ) => {
      const filter: ListFilter = {
        listType: args.listType,
        regionCode:
          args.regionCode == null ? null : requireRegionCode('regionCode', args.regionCode),
        activeOn: args.includeRemoved ? null : ctx.today,
      };
      const page = pageRequest(args, ctx, { info });
      const rows = await ctx.store.listEntries(filter, page);
      return toConnection(
        rows,
        page,
        (r) => r.id,
        () => ctx.store.countListEntries(filter),
      );
    },
  },
  CreditRecord: {
    __resolveType: (r: CreditRecordRow) => TYPE_OF_KIND[r.kind],
  },
  LicensingRecord: {
    ...recordFields,
    licenceName: (r: CreditRecordRow) => r.licence_name,
    licenceNumber: (r: CreditRecordRow) => r.licence_number,
    category: (r: CreditRecordRow) => r.licensing_category,
    validFrom: (r: CreditRecordRow) => r.valid_from,
    validTo: (r: CreditRecordRow) => r.valid_to,
  },
  PenaltyRecord: {
    ...recordFields,
    documentNumber: (r: CreditRecordRow) => r.document_number,
    legalBasis: (r: CreditRecordRow) => r.legal_basis,
    penaltyTypes: (r: CreditRecordRow) => (r.penalty_types ? r.penalty_types.split(',') : []),
    amount: (r: CreditRecordRow) => (r.amount === null ? null : Number(r.amount)),
    publicityEndsOn: (r: CreditRecordRow) => r.publicity_ends_on,
    active: (r: CreditRecordRow, _: unknown, ctx: CreditContext) => isActivePenalty(r, ctx.today),
    caseHandler: (r: CreditRecordRow) => r.case_handler,
  },
  ListEntry: {
    ...recordFields,
    listType: (r: CreditRecordRow) => r.list_type,
    listName: (r: CreditRecordRow) => r.list_name,
    listedOn: (r: CreditRecordRow) => r.decided_on,
    removedOn: (r: CreditRecordRow) => r.removed_on,
    listingAuthority: (r: CreditRecordRow) => r.issuing_authority,
    jointMeasures: (r: CreditRecordRow) =>
      r.joint_measures ? r.joint_measures.split(MEASURE_SEPARATOR) : [],
    active: (r: CreditRecordRow, _: unknown, ctx: CreditContext) => isActiveListing(r, ctx.today),
  },
  Person: {
    // Population owns people; a reference needs only the ID number to find its records.
    __resolveReference: (ref: { idNumber: string }) => ref,
    creditRecords: async (p: { idNumber: string }, _: unknown, ctx: CreditContext) =>
      (await ctx.store.bySubject.load(p.idNumber)).filter((r) => !isEntity(r)),
  },
  LegalEntity: {
    __resolveReference: (ref: { creditCode: string }) => ref,
    creditRecords: async (e: { creditCode: string }, _: unknown, ctx: CreditContext) =>
      (await ctx.store.bySubject.load(e.creditCode)).filter(isEntity),
    creditStatus: (e: { creditCode: string }, _: unknown, ctx: CreditContext) =>
      statusOf(e.creditCode, ctx),
  },
};

import { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap';
import type { GraphQLResolveInfo } from 'graphql';
import { DateScalar, IdNumberScalar } from '../kit/scalars';
import { pageRequest, toConnection } from '../kit/connection';
import { requireIdNumber, requireRegionCode } from '../kit/user-input';
import { PopulationContext } from './context';
import { HouseholdRow, PersonRow } from './store';

const person = {
  idNumber: (p: PersonRow) => p.id_number,
  birthDate: (p: PersonRow) => p.birth_date,
  ethnicityCode: (p: PersonRow) => p.ethnicity_code,
  householdRegionCode: (p: PersonRow) => p.region_code,
  householdRelation: (p: PersonRow) => p.household_relation,
  householdAddress: async (p: PersonRow, _: unknown, ctx: PopulationContext) =>
    (await ctx.store.household.load(p.household_number))?.address ?? '',
  household: (p: PersonRow, _: unknown, ctx: PopulationContext) =>
    ctx.store.household.load(p.household_number),
  // Federation hands us `{ idNumber }` from another subgraph; an unknown number resolves to null.
  __resolveReference: (ref: { idNumber: string }, ctx: PopulationContext) =>
    ctx.store.person.load(ref.idNumber),
};

export const resolvers: GraphQLResolverMap<PopulationContext> = {
  IdNumber: IdNumberScalar,
  Date: DateScalar,
  Query: {
    person: (_: unknown, args: { idNumber: string }, ctx: PopulationContext) =>
      ctx.store.person.load(requireIdNumber('idNumber', args.idNumber)),
    people: async (
      _: unknown,
      args: { regionCode: string; first?: number; after?: string },
      ctx: PopulationContext,
      info: GraphQLResolveInfo,
    ) => {
      const region = requireRegionCode('regionCode', args.regionCode);
      const page = pageRequest(args, ctx, { info });
      const rows = await ctx.store.peopleInRegion(region, page);
      return toConnection(
        rows,
        page,
        (r) => r.id_number,
        () => ctx.store.countInRegion(region),
      );
    },
    household: (_: unknown, args: { number: string }, ctx: PopulationContext) =>
      ctx.store.household.load(args.number),
  },
  Person: person,
  Household: {
    regionCode: (h: HouseholdRow) => h.region_code,
    townCode: (h: HouseholdRow) => h.town_code,
    members: (h: HouseholdRow, _: unknown, ctx: PopulationContext) =>
      ctx.store.members.load(h.number),
    __resolveReference: (ref: { number: string }, ctx: PopulationContext) =>
      ctx.store.household.load(ref.number),
  },
};

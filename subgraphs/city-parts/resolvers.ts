import { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap';
import type { GraphQLResolveInfo } from 'graphql';
import { regionByCode } from '../../domain/regions';
import { pageRequest, toConnection } from '../kit/connection';
import { NearbyArgs, requireNearbyRequest } from '../kit/nearby-request';
import { CreditCodeScalar, DateScalar } from '../kit/scalars';
import { requireCityPartCode } from './city-part-code';
import { CityPartsContext } from './context';
import { CityPartClass, subclassByCode } from './part-catalogue';
import { CityPartStatus } from './part-counts';
import { CityPartRow } from './store';

type Ctx = CityPartsContext;

interface CityPartsArgs {
  class?: CityPartClass | null;
  status?: CityPartStatus | null;
  first?: number | null;
  after?: string | null;
}

export const resolvers: GraphQLResolverMap<CityPartsContext> = {
  Date: DateScalar,
  CreditCode: CreditCodeScalar,
  Query: {
    cityPart: (_: unknown, args: { code: string }, ctx: Ctx) => {
      requireCityPartCode('code', args.code);
      return ctx.store.part.load(args.code);
    },
    cityPartsNear: async (_: unknown, args: NearbyArgs, ctx: Ctx) => {
      const found = await ctx.store.partsNear(requireNearbyRequest(args));
      return found.map((n) => ({
        part: n.row,
        distanceMeters: Math.round(n.distanceMeters * 100) / 100,
      }));
    },
  },
  CityPart: {
    subclass: (p: CityPartRow) => {
      const sub = subclassByCode(p.subclass_code);
      return {
        code: p.subclass_code,
        name: sub?.name ?? p.subclass_code,
        nameEn: sub?.nameEn ?? p.subclass_code,
      };
    },
    location: (p: CityPartRow) => ({ longitude: p.longitude, latitude: p.latitude }),
    region: (p: CityPartRow) => ({ code: p.town_code }),
    county: (p: CityPartRow) => ({ code: p.county_code }),
    custodian: (p: CityPartRow) => ({
      name: p.custodian_name,
      enterprise: p.custodian_credit_code ? { creditCode: p.custodian_credit_code } : null,
      dutyPhone: p.custodian_phone,
    }),
    installedOn: (p: CityPartRow) => p.installed_on,
    lastInspectedOn: (p: CityPartRow) => p.last_inspected_on,
    inspectionNote: (p: CityPartRow) => p.inspection_note,
    assetLedgerNumber: (p: CityPartRow) => p.asset_ledger_number,
    __resolveReference: (ref: { code: string }, ctx: Ctx) => ctx.store.part.load(ref.code),
  },
  // Region belongs to the spatial database; this one answers for the components in it.
  Region: {
    __resolveReference: (ref: { code: string }) =>
      regionByCode(ref.code) ? { code: ref.code } : null,
    cityParts: async (
      region: { code: string },
      args: CityPartsArgs,
      ctx: Ctx,
      info: GraphQLResolveInfo,
    ) => {
      // Bound to the region too: a cursor of one region's parts does not page another's.
      const page = pageRequest(args, ctx, { info, scope: { region: region.code } });
      const filter = {
        regionCode: region.code,
        class: args.class ?? null,
        status: args.status ?? null,
      };
      const rows = await ctx.store.regionPage.load({
        ...filter,
        limit: page.limit,
        afterKey: page.afterKey,
      });
      return toConnection(
        rows,
        page,
        (r) => r.code,
        () => ctx.store.regionCount.load(filter),
      );
    },
    cityPartCounts: (region: { code: string }, _: unknown, ctx: Ctx) =>
      ctx.store.classCounts.load(region.code),
  },
};

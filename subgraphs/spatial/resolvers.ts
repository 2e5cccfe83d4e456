import { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap';
import { CreditCodeScalar, IdNumberScalar } from '../kit/scalars';
import { requireNearbyRequest, NearbyArgs } from '../kit/nearby-request';
import { requireRegionCode } from '../kit/user-input';
import type { RegionLevel } from '../../domain/regions';
import { requireAddressCode } from './address-code';
import { SpatialContext } from './context';
import { AddressRow, RegionRow } from './store';

type Ctx = SpatialContext;

export const resolvers: GraphQLResolverMap<SpatialContext> = {
  IdNumber: IdNumberScalar,
  CreditCode: CreditCodeScalar,
  Query: {
    region: (_: unknown, args: { code: string }, ctx: Ctx) =>
      ctx.store.region.load(requireRegionCode('code', args.code)),
    regions: (_: unknown, args: { level?: RegionLevel | null }, ctx: Ctx) =>
      ctx.store.regions(args.level ?? null),
    address: (_: unknown, args: { code: string }, ctx: Ctx) =>
      ctx.store.address.load(requireAddressCode('code', args.code)),
    addressesNear: async (_: unknown, args: NearbyArgs, ctx: Ctx) => {
      const found = await ctx.store.addressesNear(requireNearbyRequest(args));
      return found.map((n) => ({
        address: n.row,
        distanceMeters: Math.round(n.distanceMeters * 100) / 100,
      }));
    },
  },
  Region: {
    nameEn: (r: RegionRow) => r.name_en,
    parent: (r: RegionRow, _: unknown, ctx: Ctx) =>
      r.parent_code ? ctx.store.region.load(r.parent_code) : null,
    children: (r: RegionRow, _: unknown, ctx: Ctx) => ctx.store.children.load(r.code),
    centroid: (r: RegionRow) => ({
      longitude: r.centroid_longitude,
      latitude: r.centroid_latitude,
    }),
    boundingBox: (r: RegionRow) => ({
      minLongitude: r.min_longitude,
      minLatitude: r.min_latitude,
      maxLongitude: r.max_longitude,
      maxLatitude: r.max_latitude,
    }),
    __resolveReference: (ref: { code: string }, ctx: Ctx) => ctx.store.region.load(ref.code),
  },
  Address: {
    fullText: (a: AddressRow) => a.full_text,
    houseNumber: (a: AddressRow) => a.house_number,
    region: (a: AddressRow, _: unknown, ctx: Ctx) => ctx.store.region.load(a.town_code),
    county: (a: AddressRow, _: unknown, ctx: Ctx) => ctx.store.region.load(a.county_code),
    location: (a: AddressRow) => ({ longitude: a.longitude, latitude: a.latitude }),
    cadastralParcelCode: (a: AddressRow) => a.cadastral_parcel_code,
    residents: async (a: AddressRow, _: unknown, ctx: Ctx) =>
      (await ctx.store.residents.load(a.code)).map((r) => ({ idNumber: r.id_number })),
    __resolveReference: (ref: { code: string }, ctx: Ctx) => ctx.store.address.load(ref.code),
  },
  // Person and LegalEntity belong to other departments: a reference is answered as given, and
  // only the fields this database contributes are resolved here.
  Person: {
    residence: (p: { idNumber: string }, _: unknown, ctx: Ctx) =>
      ctx.store.residence.load(p.idNumber),
    __resolveReference: (ref: { idNumber: string }) => ref,
  },
  LegalEntity: {
    registeredAddress: (e: { creditCode: string }, _: unknown, ctx: Ctx) =>
      ctx.store.registeredAddress.load(e.creditCode),
    __resolveReference: (ref: { creditCode: string }) => ref,
  },
};

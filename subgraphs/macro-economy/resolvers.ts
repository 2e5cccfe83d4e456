import { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap';
import { DateScalar } from '../kit/scalars';
import { MacroEconomyContext } from './context';
import {
  IndicatorRow,
  periodTypesOf,
  requireIndicatorCode,
  SeriesArgs,
  seriesRequest,
  toSeries,
} from './series-request';

export const resolvers: GraphQLResolverMap<MacroEconomyContext> = {
  Date: DateScalar,
  Query: {
    indicators: (_: unknown, __: unknown, ctx: MacroEconomyContext) => ctx.store.catalogue(),
    indicator: async (_: unknown, args: { code: string }, ctx: MacroEconomyContext) =>
      requireIndicatorCode('code', args.code, await ctx.store.catalogue()),
  },
  Indicator: {
    nameEn: (i: IndicatorRow) => i.name_en,
    unitEn: (i: IndicatorRow) => i.unit_en,
    periodTypes: (i: IndicatorRow) => periodTypesOf(i),
    valueKind: (i: IndicatorRow) => i.value_kind,
    // SQLite and MariaDB both hand booleans back as 0/1.
    cumulative: (i: IndicatorRow) => Boolean(i.cumulative),
  },
  Region: {
    // Spatial owns regions; this subgraph needs only the code to find its figures.
    __resolveReference: (ref: { code: string }) => ref,
    indicators: async (region: { code: string }, args: SeriesArgs, ctx: MacroEconomyContext) => {
      const request = seriesRequest(args, await ctx.store.catalogue());
      return toSeries(request, region.code, await ctx.store.observations(request, region.code));
    },
  },
};

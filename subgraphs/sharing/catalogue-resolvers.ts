/**
 * Query.catalogue: the resource catalogue (资源目录) as a connection in coordinate order. Any
 * authenticated department may read it: knowing what exists and on what condition is how a
 * department knows what to apply for. The catalogue guide's metadata are the entries' own
 * properties (contracts/catalogue/resource-catalogue.ts), so they resolve by default.
 */
import type { GraphQLResolveInfo } from 'graphql';
import { catalogueFilterProblem } from '../../contracts/catalogue/catalogue-filter';
import type { OpenAttribute } from '../../domain/catalogue/catalogue-vocabulary';
import type { SharingLevel } from '../../domain/catalogue/classification';
import { departmentByCode } from '../../domain/departments';
import { PageArgs, pageRequest, toConnection } from '../kit/connection';
import { badUserInput } from '../kit/user-input';
import { requireCaller } from './access-rules';
import { SharingContext } from './context';
import type { CatalogueItem } from './resource-catalogue';

interface CatalogueArgs extends PageArgs {
  owner?: string | null;
  level?: SharingLevel | null;
  resource?: string | null;
  openAttribute?: OpenAttribute | null;
  search?: string | null;
}

export const catalogueQuery = {
  catalogue: (_: unknown, args: CatalogueArgs, ctx: SharingContext, info: GraphQLResolveInfo) => {
    requireCaller(ctx.caller);
    const filter = {
      owner: args.owner,
      level: args.level,
      resource: args.resource,
      openAttribute: args.openAttribute,
      search: args.search,
    };
    const problem = catalogueFilterProblem(ctx.resources, filter);
    if (problem) {
      const { argument, message, ...extra } = problem;
      throw badUserInput(argument, message, extra);
    }
    const page = pageRequest(args, ctx, { info });
    const matching = ctx.resources.items(filter);
    const after = page.afterKey;
    const rest = after === null ? matching : matching.filter((i) => i.coordinate > after);
    return toConnection(
      rest.slice(0, page.limit + 1),
      page,
      (i) => i.coordinate,
      async () => matching.length,
    );
  },
};

export const catalogueItemResolvers = {
  CatalogueItem: {
    ownerDepartment: (item: CatalogueItem) =>
      departmentByCode(item.owner) ?? {
        code: item.owner,
        name: item.owner,
        nameEn: item.owner,
        kind: 'OWNER',
      },
  },
};

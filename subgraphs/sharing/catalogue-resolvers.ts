/**
 * Query.catalogue: the resource catalogue (资源目录) as a connection in coordinate order. Any
 * authenticated department may read it: knowing what exists and on what condition is how a
 * department knows what to apply for.
 */
import type { GraphQLResolveInfo } from 'graphql';
import { departmentByCode } from '../../domain/departments';
import type { SharingLevel } from '../../domain/catalogue/classification';
import { PageArgs, pageRequest, toConnection } from '../kit/connection';
import { badUserInput } from '../kit/user-input';
import { requireCaller } from './access-rules';
import { SharingContext } from './context';
import { CatalogueItem, MAX_SEARCH_LENGTH } from './resource-catalogue';

interface CatalogueArgs extends PageArgs {
  owner?: string | null;
  level?: SharingLevel | null;
  search?: string | null;
}

export const catalogueQuery = {
  catalogue: (_: unknown, args: CatalogueArgs, ctx: SharingContext, info: GraphQLResolveInfo) => {
    requireCaller(ctx.caller);
    if (args.owner && !departmentByCode(args.owner))
      throw badUserInput('owner', `"${args.owner}" is not a registered department`, {
        problem: 'UNKNOWN',
      });
    if (args.search && args.search.length > MAX_SEARCH_LENGTH) {
      throw badUserInput('search', `at most ${MAX_SEARCH_LENGTH} characters`, {
        problem: 'LENGTH',
        max: MAX_SEARCH_LENGTH,
      });
    }
    const page = pageRequest(args, ctx, { info });
    const matching = ctx.resources.items({
      owner: args.owner,
      level: args.level,
      search: args.search,
    });
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

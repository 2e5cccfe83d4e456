/** Reads a whole connection of the graph page by page, for the yearly report. */
import type { GraphQLCall } from './report-source';

const PAGE = 100;

interface Page<T> {
  nodes: T[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  upToDate?: boolean;
}

/**
 * Every node of one connection, page by page. The cursor is the graph's own, so a list that
 * grows while it is read is still read once in its order.
 */
export async function readAll<T>(
  call: GraphQLCall,
  query: string,
  field: string,
  variables: Record<string, unknown> = {},
): Promise<{ nodes: T[]; upToDate: boolean }> {
  const nodes: T[] = [];
  let upToDate = true;
  let after: string | null = null;
  for (;;) {
    const data = await call(query, { ...variables, first: PAGE, after });
    const page = data[field] as Page<T>;
    nodes.push(...page.nodes);
    if (page.upToDate === false) upToDate = false;
    if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return { nodes, upToDate };
    after = page.pageInfo.endCursor;
  }
}

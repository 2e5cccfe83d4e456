/**
 * Relay-style connections with keyset cursors: a page is "rows after this key", so deep pages
 * cost the same as the first and never skip or repeat rows when data is added meanwhile.
 * Cursors are sealed (cursor-codec.ts): opaque, tamper-evident and bound to the connection and
 * its filter, because a row key can be personal data (an ID number) and a hand-made key would
 * let a caller probe the order of keys it may not see.
 */
import type { GraphQLResolveInfo } from 'graphql';
import {
  connectionBinding,
  createCursorCodec,
  CursorCodec,
  processCursorCodec,
} from './cursor-codec';
import type { SubgraphContext } from './subgraph-module';
import { badUserInput } from './user-input';

/** Upper bound on `first`: a caller cannot pull a whole base database in one request. */
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

/** What a store needs to read a page: how many rows, after which key. */
export interface PageWindow {
  limit: number;
  afterKey: string | null;
}

export interface PageRequest extends PageWindow {
  /** The cursor of a row key in this connection, with this filter. */
  cursorOf(key: string): string;
}

/**
 * Where a connection is: the resolver's info names the field (`Query.people`), the arguments its
 * filter; `scope` adds what else selects the rows, e.g. the parent's key on a nested connection.
 */
export interface ConnectionSite {
  readonly info: Pick<GraphQLResolveInfo, 'parentType' | 'fieldName'>;
  readonly scope?: Readonly<Record<string, unknown>>;
}

function codecOf(ctx: SubgraphContext): CursorCodec {
  return ctx.cursors ?? processCursorCodec();
}

function bindingOf(args: PageArgs, site: ConnectionSite): string {
  const coordinate = `${site.info.parentType.name}.${site.info.fieldName}`;
  return connectionBinding(coordinate, {
    ...(args as Record<string, unknown>),
    ...(site.scope ? { '#scope': site.scope } : {}),
  });
}

export function pageRequest(
  args: PageArgs,
  ctx: SubgraphContext,
  site: ConnectionSite,
): PageRequest {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw badUserInput('first', `must be between 0 and ${MAX_PAGE_SIZE}, got ${first}`, {
      problem: 'RANGE',
      max: MAX_PAGE_SIZE,
    });
  }
  const codec = codecOf(ctx);
  const binding = bindingOf(args, site);
  let afterKey: string | null = null;
  if (args.after) {
    afterKey = codec.open(binding, args.after);
    // One answer for forged, altered, truncated and foreign cursors: which it was would tell a prober something.
    if (afterKey === null)
      throw badUserInput('after', 'not a cursor returned by this connection with these arguments', {
        problem: 'CURSOR',
      });
  }
  return { limit: first, afterKey, cursorOf: (key) => codec.seal(binding, key) };
}

export interface Connection<T> {
  nodes: T[];
  edges: { cursor: string; node: T }[];
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
  /** Resolved only when selected: counting a large table is not free. */
  totalCount: () => Promise<number>;
}

/**
 * Builds a connection from up to `limit + 1` rows fetched in key order: the extra row only
 * tells whether another page exists.
 */
export function toConnection<T>(
  rows: T[],
  page: PageRequest,
  keyOf: (row: T) => string,
  count: () => Promise<number>,
): Connection<T> {
  const hasNextPage = rows.length > page.limit;
  const nodes = hasNextPage ? rows.slice(0, page.limit) : rows;
  // Sealing a cursor is an HMAC and an AES-GCM encryption: only those asked for are made (a
  // page of fifty usually needs just its end cursor), each once.
  let edges: { cursor: string; node: T }[] | null = null;
  let endCursor: string | null | undefined;
  let counted: Promise<number> | null = null;
  return {
    nodes,
    get edges() {
      return (edges ??= nodes.map((node) => ({ cursor: page.cursorOf(keyOf(node)), node })));
    },
    pageInfo: {
      get endCursor() {
        if (endCursor === undefined)
          endCursor =
            edges?.at(-1)?.cursor ??
            (nodes.length ? page.cursorOf(keyOf(nodes[nodes.length - 1])) : null);
        return endCursor;
      },
      hasNextPage,
    },
    totalCount: () => (counted ??= count()),
  };
}

/**
 * The cursor `coordinate` returns for row `key` under `args` (its filter): for tools that start
 * a page at a known row (benchmarks, tests) and hold the deployment's signing secret.
 */
export function cursorFor(
  secret: Buffer,
  coordinate: string,
  args: Readonly<Record<string, unknown>>,
  key: string,
): string {
  return createCursorCodec(secret).seal(connectionBinding(coordinate, args), key);
}

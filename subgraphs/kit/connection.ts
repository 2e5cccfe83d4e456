/**
 * Relay-style connections with keyset cursors: a page is "rows after this key", so deep pages
 * cost the same as the first and never skip or repeat rows when data is added meanwhile.
 */
import { badUserInput } from './user-input';

/** Upper bound on `first`: a caller cannot pull a whole base database in one request. */
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

export interface PageRequest {
  limit: number;
  afterKey: string | null;
}

export function encodeCursor(key: string): string {
  return Buffer.from(`k:${key}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): string {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!text.startsWith('k:') || encodeCursor(text.slice(2)) !== cursor) {
    throw badUserInput('after', 'not a cursor returned by this connection', { problem: 'CURSOR' });
  }
  return text.slice(2);
}

export function pageRequest(args: PageArgs): PageRequest {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw badUserInput('first', `must be between 0 and ${MAX_PAGE_SIZE}, got ${first}`, { problem: 'RANGE', max: MAX_PAGE_SIZE });
  }
  return { limit: first, afterKey: args.after ? decodeCursor(args.after) : null };
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
export function toConnection<T>(rows: T[], limit: number, keyOf: (row: T) => string, count: () => Promise<number>): Connection<T> {
  const hasNextPage = rows.length > limit;
  const nodes = hasNextPage ? rows.slice(0, limit) : rows;
  const edges = nodes.map((node) => ({ cursor: encodeCursor(keyOf(node)), node }));
  let counted: Promise<number> | null = null;
  return {
    nodes,
    edges,
    pageInfo: { endCursor: edges.length ? edges[edges.length - 1].cursor : null, hasNextPage },
    totalCount: () => (counted ??= count()),
  };
}

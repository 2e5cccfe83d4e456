/**
 * DataLoader factories over knex: one `WHERE key IN (...)` per batch, so the number of queries a
 * request makes does not grow with the number of entities it resolves.
 *
 * Loaders are made per request, but their SQL is not (sql-templates.ts): knex compiles each
 * query shape once per IN-list size, and sizes are rounded up to a few steps by repeating the
 * last key (which changes no result), so a handful of prepared statements serve every batch.
 */
import DataLoader from 'dataloader';
import { Knex } from 'knex';
import { SqlTemplates } from './sql-templates';

/** Keys per IN list: well under MariaDB's and SQLite's parameter limits. */
const MAX_BATCH = 500;

/** The IN-list sizes a batch is padded to: a handful of statements serve every batch size. */
const IN_LIST_SIZES = [1, 2, 4, 8, 16, 32, 64, 128, 256, MAX_BATCH];

export type SelectRows = (q: Knex.QueryBuilder) => Knex.QueryBuilder;

/**
 * Every column. A `select` passed to the loaders should likewise be made once (at module level),
 * not per request: the compiled SQL is kept per select function and lives as long as it does.
 */
export const SELECT_ALL: SelectRows = (q) => q.select('*');

/** The compiled SQL of each select function's queries, kept as long as the function lives. */
const templatesBySelect = new WeakMap<SelectRows, SqlTemplates>();

function inListSize(keys: number): number {
  return IN_LIST_SIZES.find((size) => size >= keys) ?? keys;
}

/** The rows of one batch: the shape's statement for this many keys, with the keys bound. */
function selectBatch<Row>(
  db: Knex,
  select: SelectRows,
  shape: string,
  keys: readonly string[],
  build: (keys: readonly string[]) => Knex.QueryBuilder,
): Promise<Row[]> {
  let templates = templatesBySelect.get(select);
  if (!templates) templatesBySelect.set(select, (templates = new SqlTemplates()));
  const size = inListSize(keys.length);
  const last = keys[keys.length - 1];
  const padded = Array.from({ length: size }, (_, i) => (i < keys.length ? keys[i] : last));
  return templates.select<Row>(db, `${shape}\u0000${size}`, padded, build);
}

/** Loads at most one row per key. */
export function rowLoader<Row extends object>(
  db: Knex,
  table: string,
  keyColumn: string,
  select: SelectRows = SELECT_ALL,
): DataLoader<string, Row | null> {
  const shape = `row\u0000${table}\u0000${keyColumn}`;
  const build = (keys: readonly string[]) => select(db(table)).whereIn(keyColumn, [...keys]);
  return new DataLoader<string, Row | null>(
    async (keys) => {
      const rows = await selectBatch<Row>(db, select, shape, keys, build);
      const byKey = new Map(
        rows.map((r) => [String((r as Record<string, unknown>)[keyColumn]), r]),
      );
      return keys.map((k) => byKey.get(k) ?? null);
    },
    { maxBatchSize: MAX_BATCH },
  );
}

/** Loads all rows per key (children of a parent), ordered by `orderBy` within each key. */
export function groupLoader<Row extends object>(
  db: Knex,
  table: string,
  keyColumn: string,
  orderBy: string[],
  select: SelectRows = SELECT_ALL,
): DataLoader<string, Row[]> {
  const shape = `group\u0000${table}\u0000${keyColumn}\u0000${orderBy.join('\u0000')}`;
  const build = (keys: readonly string[]) =>
    select(db(table))
      .whereIn(keyColumn, [...keys])
      .orderBy([keyColumn, ...orderBy]);
  return new DataLoader<string, Row[]>(
    async (keys) => {
      const rows = await selectBatch<Row>(db, select, shape, keys, build);
      const byKey = new Map<string, Row[]>();
      for (const r of rows) {
        const k = String((r as Record<string, unknown>)[keyColumn]);
        let list = byKey.get(k);
        if (!list) byKey.set(k, (list = []));
        list.push(r);
      }
      return keys.map((k) => byKey.get(k) ?? []);
    },
    { maxBatchSize: MAX_BATCH },
  );
}

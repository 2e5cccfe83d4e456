/**
 * DataLoader factories over knex: one `WHERE key IN (...)` per batch, so the number of queries a
 * request makes does not grow with the number of entities it resolves.
 */
import DataLoader from 'dataloader';
import { Knex } from 'knex';

/** Keys per IN list: well under MariaDB's and SQLite's parameter limits. */
const MAX_BATCH = 500;

/** Loads at most one row per key. */
export function rowLoader<Row extends object>(
  db: Knex,
  table: string,
  keyColumn: string,
  select: (q: Knex.QueryBuilder) => Knex.QueryBuilder = (q) => q.select('*'),
): DataLoader<string, Row | null> {
  return new DataLoader<string, Row | null>(
    async (keys) => {
      const rows: Row[] = await select(db(table)).whereIn(keyColumn, keys as string[]);
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
  select: (q: Knex.QueryBuilder) => Knex.QueryBuilder = (q) => q.select('*'),
): DataLoader<string, Row[]> {
  return new DataLoader<string, Row[]>(
    async (keys) => {
      const rows: Row[] = await select(db(table))
        .whereIn(keyColumn, keys as string[])
        .orderBy([keyColumn, ...orderBy]);
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

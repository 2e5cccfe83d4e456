/**
 * Runs a SELECT whose SQL text was compiled once (by knex, so identifiers are quoted by the
 * dialect and every value is a bound parameter) and is now reused with new bindings.
 *
 * On SQLite the statement is prepared once per connection and kept: better-sqlite3 would
 * otherwise prepare it again on every query (about 4% of a subgraph's busy time, issue 13), and
 * knex's runner adds more than the query itself costs for a batch of fifty keys. On MariaDB the
 * text goes through knex.raw, so it keeps the text protocol and its value conversions; only the
 * query building is saved there.
 *
 * Either way the `query` event fires as knex's own runner fires it, so QueryCounter and any
 * other listener sees every statement.
 */
import { Knex } from 'knex';

/** Statements kept per SQLite connection; the least recently used one is dropped past this. */
export const MAX_PREPARED_STATEMENTS = 500;

/** The part of a better-sqlite3 Statement used here. */
interface SqliteStatement {
  readonly reader: boolean;
  all(bindings: readonly unknown[]): unknown[];
}

interface SqliteConnection {
  prepare(sql: string): SqliteStatement;
  readonly __knexUid?: string;
  readonly __knexTxId?: string;
}

/** The knex client methods this module relies on (public on the client object, untyped by knex). */
interface PoolClient {
  acquireConnection(): Promise<SqliteConnection>;
  releaseConnection(connection: SqliteConnection): unknown;
  emit(event: 'query', query: Record<string, unknown>): boolean;
  readonly driverName?: string;
}

const statements = new WeakMap<SqliteConnection, Map<string, SqliteStatement>>();

/** The connection's prepared statement for `sql`, kept in recency order for the bound above. */
function preparedOn(connection: SqliteConnection, sql: string): SqliteStatement {
  let cache = statements.get(connection);
  if (!cache) statements.set(connection, (cache = new Map()));
  let statement = cache.get(sql);
  if (statement) {
    cache.delete(sql);
  } else {
    statement = connection.prepare(sql);
    if (!statement.reader) throw new Error('preparedSelect runs only statements that return rows');
    if (cache.size >= MAX_PREPARED_STATEMENTS) cache.delete(cache.keys().next().value as string);
  }
  cache.set(sql, statement);
  return statement;
}

/** As knex's better-sqlite3 client binds values (dates as epoch milliseconds, booleans as 0/1). */
function sqliteBinding(value: unknown): unknown {
  if (value instanceof Date) return value.valueOf();
  if (typeof value === 'boolean') return Number(value);
  return value;
}

/** Whether `db` is a plain better-sqlite3 handle (a transaction holds its own connection: knex runs it). */
function isSqlite(db: Knex): boolean {
  return !db.isTransaction && (db.client as PoolClient).driverName === 'better-sqlite3';
}

/**
 * The rows of `sql` (a SELECT compiled by knex, `?` placeholders) with `bindings`. The SQL text
 * must come from a bounded set (the callers cache it per query shape), as each distinct text
 * may hold a prepared statement.
 */
export async function preparedSelect<Row>(
  db: Knex,
  sql: string,
  bindings: readonly unknown[],
): Promise<Row[]> {
  if (!isSqlite(db)) {
    const result: unknown = await db.raw(sql, bindings as Knex.RawBinding[]);
    // mysql2 answers [rows, fields]; other clients the rows.
    return (Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result) as Row[];
  }
  const client = db.client as PoolClient;
  const connection = await client.acquireConnection();
  try {
    const statement = preparedOn(connection, sql);
    const values = bindings.map(sqliteBinding);
    client.emit('query', {
      __knexUid: connection.__knexUid,
      __knexTxId: connection.__knexTxId,
      method: 'select',
      sql,
      bindings: values,
    });
    return statement.all(values) as Row[];
  } finally {
    client.releaseConnection(connection);
  }
}

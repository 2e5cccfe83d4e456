import { Knex } from 'knex';

/**
 * Runs `work` in a transaction of its own, or in the caller's when `db` already is one. A
 * migration runs in knex's transaction, and on MariaDB its DDL has committed that implicitly: a
 * savepoint opened after it has nothing to nest in.
 */
export async function inTransaction<T>(
  db: Knex,
  work: (trx: Knex.Transaction) => Promise<T>,
): Promise<T> {
  if (db.isTransaction) return work(db as Knex.Transaction);
  return db.transaction(work);
}

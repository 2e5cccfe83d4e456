/**
 * Adds a batch's summary (usage-summary.ts) to the usage tables: rows that exist are added to
 * in the same statement (an upsert in each dialect's syntax), so a batch costs a few INSERTs
 * however many periods and coordinates it touches.
 */
import { Knex } from 'knex';
import {
  USAGE_FIELDS_TABLE,
  USAGE_RESOURCES_TABLE,
} from '../../contracts/audit/audit-usage-migration';
import { isMysql } from '../../contracts/database/database';
import type { FieldUsageRow, ResourceUsageRow } from './usage-summary';

/** Rows per INSERT: under SQLite's 500-term compound select and both databases' parameter limits. */
const ROWS_PER_INSERT = 200;

/** Adds to an existing row: `col + <incoming col>` in the dialect's upsert syntax. */
function adder(db: Knex) {
  const mysql = isMysql(db);
  return {
    sum: (col: string) => db.raw(mysql ? `?? + VALUES(??)` : `?? + excluded.??`, [col, col]),
    min: (col: string) =>
      db.raw(mysql ? `LEAST(??, VALUES(??))` : `MIN(??, excluded.??)`, [col, col]),
    max: (col: string) =>
      db.raw(mysql ? `GREATEST(??, VALUES(??))` : `MAX(??, excluded.??)`, [col, col]),
  };
}

export async function addFieldUsage(
  trx: Knex.Transaction,
  rows: readonly FieldUsageRow[],
): Promise<void> {
  const add = adder(trx);
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    const chunk = rows.slice(i, i + ROWS_PER_INSERT).map((r) => ({
      key_hash: r.key,
      period: r.period,
      department: r.department,
      application: r.application,
      purpose: r.purpose,
      coordinate: r.coordinate,
      served: r.served,
      masked: r.masked,
      denied: r.denied,
      first_time: r.firstTime,
      last_time: r.lastTime,
    }));
    await trx(USAGE_FIELDS_TABLE)
      .insert(chunk)
      .onConflict(['period', 'coordinate', 'key_hash'])
      .merge({
        served: add.sum('served'),
        masked: add.sum('masked'),
        denied: add.sum('denied'),
        first_time: add.min('first_time'),
        last_time: add.max('last_time'),
      });
  }
}

export async function addResourceUsage(
  trx: Knex.Transaction,
  rows: readonly ResourceUsageRow[],
): Promise<void> {
  const add = adder(trx);
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    const chunk = rows.slice(i, i + ROWS_PER_INSERT).map((r) => ({
      key_hash: r.key,
      month: r.month,
      department: r.department,
      resource: r.resource,
      owner: r.owner,
      requests: r.requests,
      served: r.served,
      masked: r.masked,
      denied: r.denied,
    }));
    await trx(USAGE_RESOURCES_TABLE)
      .insert(chunk)
      .onConflict(['month', 'key_hash'])
      .merge({
        requests: add.sum('requests'),
        served: add.sum('served'),
        masked: add.sum('masked'),
        denied: add.sum('denied'),
      });
  }
}

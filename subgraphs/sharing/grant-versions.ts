/**
 * Each department's grant version: a counter raised in the same transaction as any change to
 * that department's grants, so the gateway can cache a department's grants and reload them only
 * when the version it is told about (or polls) differs from the one it holds.
 */
import { Knex } from 'knex';
import { GrantRow } from './store';

/** Raises the department's version by one (from 0 when it has none yet) and returns the new value. */
export async function bumpGrantVersion(trx: Knex.Transaction, department: string): Promise<number> {
  // An upsert, so two first grants for a department committing at once cannot collide on insert.
  await trx('grant_versions')
    .insert({ department, version: 1 })
    .onConflict('department')
    .merge({ version: trx.raw('?? + 1', ['grant_versions.version']) });
  const row = await trx('grant_versions').where({ department }).first('version');
  return Number(row.version);
}

export interface GrantSnapshotRows {
  version: number;
  grants: GrantRow[];
}

/**
 * The department's version and its grants in force or yet to start (active, not expired on
 * `today`), read in one transaction so the version describes exactly these grants. Expiry does
 * not raise the version: whoever caches the snapshot must still compare `validFrom` and
 * `validUntil` with its own clock.
 */
export async function readGrantSnapshot(db: Knex, department: string, today: string): Promise<GrantSnapshotRows> {
  return db.transaction(async (trx) => {
    const row = await trx('grant_versions').where({ department }).first('version');
    const grants: GrantRow[] = await trx('grants')
      .where({ department, status: 'ACTIVE' })
      .andWhere((q) => q.whereNull('valid_until').orWhere('valid_until', '>=', today))
      .orderBy('id')
      .select('*');
    return { version: row ? Number(row.version) : 0, grants };
  });
}

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
 * Grants that expired this many days ago or less stay in the snapshot, so the gateway can tell a
 * caller GRANT_EXPIRED (renew it) rather than NO_GRANT (apply); it judges expiry itself.
 */
export const RECENTLY_EXPIRED_DAYS = 30;

/**
 * The department's version and its active grants in force, yet to start, or expired within
 * RECENTLY_EXPIRED_DAYS of `today`, read in one transaction so the version describes exactly
 * these grants. Expiry does not raise the version: whoever caches the snapshot must still
 * compare `validFrom` and `validUntil` with its own clock.
 */
export async function readGrantSnapshot(
  db: Knex,
  department: string,
  today: string,
): Promise<GrantSnapshotRows> {
  const oldestKept = new Date(Date.parse(`${today}T00:00:00Z`) - RECENTLY_EXPIRED_DAYS * 86_400_000)
    .toISOString()
    .slice(0, 10);
  return db.transaction(async (trx) => {
    const row = await trx('grant_versions').where({ department }).first('version');
    const grants: GrantRow[] = await trx('grants')
      .where({ department, status: 'ACTIVE' })
      .andWhere((q) => q.whereNull('valid_until').orWhere('valid_until', '>=', oldestKept))
      .orderBy('id')
      .select('*');
    return { version: row ? Number(row.version) : 0, grants };
  });
}

/**
 * How far the usage rollup (usage-rollup.ts) has summarised each chain: one row per chain, moved
 * only from the value it was read at, so two instances catching up at once cannot both count a
 * batch (the second finds the cursor moved and reads on from the new position).
 */
import { Knex } from 'knex';
import { dbTime } from '../../contracts/audit/audit-rows';
import { USAGE_CURSOR_TABLE } from '../../contracts/audit/audit-usage-migration';

/** Another instance moved the cursor first: its transaction counted the batch, ours must not. */
export class CursorMoved extends Error {}

export async function readCursor(db: Knex, chain: string): Promise<number> {
  const row = (await db(USAGE_CURSOR_TABLE).where({ chain }).first('seq')) as
    { seq: number | string } | undefined;
  return row ? Number(row.seq) : 0;
}

export async function moveCursor(
  trx: Knex.Transaction,
  chain: string,
  from: number,
  to: number,
): Promise<void> {
  const updatedAt = dbTime(new Date().toISOString());
  if (from === 0) {
    if (await trx(USAGE_CURSOR_TABLE).where({ chain }).first('seq')) throw new CursorMoved();
    try {
      await trx(USAGE_CURSOR_TABLE).insert({ chain, seq: to, updated_at: updatedAt });
    } catch (err) {
      // Another instance inserted the chain's first cursor meanwhile (duplicate key).
      if (
        /dup|constraint|unique/i.test(
          `${(err as { code?: string }).code ?? ''} ${(err as Error).message}`,
        )
      )
        throw new CursorMoved();
      throw err;
    }
    return;
  }
  const moved = await trx(USAGE_CURSOR_TABLE)
    .where({ chain, seq: from })
    .update({ seq: to, updated_at: updatedAt });
  if (moved !== 1) throw new CursorMoved();
}

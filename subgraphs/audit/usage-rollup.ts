/**
 * Keeps the usage tables (audit_usage_fields, audit_usage_resources; see
 * contracts/audit/audit-usage-migration.ts) up to date with the records the gateway's shipper has
 * stored. Records are read per chain in seq order from a cursor; a chain has no gaps and is
 * shipped in order, so "seq above the cursor" is exactly what is new, found through the
 * (chain, seq) index however large the trail is.
 *
 * Each batch is summarised (usage-summary.ts) and added to the tables in the same transaction
 * that moves the cursor, with the cursor moved only from the value it was read at: two instances
 * of this subgraph catching up at once cannot both count a batch (the second finds the cursor
 * moved, rolls back and reads on from the new position).
 */
import { Knex } from 'knex';
import { dbTime, RECORDS_TABLE } from '../../contracts/audit/audit-rows';
import { isMysql } from '../../contracts/database/database';
import { CursorMoved, moveCursor, readCursor } from './usage-cursor';
import { addFieldUsage, addResourceUsage } from './usage-upserts';
import { RecordUsage, ResourceOf, summariseUsage } from './usage-summary';

/** Records per transaction. */
export const USAGE_BATCH_RECORDS = 2000;

export interface CatchUpResult {
  /** Records summarised by this run. */
  readonly records: number;
}

interface SourceRow {
  seq: number | string;
  time: string | Date;
  department: string | null;
  application: string | null;
  purpose: string | null;
  fields_served: string;
  fields_masked: string;
  fields_denied: string;
}

function storedTime(value: string | Date): string {
  return value instanceof Date ? dbTime(value.toISOString()) : value;
}

function usageOf(row: SourceRow): RecordUsage {
  return {
    time: storedTime(row.time),
    department: row.department,
    application: row.application,
    purpose: row.purpose,
    served: JSON.parse(row.fields_served) as string[],
    masked: JSON.parse(row.fields_masked) as string[],
    denied: (JSON.parse(row.fields_denied) as { coordinate: string }[]).map((d) => d.coordinate),
  };
}

async function nextChain(db: Knex, after: string | null): Promise<string | null> {
  const q = db(RECORDS_TABLE).select('chain').orderBy('chain');
  if (after !== null) q.where('chain', '>', after);
  const row = (await q.first()) as { chain: string } | undefined;
  return row ? row.chain : null;
}

/** Summarises one chain from its cursor to its newest stored record. */
async function catchUpChain(
  db: Knex,
  chain: string,
  resourceOf: ResourceOf,
  batch: number,
): Promise<number> {
  let cursor = await readCursor(db, chain);
  let done = 0;
  for (;;) {
    // A seq range, not "seq > cursor ORDER BY seq LIMIT n": on a partitioned table the latter
    // would sort the whole rest of the chain to return its first rows.
    const rows = (await db(RECORDS_TABLE)
      .where('chain', chain)
      .whereBetween('seq', [cursor + 1, cursor + batch])
      .orderBy('seq')
      .select(
        'seq',
        'time',
        'department',
        'application',
        'purpose',
        'fields_served',
        'fields_masked',
        'fields_denied',
      )) as SourceRow[];
    // Stop at a gap: a record not yet visible is summarised next time, never skipped.
    const usable: SourceRow[] = [];
    for (const row of rows) {
      if (Number(row.seq) !== cursor + usable.length + 1) break;
      usable.push(row);
    }
    if (usable.length === 0) return done;
    const to = cursor + usable.length;
    const summary = summariseUsage(usable.map(usageOf), resourceOf);
    try {
      await db.transaction(async (trx) => {
        await moveCursor(trx, chain, cursor, to);
        await addFieldUsage(trx, summary.fields);
        await addResourceUsage(trx, summary.resources);
      });
    } catch (err) {
      if (!(err instanceof CursorMoved)) throw err;
      cursor = await readCursor(db, chain);
      continue;
    }
    cursor = to;
    done += usable.length;
    if (usable.length < batch) return done;
  }
}

async function catchUpAll(db: Knex, resourceOf: ResourceOf, batch: number): Promise<CatchUpResult> {
  let records = 0;
  // One index seek per chain (one per gateway instance), rather than a DISTINCT over the table.
  for (let chain = await nextChain(db, null); chain !== null; chain = await nextChain(db, chain)) {
    records += await catchUpChain(db, chain, resourceOf, batch);
  }
  return { records };
}

const runningOn = new WeakMap<Knex, Promise<CatchUpResult>>();
const runningOnFile = new Map<string, Promise<CatchUpResult>>();

/**
 * One run per database in this process. SQLite is keyed by its file, not the connection: its
 * driver is synchronous, so a second connection waiting for the write lock would block the very
 * event loop the first needs to finish its transaction and release it.
 */
function sqliteFile(db: Knex): string | null {
  if (isMysql(db)) return null;
  const connection = db.client.config.connection as { filename?: string } | undefined;
  return connection?.filename ?? null;
}

/**
 * Brings the usage tables up to date with every record stored now. Concurrent calls on one
 * database share one run (within this process; across processes the cursor keeps them apart).
 */
export function catchUpUsage(
  db: Knex,
  resourceOf: ResourceOf,
  options: { batchRecords?: number } = {},
): Promise<CatchUpResult> {
  const file = sqliteFile(db);
  const current = file !== null ? runningOnFile.get(file) : runningOn.get(db);
  if (current) return current;
  const run = catchUpAll(db, resourceOf, options.batchRecords ?? USAGE_BATCH_RECORDS).finally(
    () => {
      if (file !== null) runningOnFile.delete(file);
      else runningOn.delete(db);
    },
  );
  if (file !== null) runningOnFile.set(file, run);
  else runningOn.set(db, run);
  return run;
}

/**
 * Catches up for at most `budgetMs`, for a query about to read the usage tables: true when up to
 * date, false when the run goes on in the background (its failure is then only logged).
 */
export async function usageUpToDate(
  db: Knex,
  resourceOf: ResourceOf,
  budgetMs: number,
  log: (line: string) => void,
): Promise<boolean> {
  const run = catchUpUsage(db, resourceOf);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), budgetMs);
  });
  try {
    const outcome = await Promise.race([run.then(() => true as const), late]);
    if (!outcome)
      run.catch((err: unknown) =>
        log(
          `[audit] summarising usage failed: ${err instanceof Error ? err.message : String(err)}`,
        ),
      );
    return outcome;
  } finally {
    clearTimeout(timer);
  }
}

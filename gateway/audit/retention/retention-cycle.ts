/**
 * Audit retention: every whole UTC month older than the retention is archived to a directory
 * (archive-writer.ts), the archive is read back and verified (archive-verifier.ts), and only
 * then is the month removed from the audit database (contracts/audit/audit-month-drop.ts).
 * The chain heads the month ends with are recorded in audit_archived_heads in the same step,
 * so the database verifier starts each chain where its archive ends.
 *
 * What stays: the audit_usage_* tables. They are summaries derived from the records (the
 * audit subgraph's usage and yearly reports read them), hold no personal data beyond counts,
 * and cannot be rebuilt once the records are gone; they are kept and never archived.
 *
 * Safety, in order of the steps:
 *  - the current and the previous month are never touched, whatever the setting: records of
 *    the previous month may still be on their way from a journal that was offline;
 *  - a month whose archive does not verify, or whose chains do not continue from the heads
 *    already archived (or the genesis hash), is not dropped, and no later month is looked at;
 *  - a month whose row count changed since it was archived is not dropped (late records);
 *  - every step can be repeated: a month with archived heads but rows left (a run that
 *    stopped mid-way) is finished from its verified archive, never re-archived from the
 *    partial rows; a month with nothing left only has its checkpoints and documents tidied.
 */
import { KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Knex } from 'knex';
import {
  ARCHIVED_HEADS_TABLE,
  ArchivedHeadRow,
} from '../../../contracts/audit/audit-archived-heads-migration';
import { dropAuditMonth, monthRange } from '../../../contracts/audit/audit-month-drop';
import { addMonths, monthStart } from '../../../contracts/audit/audit-partitions';
import {
  CHECKPOINTS_TABLE,
  DocumentRow,
  DOCUMENTS_TABLE,
  isoTime,
  RECORDS_TABLE,
} from '../../../contracts/audit/audit-rows';
import { publicKeyId } from '../../../contracts/audit/checkpoint';
import { GENESIS_HASH } from '../../../contracts/audit/record-chain';
import { archiveDirName, ArchiveManifest, fromJsonLines, monthLabel } from './archive-format';
import { verifyOneArchive } from './archive-verifier';
import { writeMonthArchive } from './archive-writer';

/** Never fewer: the current and the previous month always stay in the database. */
export const MIN_RETENTION_MONTHS = 1;

export interface RetentionOptions {
  /** Whole months kept before the current one. */
  readonly retentionMonths: number;
  readonly outDir: string;
  /** The keys the month's checkpoints must verify with before it is dropped. */
  readonly publicKeys: readonly KeyObject[];
  /** Report what would be archived; write and drop nothing. @default false */
  readonly dryRun?: boolean;
  readonly now?: Date;
  readonly log?: (line: string) => void;
}

export type MonthAction = 'archived' | 'finished' | 'tidied' | 'would-archive' | 'refused';

export interface MonthOutcome {
  readonly month: string;
  readonly action: MonthAction;
  readonly records: number;
  readonly dir: string;
  readonly reason?: string;
}

/** The first month that is kept: months before it are archived. */
export function retentionCutoff(now: Date, retentionMonths: number): Date {
  return addMonths(monthStart(now), -Math.max(MIN_RETENTION_MONTHS, Math.floor(retentionMonths)));
}

async function countMonth(db: Knex, month: Date): Promise<number> {
  const r = monthRange(month);
  const row = (await db(RECORDS_TABLE)
    .where('time', '>=', r.from)
    .where('time', '<', r.to)
    .count({ n: '*' })
    .first()) as { n: number | string };
  return Number(row.n);
}

async function headsOf(db: Knex, month: string): Promise<ArchivedHeadRow[]> {
  return (await db(ARCHIVED_HEADS_TABLE).where({ month })) as ArchivedHeadRow[];
}

/** Months (first days) holding records before `cutoff`, and months already archived, oldest first. */
async function candidateMonths(db: Knex, cutoff: Date): Promise<Date[]> {
  const months = new Map<string, Date>();
  const oldest = (await db(RECORDS_TABLE).min({ t: 'time' }).first()) as
    { t: string | Date | null } | undefined;
  if (oldest?.t) {
    for (let m = monthStart(new Date(isoTime(oldest.t))); m < cutoff; m = addMonths(m, 1))
      months.set(monthLabel(m), m);
  }
  for (const { month } of (await db(ARCHIVED_HEADS_TABLE).distinct('month')) as {
    month: string;
  }[])
    months.set(month, new Date(`${month}-01T00:00:00Z`));
  return [...months.values()].sort((a, b) => a.getTime() - b.getTime());
}

/** Each chain must continue from the genesis hash or from the head archived before this month. */
async function anchorProblems(db: Knex, manifest: ArchiveManifest): Promise<string[]> {
  const problems: string[] = [];
  for (const c of manifest.chains) {
    if (c.firstSeq === 1 && c.anchorHash === GENESIS_HASH) continue;
    const head = (await db(ARCHIVED_HEADS_TABLE)
      .where({ chain: c.chain, seq: c.firstSeq - 1 })
      .first()) as ArchivedHeadRow | undefined;
    if (!head || head.hash !== c.anchorHash || head.month >= manifest.month)
      problems.push(
        `chain ${c.chain} starts at seq ${c.firstSeq} in ${manifest.month}, but no archived month ends at seq ${c.firstSeq - 1} with hash ${c.anchorHash.slice(0, 12)}…: older records are missing or still in the database`,
      );
  }
  return problems;
}

function verifyArchiveDir(dir: string, keys: readonly KeyObject[]): string[] {
  const problems: string[] = [];
  const map = new Map(keys.map((k) => [publicKeyId(k), k]));
  try {
    verifyOneArchive(dir, map, (chain, message) =>
      problems.push(chain ? `chain ${chain}: ${message}` : message),
    );
  } catch (err) {
    problems.push(`cannot be read: ${(err as Error).message}`);
  }
  return problems;
}

/** Removes checkpoints the archive holds and documents no remaining record references. */
async function tidy(db: Knex, dir: string, heads: readonly ArchivedHeadRow[]): Promise<void> {
  // Documents first, checkpoints last: checkpoints left over mean this step has not finished.
  const file = path.join(dir, 'documents.jsonl');
  const hashes = fs.existsSync(file)
    ? fromJsonLines<DocumentRow>(fs.readFileSync(file, 'utf8'), file).map((d) => d.hash)
    : [];
  for (let i = 0; i < hashes.length; i += 500) {
    const chunk = hashes.slice(i, i + 500);
    // Documents are shared across months: keep every one a remaining record still points to.
    const used = new Set(
      (
        (await db(RECORDS_TABLE).distinct('document_hash').whereIn('document_hash', chunk)) as {
          document_hash: string;
        }[]
      ).map((r) => r.document_hash),
    );
    const unused = chunk.filter((h) => !used.has(h));
    if (unused.length) await db(DOCUMENTS_TABLE).whereIn('hash', unused).del();
  }
  for (const h of heads)
    await db(CHECKPOINTS_TABLE).where({ chain: h.chain }).where('seq', '<=', h.seq).del();
}

async function untidy(db: Knex, heads: readonly ArchivedHeadRow[]): Promise<boolean> {
  for (const h of heads) {
    const left = await db(CHECKPOINTS_TABLE)
      .where({ chain: h.chain })
      .where('seq', '<=', h.seq)
      .first('seq');
    if (left) return true;
  }
  return false;
}

async function dropMonth(
  db: Knex,
  month: Date,
  dir: string,
  heads: readonly ArchivedHeadRow[],
): Promise<void> {
  await dropAuditMonth(db, month);
  await tidy(db, dir, heads);
}

export async function runRetention(db: Knex, options: RetentionOptions): Promise<MonthOutcome[]> {
  const now = options.now ?? new Date();
  const log = options.log ?? (() => {});
  const cutoff = retentionCutoff(now, options.retentionMonths);
  const outcomes: MonthOutcome[] = [];
  for (const month of await candidateMonths(db, cutoff)) {
    const label = monthLabel(month);
    const dir = path.join(options.outDir, archiveDirName(label));
    const records = await countMonth(db, month);
    const heads = await headsOf(db, label);
    const done = (action: MonthAction, reason?: string) => {
      outcomes.push({ month: label, action, records, dir, reason });
      log(`${label}: ${action}${reason ? ` — ${reason}` : ''} (${records} records, ${dir})`);
    };

    if (heads.length > 0) {
      // Archived and verified before: finish what a stopped run left, from the archive on disk.
      if (records === 0) {
        // Nothing to do for a month finished before: re-running is a no-op.
        if (!(await untidy(db, heads))) continue;
        if (!options.dryRun) await tidy(db, dir, heads);
        done('tidied');
        continue;
      }
      const problems = fs.existsSync(dir)
        ? verifyArchiveDir(dir, options.publicKeys)
        : [`its archive ${dir} is missing`];
      if (problems.length === 0 && options.dryRun) {
        done('would-archive');
        continue;
      }
      if (problems.length > 0) {
        done('refused', problems.join('; '));
        break;
      }
      await dropMonth(db, month, dir, heads);
      done('finished');
      continue;
    }
    if (records === 0) continue;
    if (options.dryRun) {
      done('would-archive');
      continue;
    }

    const { manifest } = await writeMonthArchive(
      db,
      month,
      options.outDir,
      options.publicKeys,
      now,
    );
    const problems = [
      ...verifyArchiveDir(dir, options.publicKeys),
      ...(await anchorProblems(db, manifest)),
    ];
    if ((await countMonth(db, month)) !== manifest.counts.records)
      problems.push('records of the month arrived while it was archived: run again');
    if (problems.length > 0) {
      done('refused', problems.join('; '));
      break;
    }
    const newHeads: ArchivedHeadRow[] = manifest.chains.map((c) => ({
      chain: c.chain,
      month: label,
      seq: c.lastSeq,
      hash: c.lastHash,
    }));
    // Before the drop: a run that stops after it finds the heads and finishes from the archive.
    await db.transaction(async (trx) => {
      for (const h of newHeads) await trx(ARCHIVED_HEADS_TABLE).insert(h);
    });
    await dropMonth(db, month, dir, newHeads);
    done('archived');
  }
  return outcomes;
}

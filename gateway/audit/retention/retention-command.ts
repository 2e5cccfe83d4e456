/**
 * `npm run audit:archive -- [--retention-months N] [--out DIR] [--dry-run] [--public-key FILE]…`:
 * archives and drops the audit months older than the retention (retention-cycle.ts). Reads the
 * audit database as audit:verify does (MYSQL_URL / SHUJUTONG_DB_PREFIX / DATA_DIR), and:
 *   AUDIT_RETENTION_MONTHS  months kept before the current one, unless --retention-months
 *   AUDIT_ARCHIVE_DIR       where archives are written, unless --out; default DATA_DIR/audit-archive
 * Exit status: 0 done (or nothing to do), 1 a month was refused, 2 could not run.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { databaseLabel } from '../../../contracts/audit/audit-config';
import { auditMigrations } from '../../../contracts/audit/audit-migrations';
import {
  databaseTarget,
  dataDir,
  DatabaseEnv,
  openDatabase,
} from '../../../contracts/database/database';
import { migrateToLatest } from '../../../contracts/database/migrations';
import type { CommandIo } from '../verify-command';
import { readPublicKeys } from './public-key-files';
import { MIN_RETENTION_MONTHS, runRetention } from './retention-cycle';

/**
 * Seven years. The legal floor for network logs is six months (《网络安全法》第二十一条), but
 * the trail is also the evidence for disputes, supervision and appeals about data sharing,
 * which can reach back years; keeping seven years by default means no deployment loses that
 * evidence by omission. Set it lower deliberately, not by accident.
 */
export const DEFAULT_RETENTION_MONTHS = 84;

const USAGE =
  'usage: npm run audit:archive -- [--retention-months N] [--out DIR] [--dry-run] [--public-key FILE]...';

class UsageError extends Error {}

function months(flag: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < MIN_RETENTION_MONTHS)
    throw new UsageError(
      `${flag} must be an integer of at least ${MIN_RETENTION_MONTHS}, got "${value}"`,
    );
  return n;
}

export async function runRetentionCommand(
  argv: readonly string[],
  env: DatabaseEnv & Record<string, string | undefined>,
  io: CommandIo,
  now: Date = new Date(),
): Promise<number> {
  let options;
  try {
    const { values } = parseArgs({
      args: argv[0] === '--' ? argv.slice(1) : [...argv],
      options: {
        'retention-months': { type: 'string' },
        out: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        'public-key': { type: 'string', multiple: true },
        help: { type: 'boolean', default: false },
      },
    });
    if (values.help) {
      io.out(USAGE);
      return 0;
    }
    const retention = values['retention-months'] ?? env.AUDIT_RETENTION_MONTHS;
    options = {
      retentionMonths:
        retention === undefined
          ? DEFAULT_RETENTION_MONTHS
          : months(
              values['retention-months'] ? '--retention-months' : 'AUDIT_RETENTION_MONTHS',
              retention,
            ),
      outDir: values.out ?? env.AUDIT_ARCHIVE_DIR ?? path.join(dataDir(env), 'audit-archive'),
      dryRun: values['dry-run'],
      publicKeys: readPublicKeys(values['public-key'], env),
      now,
      log: io.out,
    };
  } catch (err) {
    io.err(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  const target = databaseTarget('audit', env);
  if (target.client === 'sqlite' && !fs.existsSync(target.file)) {
    io.err(`no audit database at ${target.file}`);
    return 2;
  }
  const db = await openDatabase(target, { poolMax: 2 });
  try {
    // The archived-heads table may be newer than the database: the gateway would add it too.
    await migrateToLatest(db, auditMigrations);
    io.out(
      `audit retention on ${databaseLabel(target)}: keeping ${options.retentionMonths} month(s) before the current one${options.dryRun ? ' (dry run)' : ''}`,
    );
    const outcomes = await runRetention(db, options);
    if (outcomes.length === 0) io.out('nothing to archive');
    return outcomes.some((o) => o.action === 'refused') ? 1 : 0;
  } catch (err) {
    io.err(`retention could not finish: ${(err as Error).message}`);
    return 2;
  } finally {
    await db.destroy();
  }
}

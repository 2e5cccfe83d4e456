/**
 * `npm run audit:verify [-- --from ISO --to ISO --public-key FILE …]`: verifies the stored audit
 * log offline and exits 0 when it is intact, 1 on any finding, 2 when it could not check.
 * Reads the audit database directly (MYSQL_URL / SHUJUTONG_DB_PREFIX / DATA_DIR as the gateway
 * does) and needs only the checkpoint public key(s):
 *   --public-key FILE (repeatable), else AUDIT_PUBLIC_KEY_FILE (comma-separated),
 *   else the development key <DATA_DIR>/keys/audit-signing.pub.pem.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  databaseTarget,
  dataDir,
  DatabaseEnv,
  openDatabase,
} from '../../contracts/database/database';
import { databaseLabel } from '../../contracts/audit/audit-config';
import { DEV_PUBLIC_KEY_FILE, parsePublicKey } from '../../contracts/audit/audit-keys';
import { verifyAuditDatabase } from './verify-database';
import { formatVerifyReport } from './verify-report';

export interface CommandIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

const USAGE =
  'usage: npm run audit:verify -- [--from ISO-8601] [--to ISO-8601] [--public-key FILE]... [--max-findings N]';

function time(flag: string, value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const d = new Date(value);
  if (Number.isNaN(d.getTime()))
    throw new UsageError(`${flag} must be an ISO 8601 time, got "${value}"`);
  return d;
}

class UsageError extends Error {}

export async function runVerifyCommand(
  argv: readonly string[],
  env: DatabaseEnv & Record<string, string | undefined>,
  io: CommandIo,
): Promise<number> {
  let options;
  try {
    const { values } = parseArgs({
      // Tolerate the `--` that separates npm's arguments from the script's when passed through.
      args: argv[0] === '--' ? argv.slice(1) : [...argv],
      options: {
        from: { type: 'string' },
        to: { type: 'string' },
        'public-key': { type: 'string', multiple: true },
        'max-findings': { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    });
    if (values.help) {
      io.out(USAGE);
      return 0;
    }
    const keyFiles = values['public-key']?.length
      ? values['public-key']
      : env.AUDIT_PUBLIC_KEY_FILE
        ? env.AUDIT_PUBLIC_KEY_FILE.split(',')
            .map((f) => f.trim())
            .filter(Boolean)
        : [path.join(dataDir(env), 'keys', DEV_PUBLIC_KEY_FILE)];
    const publicKeys = keyFiles.map((file) => {
      if (!fs.existsSync(file))
        throw new UsageError(
          `public key file not found: ${file} (pass --public-key or set AUDIT_PUBLIC_KEY_FILE)`,
        );
      return parsePublicKey(fs.readFileSync(file, 'utf8'), file);
    });
    const maxFindings =
      values['max-findings'] === undefined ? undefined : Number(values['max-findings']);
    if (maxFindings !== undefined && (!Number.isInteger(maxFindings) || maxFindings < 1))
      throw new UsageError(`--max-findings must be a positive integer`);
    options = {
      from: time('--from', values.from),
      to: time('--to', values.to),
      publicKeys,
      maxFindings,
    };
  } catch (err) {
    io.err(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }

  const target = databaseTarget('audit', env);
  const label = databaseLabel(target);
  // A verifier must not create what it was asked to check.
  if (target.client === 'sqlite' && !fs.existsSync(target.file)) {
    io.err(`no audit database at ${target.file}`);
    return 2;
  }
  const db = await openDatabase(target, { poolMax: 2 });
  try {
    if (!(await db.schema.hasTable('audit_records'))) {
      io.err(`${label} has no audit tables`);
      return 2;
    }
    const report = await verifyAuditDatabase(db, options);
    io.out(formatVerifyReport(report, label));
    return report.findingCount === 0 ? 0 : 1;
  } catch (err) {
    io.err(`verification could not finish: ${(err as Error).message}`);
    return 2;
  } finally {
    await db.destroy();
  }
}

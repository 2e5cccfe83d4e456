/**
 * `npm run audit:verify -- --archive DIR [--archive DIR]… [--public-key FILE]…`: verifies
 * monthly audit archives offline, without any database. Exit status as audit:verify: 0 intact,
 * 1 findings, 2 could not check.
 */
import { parseArgs } from 'node:util';
import { DatabaseEnv } from '../../../contracts/database/database';
import { publicKeyId } from '../../../contracts/audit/checkpoint';
import type { CommandIo } from '../verify-command';
import { formatArchiveReport, verifyArchives } from './archive-verifier';
import { readPublicKeys } from './public-key-files';

const USAGE =
  'usage: npm run audit:verify -- --archive DIR [--archive DIR]... [--public-key FILE]...';

export function isArchiveVerify(argv: readonly string[]): boolean {
  return argv.some((a) => a === '--archive' || a.startsWith('--archive='));
}

export function runArchiveVerifyCommand(
  argv: readonly string[],
  env: DatabaseEnv & Record<string, string | undefined>,
  io: CommandIo,
): number {
  let dirs: string[];
  let keys;
  try {
    const { values } = parseArgs({
      args: argv[0] === '--' ? argv.slice(1) : [...argv],
      options: {
        archive: { type: 'string', multiple: true },
        'public-key': { type: 'string', multiple: true },
      },
    });
    dirs = values.archive ?? [];
    keys = readPublicKeys(values['public-key'], env);
  } catch (err) {
    io.err(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  try {
    const report = verifyArchives(dirs, keys);
    io.out(formatArchiveReport(report, keys.map(publicKeyId)));
    return report.findings.length === 0 ? 0 : 1;
  } catch (err) {
    io.err(`verification could not finish: ${(err as Error).message}`);
    return 2;
  }
}

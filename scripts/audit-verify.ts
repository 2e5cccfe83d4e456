/**
 * npm run audit:verify [-- --from ISO --to ISO --public-key FILE]
 * Checks the stored audit log offline and names the first record where each chain breaks.
 * With --archive DIR (repeatable) it checks monthly archives instead, without a database.
 * Exit status: 0 intact, 1 findings, 2 could not check. See gateway/audit/verify-command.ts
 * and gateway/audit/retention/archive-verify-command.ts.
 */
import { runVerifyCommand } from '../gateway/audit/verify-command';
import {
  isArchiveVerify,
  runArchiveVerifyCommand,
} from '../gateway/audit/retention/archive-verify-command';

const argv = process.argv.slice(2);
const io = { out: (t: string) => console.log(t), err: (t: string) => console.error(t) };
(isArchiveVerify(argv)
  ? Promise.resolve(runArchiveVerifyCommand(argv, process.env, io))
  : runVerifyCommand(argv, process.env, io)
).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(2);
  },
);

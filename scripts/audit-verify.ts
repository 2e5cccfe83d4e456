/**
 * npm run audit:verify [-- --from ISO --to ISO --public-key FILE]
 * Checks the stored audit log offline and names the first record where each chain breaks.
 * Exit status: 0 intact, 1 findings, 2 could not check. See gateway/audit/verify-command.ts.
 */
import { runVerifyCommand } from '../gateway/audit/verify-command';

runVerifyCommand(process.argv.slice(2), process.env, {
  out: (t) => console.log(t),
  err: (t) => console.error(t),
}).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(2);
  },
);

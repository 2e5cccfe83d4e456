/**
 * npm run audit:archive [-- --retention-months N --out DIR --dry-run --public-key FILE]
 * Archives audit months older than the retention to verified files and drops them from the
 * database. Exit status: 0 done, 1 a month was refused, 2 could not run.
 * See gateway/audit/retention/retention-command.ts.
 */
import { runRetentionCommand } from '../gateway/audit/retention/retention-command';

runRetentionCommand(process.argv.slice(2), process.env, {
  out: (t) => console.log(t),
  err: (t) => console.error(t),
}).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(2);
  },
);

/**
 * npm run token -- --department <code> [--app <id>] [--operator <id>] [--roles <r1,r2>] [--ttl <8h>]
 * npm run token -- --citizen <ID number> [--ttl <1h>]   (a citizen's own token: "who looked at my data")
 * Prints a platform token signed with the configured key (JWT_PRIVATE_KEY) or, in development,
 * the dev key made under <DATA_DIR>/keys. Only the token goes to stdout, so it can be captured:
 *   TOKEN=$(npm run -s token -- --department civil-affairs --app minimum-living-allowance)
 */
import { issueToken } from '../gateway/auth/issue-token';
import { loadTokenKeys } from '../gateway/auth/token-keys';
import { parseTokenArgs, TOKEN_USAGE } from '../gateway/auth/token-options';
import { readTokenSettings } from '../gateway/auth/token-settings';

async function main(): Promise<number> {
  let command;
  try {
    command = parseTokenArgs(process.argv.slice(2));
  } catch (err) {
    console.error(`token: ${(err as Error).message}\n\n${TOKEN_USAGE}`);
    return 2;
  }
  if (command.kind === 'help') {
    console.log(TOKEN_USAGE);
    return 0;
  }
  const settings = readTokenSettings();
  const keys = await loadTokenKeys(settings);
  if (!keys.signing)
    throw new Error('only JWT_PUBLIC_KEY is set: set JWT_PRIVATE_KEY to issue tokens');
  if (keys.source === 'dev')
    console.error(
      `token: signed with the development key in ${settings.devKeyDir} (kid ${keys.signing.kid})`,
    );
  console.log(await issueToken(keys.signing, settings, command.request));
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(`token: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  },
);

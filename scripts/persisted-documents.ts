/**
 * npm run persisted -- check                                   verify persisted/ offline
 * npm run persisted -- register --url <gateway> --token <t>    register every manifest entry
 * The manifest (persisted/manifest.json) maps the SHA-256 of each document file to its operation,
 * application and approval item (scripts/persisted/persisted-commands.ts).
 */
import { runPersistedCommand } from './persisted/persisted-commands';

runPersistedCommand(process.argv.slice(2), {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(`persisted: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  },
);

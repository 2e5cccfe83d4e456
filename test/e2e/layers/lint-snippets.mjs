/**
 * Lints source snippets as if they sat at given paths in the repository, with the project's
 * ESLint config, and prints each snippet's messages as JSON. Run as its own Node process because
 * ESLint loads eslint.config.mjs with import(), which jest's CommonJS runtime cannot do.
 *
 * stdin: [{ "code": "...", "filePath": "gateway/x.ts" }, ...]
 * stdout: [{ "filePath": "gateway/x.ts", "messages": [{ "ruleId": "...", "message": "..." }] }]
 */
import { ESLint } from 'eslint';
import path from 'node:path';
import { text } from 'node:stream/consumers';

const cwd = path.resolve(import.meta.dirname, '../../..');
// A restricted-path rule skips imports it cannot resolve, so an unresolved import would pass
// silently: report it, and the caller can tell "allowed" from "not found".
const eslint = new ESLint({
  cwd,
  overrideConfig: { rules: { 'import-x/no-unresolved': 'error' } },
});

const snippets = JSON.parse(await text(process.stdin));
const results = [];
for (const { code, filePath } of snippets) {
  const [result] = await eslint.lintText(code, { filePath: path.join(cwd, filePath) });
  const messages = result.messages.map(({ ruleId, message }) => ({ ruleId, message }));
  results.push({ filePath, messages });
}
process.stdout.write(JSON.stringify(results));

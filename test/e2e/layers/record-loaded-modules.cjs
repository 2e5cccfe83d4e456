/**
 * Preloaded into a process under test (`node --require`): appends every module it loads to the
 * file named by LOADED_MODULES_FILE, one a line. ES module loads are written by a loader hook as
 * they happen (file: URLs and node: builtins). CommonJS loads are written when the process exits
 * from require.cache, one line per module and one `<module>\t<required by>` line per importer, so
 * a test can say who pulled a module in. A cache entry whose source never ran (a stand-in put
 * there by hand, as gateway/composition-fence.ts does) was not loaded and is not listed.
 */
'use strict';
const fs = require('node:fs');
const Module = require('node:module');
const { register } = Module;

// Every CommonJS source that runs goes through _compile (tsx's TypeScript too).
const compiled = new Set();
const compile = Module.prototype._compile;
Module.prototype._compile = function recordCompile(content, filename) {
  compiled.add(filename);
  return compile.call(this, content, filename);
};
const RAN_AS_SOURCE = /\.(c|m)?(j|t)sx?$/;

const outFile = process.env.LOADED_MODULES_FILE;
if (!outFile) throw new Error('record-loaded-modules: set LOADED_MODULES_FILE');

// The hook runs on the loader's own thread. It writes the file itself: in Node 20 a message port
// handed to register() from a --require preload ends the process before it starts.
const HOOKS = `
import fs from 'node:fs';
export async function load(url, context, nextLoad) {
  fs.appendFileSync(process.env.LOADED_MODULES_FILE, url + '\\n');
  return nextLoad(url, context);
}
`;
register(`data:text/javascript,${encodeURIComponent(HOOKS)}`);

process.on('exit', () => {
  const lines = [];
  for (const [file, mod] of Object.entries(require.cache)) {
    if (RAN_AS_SOURCE.test(file) && !compiled.has(file)) continue;
    lines.push(file);
    for (const child of mod.children) {
      if (RAN_AS_SOURCE.test(child.filename) && !compiled.has(child.filename)) continue;
      lines.push(`${child.filename}\t${file}`);
    }
  }
  fs.appendFileSync(outFile, `${lines.join('\n')}\n`);
});

import { spawnSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

/** Runs a script in a fresh Node process with the fence installed first, as gateway/index.ts does. */
function withFence(script: string): { status: number | null; stdout: string; stderr: string } {
  const program = `require(${JSON.stringify(path.join(ROOT, 'gateway/composition-fence.ts'))});\n${script}`;
  const run = spawnSync(process.execPath, ['--import', 'tsx', '-e', program], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('the composition fence', () => {
  it('lets @apollo/gateway load without loading the composer', () => {
    const run = withFence(`
      const Module = require('node:module');
      const ran = [];
      const compile = Module.prototype._compile;
      Module.prototype._compile = function (content, file) { ran.push(file); return compile.call(this, content, file); };
      require('@apollo/gateway');
      console.log(JSON.stringify(ran.filter((f) => f.includes('/node_modules/@apollo/composition/'))));
      if (!ran.some((f) => f.includes('/node_modules/@apollo/gateway/'))) throw new Error('nothing of the gateway ran');
    `);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout.trim())).toEqual([]);
  });

  it('refuses to compose, naming the way to compose', () => {
    const run = withFence(`
      const { LocalCompose } = require('@apollo/gateway');
      try {
        require('@apollo/composition').composeServices([]);
        console.log('composed');
      } catch (err) {
        console.log(err.message);
      }
    `);
    expect(run.stdout).toMatch(/does not compose supergraphs: run `npm run compose`/);
  });
});

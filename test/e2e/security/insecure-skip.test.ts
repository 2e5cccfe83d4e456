/**
 * The subgraph processes as `npm start` runs them: each verifies the gateway's signature, and
 * the one switch that turns that off is refused in production and shouted about otherwise.
 */
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const ENTRY = path.join('subgraphs', 'macro-economy', 'index.ts');

interface Started {
  child: ChildProcess;
  output: () => string;
  /** The URL the subgraph printed once serving; rejects if it exits first. */
  serving: Promise<string>;
  exited: Promise<number | null>;
}

function startSubgraphProcess(env: Record<string, string>, dataDir: string): Started {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) =>
        !/^(NODE_ENV|SUBGRAPH_SIGNING_SECRET|SHUJUTONG_INSECURE_SKIP_SUBGRAPH_SIGNATURES|MYSQL_URL)$/.test(
          k,
        ),
    ),
  );
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY], {
    cwd: ROOT,
    env: { ...base, DATA_DIR: dataDir, MACRO_ECONOMY_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  const serving = new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      text += chunk.toString();
      const m = /serving (http:\/\/\S+\/graphql)/.exec(text);
      if (m) resolve(m[1]);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => reject(new Error(`exited with ${code}: ${text}`)));
  });
  serving.catch(() => {});
  return { child, output: () => text, serving, exited };
}

async function stop(started: Started): Promise<void> {
  if (started.child.exitCode === null) started.child.kill('SIGTERM');
  await started.exited;
}

const QUERY = JSON.stringify({ query: '{ __typename }' });
const post = (url: string) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: QUERY });

describe('subgraph processes and the insecure switch', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shujutong-insecure-'));
  });
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('refuses to start with the switch set and NODE_ENV=production, before touching its database', async () => {
    const started = startSubgraphProcess(
      {
        NODE_ENV: 'production',
        SHUJUTONG_INSECURE_SKIP_SUBGRAPH_SIGNATURES: '1',
        SUBGRAPH_SIGNING_SECRET: 'x'.repeat(40),
      },
      dataDir,
    );
    expect(await started.exited).toBe(1);
    expect(started.output()).toMatch(
      /SHUJUTONG_INSECURE_SKIP_SUBGRAPH_SIGNATURES is set and NODE_ENV=production/,
    );
    expect(fs.readdirSync(dataDir)).toEqual([]);
  });

  it('refuses to start in production without SUBGRAPH_SIGNING_SECRET, rather than make one up', async () => {
    const started = startSubgraphProcess({ NODE_ENV: 'production' }, dataDir);
    expect(await started.exited).toBe(1);
    expect(started.output()).toMatch(/SUBGRAPH_SIGNING_SECRET is not set/);
  });

  it('warns at start when the switch is set outside production, and then answers unsigned requests', async () => {
    const started = startSubgraphProcess(
      { SHUJUTONG_INSECURE_SKIP_SUBGRAPH_SIGNATURES: '1' },
      dataDir,
    );
    try {
      const url = await started.serving;
      expect(started.output()).toMatch(
        /!! SHUJUTONG_INSECURE_SKIP_SUBGRAPH_SIGNATURES is set: the macro-economy subgraph answers UNSIGNED requests/,
      );
      expect((await post(url)).status).toBe(200);
    } finally {
      await stop(started);
    }
  });

  it('without the switch, refuses unsigned requests, using a development secret made under DATA_DIR/keys', async () => {
    const started = startSubgraphProcess({}, dataDir);
    try {
      const url = await started.serving;
      expect(started.output()).not.toMatch(/INSECURE/);
      const res = await post(url);
      expect(res.status).toBe(401);
      expect(
        ((await res.json()) as { errors: { extensions: unknown }[] }).errors[0].extensions,
      ).toEqual({ code: 'UNAUTHENTICATED', reason: 'UNSIGNED' });
      const secretFile = path.join(dataDir, 'keys', 'subgraph-signing.secret');
      expect(fs.statSync(secretFile).mode & 0o077).toBe(0);
      expect(fs.readFileSync(secretFile, 'utf8').trim()).toMatch(/^[A-Za-z0-9_-]{43}$/);
    } finally {
      await stop(started);
    }
  });
});

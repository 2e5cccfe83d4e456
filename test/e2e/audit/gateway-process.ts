/**
 * The gateway as `npm run gateway` runs it (gateway/index.ts: configuration from the
 * environment, the platform's stages, the audit trail, shutdown on SIGTERM) in a child process,
 * in front of a test platform's subgraphs, so a test can kill it with SIGKILL and start it again
 * on the same journal. Only what is given is in its environment.
 */
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Platform } from '../../utils/platform';

const ROOT = path.resolve(__dirname, '../../..');

export interface GatewayProcess {
  readonly child: ChildProcess;
  /** The GraphQL endpoint it printed once serving. */
  readonly url: string;
  output(): string;
  /** Resolves with the exit code, or the signal that ended it. */
  readonly exited: Promise<number | NodeJS.Signals | null>;
}

/** What a gateway process needs to serve `platform`'s subgraphs and accept its tokens. */
export function gatewayEnvFor(platform: Platform, dir: string): Record<string, string> {
  const security = platform.security;
  if (!security)
    throw new Error('gatewayEnvFor: the platform needs security (its keys and secret)');
  const supergraph = path.join(dir, 'supergraph.graphql');
  fs.writeFileSync(supergraph, platform.supergraphSdl);
  return {
    GATEWAY_HOST: '127.0.0.1',
    GATEWAY_PORT: '0',
    SUPERGRAPH_PATH: supergraph,
    SUBGRAPH_SIGNING_SECRET: security.secret.toString('utf8'),
    JWT_PUBLIC_KEY: security.tokenKeys.verification.publicKey
      .export({ type: 'spki', format: 'pem' })
      .toString(),
  };
}

export function startGatewayProcess(
  env: Record<string, string>,
  timeoutMs = 60_000,
): Promise<GatewayProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join('gateway', 'index.ts')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? code)),
  );
  return new Promise<GatewayProcess>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the gateway did not start within ${timeoutMs} ms:\n${text}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      text += chunk.toString();
      const m = /serving http:\/\/localhost:(\d+)\/graphql/.exec(text);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: `http://127.0.0.1:${m[1]}/graphql`, output: () => text, exited });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((how) => {
      clearTimeout(timer);
      reject(new Error(`the gateway exited (${how}) before serving:\n${text}`));
    });
  });
}

/** SIGTERM, and wait for it to go; SIGKILL if it takes longer than `graceMs`. */
export async function stopGatewayProcess(
  gateway: GatewayProcess,
  graceMs = 20_000,
): Promise<number | NodeJS.Signals | null> {
  if (gateway.child.exitCode !== null || gateway.child.signalCode !== null) return gateway.exited;
  gateway.child.kill('SIGTERM');
  const timer = setTimeout(() => gateway.child.kill('SIGKILL'), graceMs);
  try {
    return await gateway.exited;
  } finally {
    clearTimeout(timer);
  }
}

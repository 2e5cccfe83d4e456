/**
 * One platform service running as a child process, with what the supervisor needs to know:
 * when it exits and how to ask it to stop.
 */
import { ChildProcess, spawn } from 'node:child_process';

export interface ChildService {
  readonly name: string;
  readonly process: ChildProcess;
  /** Resolves when the process has exited, with its exit code or the signal that ended it. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  readonly hasExited: () => boolean;
  /** SIGTERM, then SIGKILL after `graceMs` if it is still running. */
  stop(graceMs?: number): Promise<void>;
}

export function spawnService(
  name: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): ChildService {
  // Run the TypeScript entry under this same Node, with tsx as loader: no build step, and no
  // npx or shell in between whose exit would hide the service's own.
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return superviseChild(name, child);
}

/** Wraps a spawned process with exit tracking and a graceful stop. */
export function superviseChild(name: string, child: ChildProcess): ChildService {
  let done = false;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      done = true;
      resolve({ code, signal });
    });
    child.once('error', () => {
      done = true;
      resolve({ code: null, signal: null });
    });
  });
  return {
    name,
    process: child,
    exited,
    hasExited: () => done,
    async stop(graceMs = 5000) {
      if (done) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * A bench process: like scripts/start/child-service.ts (same ChildService, so the supervisor
 * watches and stops it), but its output goes to a log file rather than the terminal, where
 * eleven processes' start-up banners and a gateway's per-error logs would bury the figures,
 * and a process that is not TypeScript (Hive Gateway's CLI, with module hooks of its own) runs
 * without the tsx loader.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ChildService, superviseChild } from '../start/child-service';

export interface LoggedChildOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Truncated at start; stdout and stderr both go here. */
  logFile: string;
  /** Run the entry through tsx (TypeScript entries). @default true */
  tsx?: boolean;
}

export function spawnLogged(
  name: string,
  args: string[],
  options: LoggedChildOptions,
): ChildService {
  fs.mkdirSync(path.dirname(options.logFile), { recursive: true });
  const out = fs.openSync(options.logFile, 'w');
  const nodeArgs = options.tsx === false ? args : ['--import', 'tsx', ...args];
  const child = spawn(process.execPath, nodeArgs, {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', out, out],
  });
  fs.closeSync(out);
  return superviseChild(name, child);
}

/**
 * Starts what the benchmark measures, on loopback ports of its own: every registered subgraph
 * as its own process over the bench databases, then each gateway target as its own process
 * over the same bench supergraph and the same subgraphs. Every process is handed to the
 * supervisor, which stops them all when the bench ends, fails or is interrupted, and stops the
 * bench if one of them dies.
 */
import path from 'node:path';
import { registeredSubgraphNames } from '../compose/compose-supergraph';
import { DatabaseEnv } from '../../contracts/database/database';
import { envName } from '../../contracts/env-values';
import { SubgraphName } from '../../contracts/subgraph-directory';
import { Supervisor } from '../start/supervisor';
import { waitHealthy } from '../start/wait-healthy';
import { writeBenchSupergraph } from './bench-supergraph';
import { GatewayTarget } from './bench-targets';
import { freePorts } from './free-ports';
import { spawnLogged } from './logged-child';
import { waitGraphQLReady } from './response-check';

const START_TIMEOUT_MS = 90_000;

export interface BenchPlatformOptions {
  root: string;
  dataDir: string;
  databaseEnv: DatabaseEnv;
  gateways: readonly GatewayTarget[];
  supervisor: Supervisor;
  /**
   * More environment for every subgraph process, e.g. the key to verify the gateway's request
   * signature once subgraphs require one. @default none
   */
  subgraphEnv?: NodeJS.ProcessEnv;
  /** More environment for every gateway process, e.g. the matching signing key. @default none */
  gatewayEnv?: NodeJS.ProcessEnv;
  /**
   * Folder for V8 CPU profiles of each gateway, in <cpuProfDir>/<target>/, and of each subgraph, in
   * <cpuProfDir>/subgraphs/<name>/ (written when they stop). @default none
   */
  cpuProfDir?: string | null;
  log: (line: string) => void;
}

export interface BenchPlatform {
  supergraphPath: string;
  /** Where each process's output goes: <dataDir>/logs/<name>.log. */
  logDir: string;
  subgraphUrl(name: SubgraphName): string;
  gatewayUrl(target: string): string;
  /** Process ids, for CPU accounting (process-cpu.ts). */
  gatewayPid(target: string): number;
  readonly subgraphPids: readonly number[];
}

const url = (port: number, pathname: string) => `http://127.0.0.1:${port}${pathname}`;

/** Node's flags for a V8 CPU profile written, when the process stops, into <dir>/<folder>. */
function profileArgs(dir: string | null | undefined, folder: string): string[] {
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${path.join(dir, folder)}`] : [];
}

export async function startBenchPlatform(options: BenchPlatformOptions): Promise<BenchPlatform> {
  const { root, supervisor, log } = options;
  const names = registeredSubgraphNames();
  const ports = await freePorts(names.length + options.gateways.length);
  const subgraphPorts = new Map(names.map((name, i) => [name, ports[i]] as const));
  const gatewayPorts = new Map(
    options.gateways.map((t, i) => [t.name, ports[names.length + i]] as const),
  );
  const supergraphPath = writeBenchSupergraph(path.resolve(options.dataDir), subgraphPorts);
  const logDir = path.resolve(options.dataDir, 'logs');
  const logFile = (name: string) => path.join(logDir, `${name}.log`);

  log(`starting ${names.length} subgraphs (logs in ${path.relative(root, logDir)})`);
  const subgraphs = names.map((name) => {
    const env = {
      ...process.env,
      ...options.databaseEnv,
      SUBGRAPH_HOST: '127.0.0.1',
      [envName(name, 'PORT')]: String(subgraphPorts.get(name)),
      ...options.subgraphEnv,
    };
    const profile = profileArgs(options.cpuProfDir, path.join('subgraphs', name));
    const child = spawnLogged(name, [...profile, path.join('subgraphs', name, 'index.ts')], {
      cwd: root,
      env,
      logFile: logFile(name),
    });
    supervisor.watch(child);
    return { name, child };
  });
  await Promise.all(
    subgraphs.map(({ name, child }) =>
      waitHealthy(url(subgraphPorts.get(name)!, '/health'), child, START_TIMEOUT_MS),
    ),
  );

  log(`starting gateways: ${options.gateways.map((t) => t.name).join(', ')}`);
  const gatewayUrls = new Map<string, string>();
  const gatewayPids = new Map<string, number>();
  await Promise.all(
    options.gateways.map(async (target) => {
      const port = gatewayPorts.get(target.name)!;
      const command = target.launch({
        root,
        port,
        supergraphPath,
        env: { ...process.env, ...options.gatewayEnv },
      });
      // One folder per gateway: Node writes one profile per thread (tsx's loader runs in its own).
      const profile = profileArgs(options.cpuProfDir, target.name);
      const child = spawnLogged(target.name, [...profile, ...command.args], {
        cwd: root,
        env: command.env,
        tsx: command.tsx,
        logFile: logFile(target.name),
      });
      supervisor.watch(child);
      const endpoint = url(port, '/graphql');
      await waitGraphQLReady(endpoint, child.hasExited, START_TIMEOUT_MS);
      gatewayUrls.set(target.name, endpoint);
      if (child.process.pid !== undefined) gatewayPids.set(target.name, child.process.pid);
    }),
  );

  return {
    supergraphPath,
    logDir,
    subgraphUrl: (name) => {
      const port = subgraphPorts.get(name);
      if (port === undefined) throw new Error(`subgraph ${name} is not registered`);
      return url(port, '/graphql');
    },
    gatewayUrl: (target) => {
      const found = gatewayUrls.get(target);
      if (!found) throw new Error(`gateway ${target} was not started`);
      return found;
    },
    gatewayPid: (target) => {
      const pid = gatewayPids.get(target);
      if (pid === undefined) throw new Error(`gateway ${target} has no process id`);
      return pid;
    },
    subgraphPids: subgraphs
      .map(({ child }) => child.process.pid)
      .filter((pid): pid is number => pid !== undefined),
  };
}

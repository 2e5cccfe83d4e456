/**
 * nginx in front of the gateways (deploy/nginx/shujutong.conf.template), run unprivileged in the
 * foreground with its own prefix, temp folders and pid file under `prefix`: it never reads
 * /etc/nginx nor needs port 80.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { superviseChild, ChildService } from '../start/child-service';

const ROOT = path.resolve(__dirname, '../..');
export const NGINX_TEMPLATE = path.join(ROOT, 'deploy', 'nginx', 'shujutong.conf.template');
/** Where nginx is looked for after NGINX_BIN and PATH: Debian's package, then a source build's. */
const NGINX_PLACES = ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/local/nginx/sbin/nginx'];

function executable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * The nginx to run: NGINX_BIN when set (an error if it is not executable, rather than another
 * nginx silently), else the first on PATH, else a usual place; null when there is none.
 */
export function findNginx(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.NGINX_BIN) {
    if (!executable(env.NGINX_BIN))
      throw new Error(`NGINX_BIN=${env.NGINX_BIN} is not an executable file`);
    return env.NGINX_BIN;
  }
  const onPath = (env.PATH ?? '')
    .split(path.delimiter)
    .filter(Boolean)
    .map((dir) => path.join(dir, 'nginx'));
  return [...onPath, ...NGINX_PLACES].find(executable) ?? null;
}

export interface NginxOptions {
  /** Where nginx listens, e.g. `127.0.0.1:4000`. */
  readonly listen: string;
  /** The gateways, e.g. `127.0.0.1:4101`. */
  readonly upstreams: readonly string[];
  /** nginx's own folder: configuration, logs, temp files, pid. */
  readonly prefix: string;
  /** @default 1: the gateways, not nginx, need the cores. */
  readonly workers?: number;
}

export function renderNginxConfig(
  options: NginxOptions,
  template = fs.readFileSync(NGINX_TEMPLATE, 'utf8'),
): string {
  const upstreams = options.upstreams
    .map((address) => `server ${address} max_fails=3 fail_timeout=10s;`)
    .join('\n    ');
  const values: Record<string, string> = {
    LISTEN: options.listen,
    UPSTREAMS: upstreams,
    PREFIX: options.prefix,
    WORKERS: String(options.workers ?? 1),
  };
  return template.replace(/\{\{([A-Z]+)\}\}/g, (whole, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`${NGINX_TEMPLATE}: unknown placeholder ${whole}`);
    return value;
  });
}

/** Writes the configuration, checks it (`nginx -t`), starts nginx in the foreground. */
export function startNginx(options: NginxOptions): ChildService {
  fs.mkdirSync(options.prefix, { recursive: true });
  const conf = path.join(options.prefix, 'nginx.conf');
  fs.writeFileSync(conf, renderNginxConfig(options));
  const args = [
    '-p',
    options.prefix,
    '-c',
    conf,
    '-e',
    path.join(options.prefix, 'error.log'),
    '-g',
    `daemon off; pid ${path.join(options.prefix, 'nginx.pid')};`,
  ];
  const nginx = findNginx();
  if (!nginx)
    throw new Error('nginx not found (apt-get install nginx, or set NGINX_BIN to its path)');
  const child = spawn(nginx, args, { stdio: ['ignore', 'inherit', 'inherit'] });
  return superviseChild('nginx', child);
}

/** Waits until something accepts connections at `url` (nginx answers 502 before gateways do). */
export async function waitListening(
  url: string,
  child: ChildService,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.hasExited()) throw new Error(`${child.name} exited before listening at ${url}`);
    try {
      await fetch(url, { signal: AbortSignal.timeout(1000) });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  throw new Error(`nothing listening at ${url} after ${timeoutMs} ms`);
}

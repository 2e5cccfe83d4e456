/**
 * An audit database a test can take down and bring back without touching the machine's shared
 * MariaDB: its own temporary `mariadbd` (fresh data directory, its own port and socket) when the
 * server binaries are installed, else a TCP proxy in front of the shared server that can be cut
 * and restored (the real database behind it, only the path to it broken).
 */
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export interface OutageDatabase {
  /** What it is, for test titles and messages. */
  readonly kind: 'own mariadbd' | 'cuttable proxy';
  /** MYSQL_URL of the database as the gateway reaches it. */
  readonly url: string;
  up(): Promise<void>;
  down(): Promise<void>;
  /** Down for good and its files removed. */
  dispose(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

function findBinary(names: string[]): string | null {
  const dirs = [
    ...(process.env.PATH ?? '').split(path.delimiter),
    '/usr/sbin',
    '/usr/local/sbin',
    '/usr/bin',
  ];
  for (const name of names)
    for (const dir of dirs)
      if (dir && fs.existsSync(path.join(dir, name))) return path.join(dir, name);
  return null;
}

async function waitForPort(
  port: number,
  child: ChildProcess,
  timeoutMs: number,
  output: () => string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`mariadbd exited (${child.exitCode}):\n${output()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => (socket.destroy(), resolve(true)));
      socket.on('error', () => resolve(false));
    });
    if (open && /ready for connections/.test(output())) return;
    if (Date.now() > deadline)
      throw new Error(`mariadbd did not start within ${timeoutMs} ms:\n${output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A throw-away MariaDB server: `mariadb-install-db` into a temp directory, then `mariadbd` on its own port. */
class OwnMariadb implements OutageDatabase {
  readonly kind = 'own mariadbd' as const;
  private child: ChildProcess | null = null;
  private installed = false;
  constructor(
    private readonly server: string,
    private readonly install: string,
    private readonly dir: string,
    private readonly port: number,
  ) {}
  get url(): string {
    return `mysql://root@127.0.0.1:${this.port}`;
  }
  // mariadbd refuses to run as root unless told to; CI runs tests as root.
  private userFlag(): string[] {
    return process.getuid?.() === 0 ? ['--user=root'] : [];
  }
  async up(): Promise<void> {
    if (this.child) return;
    const data = path.join(this.dir, 'data');
    if (!this.installed) {
      // --no-defaults: nothing from the machine's own my.cnf (its datadir, socket, user).
      execFileSync(
        this.install,
        [
          '--no-defaults',
          `--datadir=${data}`,
          '--auth-root-authentication-method=normal',
          '--skip-test-db',
          ...this.userFlag(),
        ],
        { stdio: 'pipe' },
      );
      this.installed = true;
    }
    const child = spawn(
      this.server,
      [
        '--no-defaults',
        `--datadir=${data}`,
        `--port=${this.port}`,
        '--bind-address=127.0.0.1',
        `--socket=${path.join(this.dir, 'mariadb.sock')}`,
        `--pid-file=${path.join(this.dir, 'mariadb.pid')}`,
        '--skip-grant-tables',
        '--skip-log-bin',
        '--innodb-buffer-pool-size=16M',
        ...this.userFlag(),
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    this.child = child;
    await waitForPort(this.port, child, 30_000, () => output);
  }
  async down(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(timer);
  }
  async dispose(): Promise<void> {
    await this.down();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Every connection dropped and none accepted while down; the shared MariaDB behind it stays up. */
class CuttableProxy implements OutageDatabase {
  readonly kind = 'cuttable proxy' as const;
  private server: net.Server | null = null;
  private readonly sockets = new Set<net.Socket>();
  constructor(
    private readonly port: number,
    private readonly upstream: URL,
  ) {}
  get url(): string {
    const url = new URL(this.upstream.toString());
    url.hostname = '127.0.0.1';
    url.port = String(this.port);
    return url.toString().replace(/\/$/, '');
  }
  async up(): Promise<void> {
    if (this.server) return;
    this.server = net.createServer((client) => {
      const server = net.connect(Number(this.upstream.port || 3306), this.upstream.hostname);
      for (const s of [client, server]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => undefined);
      }
      client.pipe(server).pipe(client);
    });
    await new Promise<void>((r) => this.server!.listen(this.port, '127.0.0.1', r));
  }
  async down(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    const server = this.server;
    this.server = null;
    if (server) await new Promise((r) => server.close(r));
  }
  dispose(): Promise<void> {
    return this.down();
  }
}

function serverBinaries(): { server: string; install: string } | null {
  const server = findBinary(['mariadbd', 'mysqld']);
  const install = findBinary(['mariadb-install-db', 'mysql_install_db']);
  return server && install ? { server, install } : null;
}

/** Which kind outageDatabase() will give on this machine. */
export function outageDatabaseKind(): OutageDatabase['kind'] {
  return serverBinaries() ? 'own mariadbd' : 'cuttable proxy';
}

/** Down to begin with. */
export async function outageDatabase(dir: string, sharedMysqlUrl: string): Promise<OutageDatabase> {
  const port = await freePort();
  const binaries = serverBinaries();
  if (binaries) return new OwnMariadb(binaries.server, binaries.install, dir, port);
  return new CuttableProxy(port, new URL(sharedMysqlUrl));
}

/**
 * Where a subgraph keeps its tables: one SQLite file per subgraph under the data folder (the
 * embedded default), or, when MYSQL_URL is set, one MariaDB/MySQL database per subgraph.
 * Each department's data stays in its own database, as the plan's base databases are.
 */
import fs from 'node:fs';
import path from 'node:path';
import knexFactory, { Knex } from 'knex';

export type DatabaseTarget =
  { client: 'sqlite'; file: string } | { client: 'mysql'; url: string; database: string };

export interface DatabaseEnv {
  /** e.g. mysql://root@127.0.0.1:3306 — unset means embedded SQLite. */
  MYSQL_URL?: string;
  /** Prefix of MariaDB database names; tests use their own to stay apart. @default shujutong */
  SHUJUTONG_DB_PREFIX?: string;
  /** Folder of SQLite files, dev keys and journals. @default ./data */
  DATA_DIR?: string;
}

export function dataDir(env: DatabaseEnv = process.env): string {
  return path.resolve(env.DATA_DIR || 'data');
}

export function databaseTarget(name: string, env: DatabaseEnv = process.env): DatabaseTarget {
  const prefix = env.SHUJUTONG_DB_PREFIX || 'shujutong';
  if (!/^[a-z][a-z0-9_]*$/.test(prefix))
    throw new Error(
      `SHUJUTONG_DB_PREFIX must be lower-case letters, digits and _, got "${prefix}"`,
    );
  if (env.MYSQL_URL) {
    let url: URL;
    try {
      url = new URL(env.MYSQL_URL);
    } catch {
      throw new Error(
        `MYSQL_URL is not a URL: "${env.MYSQL_URL}" (expected mysql://user:password@host:port)`,
      );
    }
    if (url.protocol !== 'mysql:')
      throw new Error(`MYSQL_URL must start with mysql://, got "${url.protocol}"`);
    return {
      client: 'mysql',
      url: env.MYSQL_URL,
      database: `${prefix}_${name.replace(/-/g, '_')}`,
    };
  }
  const file = path.join(
    dataDir(env),
    prefix === 'shujutong' ? `${name}.sqlite` : `${prefix}-${name}.sqlite`,
  );
  return { client: 'sqlite', file };
}

function mysqlConnection(urlText: string, database?: string): Knex.MySql2ConnectionConfig {
  const url = new URL(urlText);
  return {
    host: url.hostname,
    port: url.port ? Number(url.port) : 3306,
    user: decodeURIComponent(url.username || 'root'),
    password: decodeURIComponent(url.password || ''),
    database,
    charset: 'utf8mb4',
    // DATE columns come back as 'YYYY-MM-DD' strings, as SQLite returns them.
    dateStrings: true,
    supportBigNumbers: true,
  };
}

export interface OpenOptions {
  /** Pool size for MariaDB. @default 10 */
  poolMax?: number;
}

/**
 * The size an SQLite write-ahead log is cut back to when a writer starts it over after a complete
 * checkpoint. Without it the file keeps the largest size it ever reached: a seed, a migration or
 * a merge of the audit lookup (hundreds of MiB) would stay on disk for good. 64 MiB is above what
 * a busy audit database's log holds between two checkpoints (about 20 MiB at 150 people pages a
 * second), so steady writing never pays for truncating and growing the file again.
 */
export const WAL_SIZE_LIMIT_BYTES = 64 * 1024 * 1024;

/** Opens (and for MariaDB creates) the subgraph's database. */
export async function openDatabase(
  target: DatabaseTarget,
  options: OpenOptions = {},
): Promise<Knex> {
  if (target.client === 'sqlite') {
    fs.mkdirSync(path.dirname(target.file), { recursive: true });
    const db = knexFactory({
      client: 'better-sqlite3',
      connection: { filename: target.file },
      useNullAsDefault: true,
      pool: {
        min: 1,
        max: 1,
        afterCreate: (
          conn: { pragma: (s: string) => unknown },
          done: (err: Error | null, conn: unknown) => void,
        ) => {
          // WAL lets the seeder and a running subgraph share the file; NORMAL sync is safe under WAL.
          conn.pragma('journal_mode = WAL');
          conn.pragma('synchronous = NORMAL');
          conn.pragma('foreign_keys = ON');
          conn.pragma('busy_timeout = 5000');
          // Per connection: whichever connection starts the log over cuts it back.
          conn.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
          done(null, conn);
        },
      },
    });
    return db;
  }
  const admin = knexFactory({
    client: 'mysql2',
    connection: mysqlConnection(target.url),
    pool: { min: 0, max: 1 },
  });
  try {
    await admin.raw(
      'CREATE DATABASE IF NOT EXISTS ?? CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci',
      [target.database],
    );
  } finally {
    await admin.destroy();
  }
  return knexFactory({
    client: 'mysql2',
    connection: mysqlConnection(target.url, target.database),
    pool: { min: 0, max: options.poolMax ?? 10 },
  });
}

/** Drops the database (MariaDB) or deletes the file (SQLite): for tests and `seed --reset`. */
export async function dropDatabase(target: DatabaseTarget): Promise<void> {
  if (target.client === 'sqlite') {
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(target.file + suffix, { force: true });
    return;
  }
  const admin = knexFactory({
    client: 'mysql2',
    connection: mysqlConnection(target.url),
    pool: { min: 0, max: 1 },
  });
  try {
    await admin.raw('DROP DATABASE IF EXISTS ??', [target.database]);
  } finally {
    await admin.destroy();
  }
}

export function isMysql(db: Knex): boolean {
  return db.client.config.client === 'mysql2';
}

/**
 * Migrations are listed in code rather than discovered on disk, so they run the same under
 * tsx, jest and a bundled build, on SQLite and MariaDB alike.
 */
import { Knex } from 'knex';

export interface Migration {
  /** Sortable, unique within the subgraph: `001_people`. */
  name: string;
  up(db: Knex): Promise<void>;
  down(db: Knex): Promise<void>;
}

class ListedMigrations implements Knex.MigrationSource<Migration> {
  constructor(private readonly migrations: readonly Migration[]) {}
  async getMigrations(): Promise<Migration[]> {
    return [...this.migrations];
  }
  getMigrationName(m: Migration): string {
    return m.name;
  }
  async getMigration(m: Migration): Promise<Knex.Migration> {
    return { up: (db) => m.up(db), down: (db) => m.down(db) };
  }
}

/**
 * Several processes may migrate one database at once (the gateways of a fleet share the audit
 * database). knex's own lock cannot settle that race: two processes that both find its lock table
 * empty both insert a lock row, and from then on every attempt reads "already locked" (it expects
 * to lock exactly one row), for good. So on MariaDB the processes take turns under a server-side
 * advisory lock (GET_LOCK), held for the whole run; under it nobody else is migrating, so a
 * duplicated or stale knex lock row left by such a race, or by a process killed mid-run, is reset.
 * SQLite serialises writers on its file; there a concurrent start still meets "already exists"
 * and waits briefly before trying again.
 */
function concurrentMigration(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  return (
    err.name === 'MigrationLocked' ||
    /knex_migrations(_lock)?['`"]? already exists|already locked|Can't take lock/i.test(err.message)
  );
}

const MIGRATION_ATTEMPTS = 20;
const LOCK_TABLE = 'knex_migrations_lock';
/** How long a process waits for another's migrations (a large first migration takes a while). */
const ADVISORY_LOCK_SECONDS = 300;

async function latest(db: Knex, migrations: readonly Migration[]): Promise<void> {
  await db.migrate.latest({
    migrationSource: new ListedMigrations(migrations),
    tableName: 'knex_migrations',
  });
}

/** Under the advisory lock: one knex lock row, unlocked. */
async function resetKnexLock(db: Knex): Promise<void> {
  if (!(await db.schema.hasTable(LOCK_TABLE))) return;
  const rows = (await db(LOCK_TABLE).select('is_locked')) as { is_locked: number }[];
  if (rows.length === 1 && Number(rows[0].is_locked) === 0) return;
  await db(LOCK_TABLE).del();
  await db(LOCK_TABLE).insert({ is_locked: 0 });
}

async function migrateMysql(db: Knex, migrations: readonly Migration[]): Promise<void> {
  const database = db.client.config.connection?.database ?? 'default';
  const name = `shujutong_migrate:${database}`.slice(0, 64);
  // The advisory lock belongs to one connection: hold one for the whole run.
  const connection = await db.client.acquireConnection();
  const on = (sql: string, bindings: unknown[]) =>
    db.raw(sql, bindings as Knex.RawBinding[]).connection(connection);
  try {
    const [rows] = (await on('SELECT GET_LOCK(?, ?) AS got', [name, ADVISORY_LOCK_SECONDS])) as [
      { got: number | null }[],
    ];
    if (Number(rows[0]?.got) !== 1)
      throw new Error(
        `another process has held the migration lock on ${database} for ${ADVISORY_LOCK_SECONDS} s`,
      );
    try {
      await resetKnexLock(db);
      await latest(db, migrations);
    } finally {
      await on('SELECT RELEASE_LOCK(?)', [name]);
    }
  } finally {
    await db.client.releaseConnection(connection);
  }
}

export async function migrateToLatest(db: Knex, migrations: readonly Migration[]): Promise<void> {
  if (db.client.config.client === 'mysql2') return migrateMysql(db, migrations);
  for (let attempt = 1; ; attempt++) {
    try {
      await latest(db, migrations);
      return;
    } catch (err) {
      if (!concurrentMigration(err) || attempt >= MIGRATION_ATTEMPTS) throw err;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}

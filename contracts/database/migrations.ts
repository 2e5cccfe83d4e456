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
 * database): knex then finds its bookkeeping table created by the other one ("already exists")
 * or its lock taken (MigrationLocked). Both mean another process is migrating; once it is done
 * there is nothing left to do, so wait briefly and try again rather than fail the start.
 */
function concurrentMigration(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  return (
    err.name === 'MigrationLocked' ||
    /knex_migrations(_lock)?['`"]? already exists|already locked|Can't take lock/i.test(err.message)
  );
}

const MIGRATION_ATTEMPTS = 20;

export async function migrateToLatest(db: Knex, migrations: readonly Migration[]): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await db.migrate.latest({
        migrationSource: new ListedMigrations(migrations),
        tableName: 'knex_migrations',
      });
      return;
    } catch (err) {
      if (!concurrentMigration(err) || attempt >= MIGRATION_ATTEMPTS) throw err;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}

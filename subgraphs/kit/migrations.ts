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

export async function migrateToLatest(db: Knex, migrations: readonly Migration[]): Promise<void> {
  await db.migrate.latest({ migrationSource: new ListedMigrations(migrations), tableName: 'knex_migrations' });
}

import { Knex } from 'knex';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap';
import type { SubgraphName } from '../../contracts/subgraph-directory';
import type { World } from '../../domain/demo/world';
import type { Migration } from '../../contracts/database/migrations';
import type { CursorCodec } from './cursor-codec';
import type { CallerIdentity } from '../../contracts/caller/caller-identity';

export interface SubgraphContext {
  caller: CallerIdentity | null;
  /** Seals page cursors (connection.ts); set by the server. @default a random key per process */
  cursors?: CursorCodec;
}

export interface SeedReporter {
  /** Called as rows are written, so long seeds can show progress and rate. */
  written(table: string, rows: number): void;
}

/**
 * Everything that makes one departmental subgraph: its tables, its resolvers and its demo data.
 * The SDL itself lives in `schema/<name>.graphql`.
 */
export interface SubgraphModule<TContext extends SubgraphContext = SubgraphContext> {
  readonly name: SubgraphName;
  readonly migrations: readonly Migration[];
  readonly resolvers: GraphQLResolverMap<TContext>;
  /** A fresh context per request: DataLoaders must not share results across callers. */
  createContext(db: Knex, caller: CallerIdentity | null): TContext;
  /** Fills the (migrated, empty) database with the demo city. */
  seed(db: Knex, world: World, reporter: SeedReporter): Promise<void>;
  /**
   * The database holds what the platform itself records (the audit trail), not demo data:
   * `npm run seed` / `npm start` migrate it but never clear, drop (`--reset`) or seed it.
   * @default false
   */
  readonly preserveData?: boolean;
}

/**
 * The module of any one subgraph. Each is served by a server of its own, so one subgraph's
 * context type never meets another's; only lists of them (the registry, seeding) need this.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the context type is erased on purpose, above
export type AnySubgraphModule = SubgraphModule<any>;

import fs from 'node:fs';
import path from 'node:path';
import { DocumentNode, parse } from 'graphql';
import { Knex } from 'knex';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap';
import type { SubgraphName } from '../services';
import type { World } from '../../domain/demo/world';
import type { Migration } from './migrations';
import type { CursorCodec } from './cursor-codec';

/** What the gateway tells a subgraph about the caller, in verified headers. */
export interface CallerIdentity {
  department: string;
  application: string | null;
  operator: string | null;
  purpose: string | null;
  roles: string[];
  /**
   * Only on a citizen's own token (department `citizen`, gateway/auth/citizen-claims.ts): the
   * citizen's ID number, the one person such a caller may ask about ("who looked at my data").
   * Forwarded to subgraphs in the signed caller header; never recorded in clear.
   */
  citizenIdNumber?: string;
}

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

export const SCHEMA_DIR = path.resolve(__dirname, '../../schema');

export function subgraphSdlPath(name: string): string {
  return path.join(SCHEMA_DIR, `${name}.graphql`);
}

/** The sharing directive and its enums, common to every subgraph. */
export const SHARING_SDL_PATH = path.join(SCHEMA_DIR, 'sharing-directives.graphql');

/** The subgraph's SDL as served and composed: its own file plus the sharing definitions. */
export function subgraphSdlText(name: string): string {
  return `${fs.readFileSync(subgraphSdlPath(name), 'utf8')}\n${fs.readFileSync(SHARING_SDL_PATH, 'utf8')}`;
}

export function loadSubgraphSdl(name: string): DocumentNode {
  return parse(subgraphSdlText(name));
}

/** Where the SDL lives: one file per subgraph under `schema/`, plus the sharing directives every subgraph shares. */
import fs from 'node:fs';
import path from 'node:path';
import { DocumentNode, parse } from 'graphql';

export const SCHEMA_DIR = path.resolve(__dirname, '../schema');

/** The composed supergraph: written by `npm run compose`, read by the gateway at start. */
export const SUPERGRAPH_PATH = path.join(SCHEMA_DIR, 'supergraph.graphql');

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

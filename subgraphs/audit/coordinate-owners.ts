/**
 * Who owns each field of the graph, for "accesses to data I own" and the statistics by resource:
 * the owner the resource catalogue names and the gateway reads in full (contracts/field-rules.ts),
 * the department of the subgraph serving the field (for a field several subgraphs serve, such as
 * an entity key, the type's home subgraph). Built once from the supergraph; pure lookups after.
 */
import fs from 'node:fs';
import { classifySchema } from '../../domain/catalogue/classification';
import { buildFieldRules } from '../../contracts/field-rules';
import type { ResourceOf } from './usage-summary';

const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);

export interface CoordinateOwners {
  /** The owner department of a field; null when the supergraph has no such field. */
  ownerOf(coordinate: string): string | null;
  /** The fields a department owns, sorted. */
  ownedBy(department: string): readonly string[];
  /** For usage-summary.ts: the resource (type) and owner; null for root fields. */
  readonly resourceOf: ResourceOf;
}

export function coordinateOwnersFrom(supergraphSdl: string): CoordinateOwners {
  const rules = buildFieldRules(supergraphSdl);
  const owner = new Map<string, string>();
  const owned = new Map<string, string[]>();
  for (const f of classifySchema(supergraphSdl).fields) {
    // One owner per field, as in the resource catalogue (contracts/catalogue/resource-catalogue.ts).
    const o = rules.get(f.coordinate)?.owners[0];
    if (!o) continue;
    owner.set(f.coordinate, o);
    const list = owned.get(o) ?? [];
    list.push(f.coordinate);
    owned.set(o, list);
  }
  for (const list of owned.values()) list.sort();
  return {
    ownerOf: (coordinate) => owner.get(coordinate) ?? null,
    ownedBy: (department) => owned.get(department) ?? [],
    resourceOf: (coordinate) => {
      const dot = coordinate.indexOf('.');
      const type = dot > 0 ? coordinate.slice(0, dot) : coordinate;
      if (ROOT_TYPES.has(type)) return null;
      // A field no longer in the graph still counts for its type, with no known owner.
      return { resource: type, owner: owner.get(coordinate) ?? '' };
    },
  };
}

export function loadCoordinateOwners(supergraphPath: string): CoordinateOwners {
  let sdl: string;
  try {
    sdl = fs.readFileSync(supergraphPath, 'utf8');
  } catch (err) {
    throw new Error(
      `SUPERGRAPH_PATH: cannot read ${supergraphPath} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); run npm run compose`,
    );
  }
  return coordinateOwnersFrom(sdl);
}

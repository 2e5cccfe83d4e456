/**
 * The sharing rule of every field coordinate of the supergraph, with the department(s) that own
 * the field's data: the owner always reads its own data in full (国发〔2016〕51号 classifies what
 * a provider shares with others, not what it may read itself).
 *
 * Ownership follows the subgraph serving the field. A field served by several subgraphs (an
 * entity's key field such as `Person.idNumber`, a @shareable value type) belongs to the type's
 * home subgraph among them: the one serving most of the type's fields. Otherwise every subgraph
 * that merely references an entity by its key would own the key: the market regulator would
 * read every resident's ID number in clear because its subgraph can join on it.
 */
import type { DocumentNode } from 'graphql';
import {
  classifySchema,
  FieldClassification,
  SharingRule,
} from '../domain/catalogue/classification';
import { SUBGRAPHS } from './subgraph-directory';

export interface FieldRule extends SharingRule {
  /** Schema coordinate, `Type.field`. */
  readonly coordinate: string;
  /** Department codes that own the data: they read it in full whatever its level. */
  readonly owners: readonly string[];
}

/** Subgraph name → owner department code, from `contracts/subgraph-directory.ts`. */
export function registeredSubgraphOwners(): Readonly<Record<string, string>> {
  return Object.freeze(Object.fromEntries(SUBGRAPHS.map((s) => [s.name, s.owner])));
}

function homeSubgraphs(fields: readonly FieldClassification[]): Map<string, Set<string>> {
  const counts = new Map<string, Map<string, number>>();
  for (const f of fields) {
    const byGraph = counts.get(f.typeName) ?? new Map<string, number>();
    for (const g of f.subgraphs) byGraph.set(g, (byGraph.get(g) ?? 0) + 1);
    counts.set(f.typeName, byGraph);
  }
  const homes = new Map<string, Set<string>>();
  for (const [typeName, byGraph] of counts) {
    const most = Math.max(...byGraph.values());
    homes.set(typeName, new Set([...byGraph].filter(([, n]) => n === most).map(([g]) => g)));
  }
  return homes;
}

/**
 * @throws when a subgraph of the supergraph has no owner department: ownership decides who reads
 * data in full, so it must never be guessed.
 */
export function buildFieldRules(
  supergraphSdl: string | DocumentNode,
  subgraphOwners: Readonly<Record<string, string>> = registeredSubgraphOwners(),
): ReadonlyMap<string, FieldRule> {
  const { fields } = classifySchema(supergraphSdl);
  const homes = homeSubgraphs(fields);
  const rules = new Map<string, FieldRule>();
  for (const f of fields) {
    const home = homes.get(f.typeName) ?? new Set<string>();
    const atHome = f.subgraphs.filter((g) => home.has(g));
    const graphs = atHome.length > 0 ? atHome : f.subgraphs;
    const owners = graphs.map((g) => {
      const owner = subgraphOwners[g];
      if (!owner)
        throw new Error(
          `subgraph "${g}" (serving ${f.coordinate}) has no owner department; add it to contracts/subgraph-directory.ts`,
        );
      return owner;
    });
    rules.set(f.coordinate, {
      coordinate: f.coordinate,
      level: f.level,
      condition: f.condition,
      mask: f.mask,
      owners: [...new Set(owners)],
    });
  }
  return rules;
}

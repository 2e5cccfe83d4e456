/**
 * What can be applied for, and to whom: every field coordinate of the supergraph with its
 * sharing classification and the departments that own the subgraphs serving it. Read once from
 * the committed supergraph (the source of truth for which coordinates exist); pure lookups after.
 */
import fs from 'node:fs';
import {
  classifySchema,
  FieldClassification,
  MaskKind,
  SharingLevel,
} from '../../domain/catalogue/classification';
import { SUBGRAPHS } from '../../contracts/subgraph-directory';

export interface CatalogueField {
  /** `Type.field` */
  readonly coordinate: string;
  readonly typeName: string;
  readonly level: SharingLevel;
  readonly mask: MaskKind | null;
  /**
   * Department codes owning the subgraphs that serve the field. A field served by several
   * subgraphs (an entity key, a @shareable field) has several owners: the query planner may
   * fetch it from any of them, so each owner decides for the copy it serves.
   */
  readonly owners: readonly string[];
}

export interface CoordinateCatalogue {
  field(coordinate: string): CatalogueField | undefined;
  /** The type's fields; empty when the supergraph has no such type. */
  fieldsOf(typeName: string): readonly CatalogueField[];
}

export function catalogueFromClassification(
  fields: readonly FieldClassification[],
  ownerOf: (subgraph: string) => string,
): CoordinateCatalogue {
  const byCoordinate = new Map<string, CatalogueField>();
  const byType = new Map<string, CatalogueField[]>();
  for (const f of fields) {
    const entry: CatalogueField = Object.freeze({
      coordinate: f.coordinate,
      typeName: f.typeName,
      level: f.level,
      mask: f.mask,
      owners: Object.freeze([...new Set(f.subgraphs.map(ownerOf))].sort()),
    });
    byCoordinate.set(entry.coordinate, entry);
    let list = byType.get(entry.typeName);
    if (!list) byType.set(entry.typeName, (list = []));
    list.push(entry);
  }
  return {
    field: (coordinate) => byCoordinate.get(coordinate),
    fieldsOf: (typeName) => byType.get(typeName) ?? [],
  };
}

/** Owners by subgraph name from SUBGRAPHS; a subgraph missing there is a broken supergraph, not a guess. */
export function subgraphOwner(subgraph: string): string {
  const service = SUBGRAPHS.find((s) => s.name === subgraph);
  if (!service)
    throw new Error(
      `the supergraph names subgraph "${subgraph}", which contracts/subgraph-directory.ts does not list`,
    );
  return service.owner;
}

export function catalogueFromSupergraph(supergraphSdl: string): CoordinateCatalogue {
  return catalogueFromClassification(classifySchema(supergraphSdl).fields, subgraphOwner);
}

/** The supergraph file's text; a missing file says which command makes it. */
export function readSupergraphText(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT')
      throw new Error(`no supergraph at ${file}: run \`npm run compose\` (or set SUPERGRAPH_PATH)`);
    throw err;
  }
}

export function loadSupergraphCatalogue(file: string): CoordinateCatalogue {
  return catalogueFromSupergraph(readSupergraphText(file));
}

/**
 * The resource catalogue (政务信息资源目录): every data item the graph serves, with its resource,
 * owner department, sharing type and condition (国发〔2016〕51号) and mask, as the catalogue
 * guide (《政务信息资源目录编制指南（试行）》) lists them. Derived from the supergraph's `@sharing`
 * classification, the same source the gateway enforces, so the catalogue cannot promise what the
 * gateway refuses; built once at start, pure filtering after.
 *
 * The owner is the one the gateway treats as the owner (contracts/field-rules.ts): for a
 * field several subgraphs serve, such as an entity key, the department of the type's home
 * subgraph, not every department that can join on it.
 */
import { classifySchema, MaskKind, SharingLevel } from '../../domain/catalogue/classification';
import { buildFieldRules } from '../../contracts/field-rules';
import { readSupergraphText } from './coordinate-catalogue';

export interface CatalogueItem {
  /** `Type.field`: what a sharing application names. */
  readonly coordinate: string;
  /** The information resource (信息资源): the type. */
  readonly resource: string;
  readonly resourceDescription: string | null;
  /** 数据项名称: the field. */
  readonly item: string;
  /** The field's type as written, e.g. `[Certificate!]`. */
  readonly dataType: string;
  /** Department code of the owner (提供方). */
  readonly owner: string;
  /** The subgraphs (base or service databases) serving it. */
  readonly subgraphs: readonly string[];
  readonly sharingLevel: SharingLevel;
  readonly condition: string | null;
  readonly mask: MaskKind | null;
  readonly description: string | null;
}

export interface CatalogueFilter {
  /** Department code. */
  readonly owner?: string | null;
  readonly level?: SharingLevel | null;
  /** Case-insensitive text in the coordinate, descriptions or condition. */
  readonly search?: string | null;
}

export interface ResourceCatalogue {
  /** Matching items in coordinate order. */
  items(filter?: CatalogueFilter): readonly CatalogueItem[];
}

/** Search text is matched as given, not as a pattern; this bounds the work per request. */
export const MAX_SEARCH_LENGTH = 100;

export function buildResourceCatalogue(supergraphSdl: string): ResourceCatalogue {
  const rules = buildFieldRules(supergraphSdl);
  const all: CatalogueItem[] = classifySchema(supergraphSdl)
    .fields.map((f) =>
      Object.freeze({
        coordinate: f.coordinate,
        resource: f.typeName,
        resourceDescription: f.typeDescription,
        item: f.fieldName,
        dataType: f.returnType,
        owner: rules.get(f.coordinate)!.owners[0],
        subgraphs: Object.freeze([...f.subgraphs].sort()),
        sharingLevel: f.level,
        condition: f.condition,
        mask: f.mask,
        description: f.description,
      }),
    )
    .sort((a, b) => (a.coordinate < b.coordinate ? -1 : a.coordinate > b.coordinate ? 1 : 0));
  // Lower-cased once, so a search costs one substring test per item.
  const haystacks = all.map((i) =>
    [i.coordinate, i.description, i.resourceDescription, i.condition]
      .filter(Boolean)
      .join('\n')
      .toLowerCase(),
  );

  return {
    items(filter = {}) {
      const needle = filter.search?.trim().toLowerCase() || null;
      return all.filter(
        (item, i) =>
          (!filter.owner || item.owner === filter.owner) &&
          (!filter.level || item.sharingLevel === filter.level) &&
          (needle === null || haystacks[i].includes(needle)),
      );
    },
  };
}

export function loadResourceCatalogue(supergraphFile: string): ResourceCatalogue {
  return buildResourceCatalogue(readSupergraphText(supergraphFile));
}

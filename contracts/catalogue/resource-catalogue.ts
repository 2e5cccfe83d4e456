/**
 * The resource catalogue (政务信息资源目录): every data item the graph serves, with its resource
 * and the catalogue guide's metadata (《政务信息资源目录编制指南（试行）》): classification,
 * resource code, provider and provider code, format, sharing type, condition and method, open
 * attribute, update cycle, publication date and related resources.
 *
 * Built from two sources: the supergraph's `@sharing` classification, the same the gateway
 * enforces, so the catalogue cannot promise what the gateway refuses; and the catalogue file
 * (schema/resource-catalogue.json), checked against the supergraph at compose time. Built once
 * per supergraph, pure filtering after. The sharing subgraph serves it as Query.catalogue, the
 * gateway's workbench as its catalogue page and exports.
 *
 * The owner is the one the gateway treats as the owner (contracts/field-rules.ts): for a field
 * several subgraphs serve, such as an entity key, the department of the type's home subgraph.
 */
import type { CatalogueDeclaration } from '../../domain/catalogue/catalogue-declaration';
import { resolveCatalogue } from '../../domain/catalogue/catalogue-coverage';
import type {
  CatalogueResource,
  ResourceClassification,
} from '../../domain/catalogue/catalogue-rules';
import type {
  FormatCategory,
  OpenAttribute,
  SharingMethod,
  UpdateCycle,
} from '../../domain/catalogue/catalogue-vocabulary';
import { classifySchema, MaskKind, SharingLevel } from '../../domain/catalogue/classification';
import { departmentCreditCode } from '../../domain/departments';
import { buildFieldRules } from '../field-rules';
import { CatalogueBuildError, RESOURCE_CATALOGUE_PATH } from './catalogue-file';

export type { CatalogueResource, ResourceClassification };

export interface CatalogueEntry {
  /** `Type.field`: what a sharing application names. */
  readonly coordinate: string;
  /** The GraphQL type holding the item. */
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
  /** 信息资源名称 */
  readonly resourceName: string;
  /** 信息资源代码 */
  readonly resourceCode: string;
  /** 信息资源摘要 */
  readonly resourceSummary: string;
  /** 信息资源分类 */
  readonly classification: ResourceClassification;
  /** 提供方代码: the owner's unified social credit code. */
  readonly providerCode: string;
  /** 信息资源格式 */
  readonly resourceFormat: { readonly category: FormatCategory; readonly type: string };
  readonly sharingMethod: SharingMethod;
  readonly openAttribute: OpenAttribute;
  readonly openCondition: string | null;
  readonly updateCycle: UpdateCycle;
  /** 发布日期, YYYY-MM-DD */
  readonly publishedOn: string;
  /** 关联资源代码 */
  readonly relatedResourceCodes: readonly string[];
}

export interface CatalogueFilter {
  /** Department code. */
  readonly owner?: string | null;
  readonly level?: SharingLevel | null;
  /** A resource by its code, or by a type declared as it or part of it (see `resource`). */
  readonly resource?: string | null;
  readonly openAttribute?: OpenAttribute | null;
  /** Case-insensitive text in the coordinate, names, descriptions, codes or conditions. */
  readonly search?: string | null;
}

export interface ResourceCatalogue {
  /** Matching items in coordinate order. */
  items(filter?: CatalogueFilter): readonly CatalogueEntry[];
  /** The resources with at least one item in this supergraph, in code order. */
  resources(): readonly CatalogueResource[];
  /** A resource by its code (101001001/000001), or by a type declared as it or part of it (Person, PersonEdge). */
  resource(codeOrType: string): CatalogueResource | undefined;
}

/** Search text is matched as given, not as a pattern; this bounds the work per request. */
export const MAX_SEARCH_LENGTH = 100;

const byCoordinate = (a: CatalogueEntry, b: CatalogueEntry) =>
  a.coordinate < b.coordinate ? -1 : a.coordinate > b.coordinate ? 1 : 0;

/**
 * @param declaration the catalogue file's (loadCatalogueDeclaration)
 * @throws CatalogueBuildError when the file does not describe every classified field of the
 *   supergraph; types it describes beyond the supergraph are fine (a supergraph of some subgraphs)
 */
export function buildResourceCatalogue(
  supergraphSdl: string,
  declaration: CatalogueDeclaration,
  file: string = RESOURCE_CATALOGUE_PATH,
): ResourceCatalogue {
  const rules = buildFieldRules(supergraphSdl);
  const fields = classifySchema(supergraphSdl).fields;
  const resolution = resolveCatalogue(declaration, fields, { complete: false });
  if (resolution.problems.length > 0) throw new CatalogueBuildError(file, resolution.problems);
  const providerCode = (owner: string): string => {
    const code = departmentCreditCode(owner);
    if (!code)
      throw new Error(`department "${owner}" has no provider code (domain/departments.ts)`);
    return code;
  };
  const all: CatalogueEntry[] = fields
    .map((f): CatalogueEntry => {
      const attributes = resolution.items.get(f.coordinate)!;
      const r = attributes.resource;
      const owner = rules.get(f.coordinate)!.owners[0];
      return Object.freeze({
        coordinate: f.coordinate,
        resource: f.typeName,
        resourceDescription: f.typeDescription,
        item: f.fieldName,
        dataType: f.returnType,
        owner,
        subgraphs: Object.freeze([...f.subgraphs].sort()),
        sharingLevel: f.level,
        condition: f.condition,
        mask: f.mask,
        description: f.description,
        resourceName: r.name,
        resourceCode: r.code,
        resourceSummary: r.summary,
        classification: r.classification,
        providerCode: providerCode(owner),
        resourceFormat: r.format,
        sharingMethod: attributes.sharingMethod,
        openAttribute: attributes.openAttribute,
        openCondition: attributes.openCondition,
        updateCycle: r.updateCycle,
        publishedOn: r.publishedOn,
        relatedResourceCodes: r.related,
      });
    })
    .sort(byCoordinate);
  // Lower-cased once, so a search costs one substring test per item.
  const haystacks = all.map((i) =>
    [
      i.coordinate,
      i.description,
      i.resourceDescription,
      i.condition,
      i.resourceName,
      i.resourceCode,
      i.resourceSummary,
      i.openCondition,
    ]
      .filter(Boolean)
      .join('\n')
      .toLowerCase(),
  );
  const used = new Set(all.map((i) => i.resourceCode));
  const resources = resolution.resources.filter((r) => used.has(r.code));
  const lookup = new Map<string, CatalogueResource>();
  for (const r of resolution.resources) lookup.set(r.code, r);
  for (const [type, d] of declaration.resources) {
    const home = d.kind === 'resource' ? type : d.kind === 'part' ? d.partOf : null;
    const r = home === null ? undefined : resolution.resources.find((x) => x.type === home);
    if (r) lookup.set(type, r);
  }

  return {
    items(filter = {}) {
      const needle = filter.search?.trim().toLowerCase() || null;
      const code = filter.resource ? (lookup.get(filter.resource)?.code ?? null) : undefined;
      if (code === null) return [];
      return all.filter(
        (item, i) =>
          (!filter.owner || item.owner === filter.owner) &&
          (!filter.level || item.sharingLevel === filter.level) &&
          (!code || item.resourceCode === code) &&
          (!filter.openAttribute || item.openAttribute === filter.openAttribute) &&
          (needle === null || haystacks[i].includes(needle)),
      );
    },
    resources: () => resources,
    resource: (codeOrType) => lookup.get(codeOrType),
  };
}

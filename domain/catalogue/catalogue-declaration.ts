/**
 * The catalogue file's shape (schema/resource-catalogue.json): the catalogue guide's metadata
 * for every information resource, keyed by the GraphQL type it is declared on.
 *
 *  - a resource: every attribute of the guide, plus per-field overrides of the attributes the
 *    guide keeps per data item (open attribute, sharing method);
 *  - a part (`partOf`): a type that only carries another resource's items, such as a
 *    connection or an edge, and shares that resource's attributes;
 *  - an operation type (Query, Mutation): each field belongs to the resource it returns, so
 *    only overrides are declared (`partOf` where the return type does not tell).
 *
 * catalogue-reading.ts reads a file into it.
 */
import type {
  FormatCategory,
  OpenAttribute,
  SharingMethod,
  UpdateCycle,
} from './catalogue-vocabulary';
import type { ClassLevel } from './resource-classes';

export interface FieldOverride {
  readonly openAttribute?: OpenAttribute;
  readonly openCondition?: string;
  readonly sharingMethod?: SharingMethod;
  /** Operation types only: the type whose resource the field serves. */
  readonly partOf?: string;
}

export interface ClassificationDeclaration {
  /** 类 code, e.g. 1 */
  readonly class: string;
  /** 项 code, e.g. 01 */
  readonly section: string;
  /** 目 */
  readonly division: ClassLevel;
  /** 细目 */
  readonly subdivision: ClassLevel;
}

export interface ResourceDeclaration {
  readonly kind: 'resource';
  /** 信息资源名称 */
  readonly name: string;
  /** 信息资源代码 */
  readonly code: string;
  /** 信息资源摘要 */
  readonly summary: string;
  readonly classification: ClassificationDeclaration;
  /** 信息资源格式 */
  readonly format: { readonly category: FormatCategory; readonly type: string };
  readonly sharingMethod: SharingMethod;
  readonly openAttribute: OpenAttribute;
  readonly openCondition: string | null;
  readonly updateCycle: UpdateCycle;
  /** 发布日期, YYYY-MM-DD */
  readonly publishedOn: string;
  /** 关联资源代码 */
  readonly related: readonly string[];
  readonly fields: Readonly<Record<string, FieldOverride>>;
}

export interface PartDeclaration {
  readonly kind: 'part';
  readonly partOf: string;
  readonly fields: Readonly<Record<string, FieldOverride>>;
}

export interface OperationDeclaration {
  readonly kind: 'operation';
  readonly fields: Readonly<Record<string, FieldOverride>>;
}

/**
 * An entry too broken to use; kept so that its type is not also reported missing, nor its code,
 * when it has one, reported unknown where another resource relates to it.
 */
export interface InvalidDeclaration {
  readonly kind: 'invalid';
  readonly code?: string;
}

export type TypeDeclaration =
  ResourceDeclaration | PartDeclaration | OperationDeclaration | InvalidDeclaration;

export interface CatalogueDeclaration {
  readonly resources: ReadonlyMap<string, TypeDeclaration>;
}

export const OPERATION_TYPES: ReadonlySet<string> = new Set(['Query', 'Mutation', 'Subscription']);

/** The attributes a resource must declare, with the guide's term for messages. */
export const RESOURCE_ATTRIBUTES: Readonly<Record<string, string>> = {
  name: '信息资源名称',
  code: '信息资源代码',
  summary: '信息资源摘要',
  classification: '信息资源分类',
  format: '信息资源格式',
  sharingMethod: '共享方式',
  openAttribute: '开放属性',
  updateCycle: '更新周期',
  publishedOn: '发布日期',
  related: '关联资源代码',
};

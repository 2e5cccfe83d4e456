/**
 * The catalogue table (政务信息资源目录表) as the catalogue guide lays it out, one column per
 * metadata element in the guide's order: classification (类, 项, 目, 细目), name, code,
 * provider and provider code, summary, format, data item (name, description, data type),
 * sharing attributes (type, condition, method), open attribute (type, condition), update cycle,
 * publication date, related resource codes; and the mask (脱敏), which the gateway applies.
 * The XLSX and CSV writers both print it; `level: 'resource'` columns are the same for every item
 * of a resource, so the workbook merges them down the resource's rows.
 */
import {
  FORMAT_CATEGORY_NAMES,
  MASK_NAMES,
  OPEN_ATTRIBUTE_NAMES,
  SHARING_LEVEL_NAMES,
  SHARING_METHOD_KINDS,
  SHARING_METHOD_NAMES,
  UPDATE_CYCLE_NAMES,
} from '../../../domain/catalogue/catalogue-vocabulary';
import { departmentByCode } from '../../../domain/departments';
import type { CatalogueEntry } from '../../../contracts/catalogue/resource-catalogue';

export interface CatalogueColumn {
  /** The guide's element the column belongs to, printed above related columns; null: none. */
  readonly group: string | null;
  /** Unique across the table, so a CSV header row alone is unambiguous. */
  readonly header: string;
  readonly level: 'resource' | 'item';
  /** Characters (a CJK character counts two), the XLSX column's width. */
  readonly width: number;
  value(entry: CatalogueEntry): string;
}

const level = (l: { code: string; name: string }) => `${l.code} ${l.name}`;

const column = (
  group: string | null,
  header: string,
  scope: CatalogueColumn['level'],
  width: number,
  value: (e: CatalogueEntry) => string,
): CatalogueColumn => ({ group, header, level: scope, width, value });

export const CATALOGUE_COLUMNS: readonly CatalogueColumn[] = Object.freeze([
  column('信息资源分类', '类', 'resource', 16, (e) => level(e.classification.class)),
  column('信息资源分类', '项', 'resource', 14, (e) => level(e.classification.section)),
  column('信息资源分类', '目', 'resource', 16, (e) => level(e.classification.division)),
  column('信息资源分类', '细目', 'resource', 20, (e) => level(e.classification.subdivision)),
  column(null, '信息资源名称', 'resource', 22, (e) => e.resourceName),
  column(null, '信息资源代码', 'resource', 18, (e) => e.resourceCode),
  column(null, '信息资源提供方', 'item', 20, (e) => departmentByCode(e.owner)?.name ?? e.owner),
  column(null, '提供方代码', 'item', 20, (e) => e.providerCode),
  column(null, '信息资源摘要', 'resource', 48, (e) => e.resourceSummary),
  column(
    '信息资源格式',
    '格式分类',
    'resource',
    10,
    (e) => FORMAT_CATEGORY_NAMES[e.resourceFormat.category],
  ),
  column('信息资源格式', '格式类型', 'resource', 10, (e) => e.resourceFormat.type),
  column('信息项', '信息项名称', 'item', 34, (e) => e.coordinate),
  column('信息项', '信息项描述', 'item', 40, (e) => e.description ?? ''),
  column('信息项', '数据类型', 'item', 18, (e) => e.dataType),
  column('共享属性', '共享类型', 'item', 12, (e) => SHARING_LEVEL_NAMES[e.sharingLevel]),
  column('共享属性', '共享条件', 'item', 40, (e) => e.condition ?? ''),
  column('共享属性', '共享方式分类', 'item', 14, (e) => SHARING_METHOD_KINDS[e.sharingMethod]),
  column('共享属性', '共享方式类型', 'item', 12, (e) => SHARING_METHOD_NAMES[e.sharingMethod]),
  column('开放属性', '开放类型', 'item', 12, (e) => OPEN_ATTRIBUTE_NAMES[e.openAttribute]),
  column('开放属性', '开放条件', 'item', 40, (e) => e.openCondition ?? ''),
  column(null, '脱敏方式', 'item', 24, (e) => (e.mask ? MASK_NAMES[e.mask] : '')),
  column(null, '更新周期', 'resource', 10, (e) => UPDATE_CYCLE_NAMES[e.updateCycle]),
  column(null, '发布日期', 'resource', 12, (e) => e.publishedOn),
  column(null, '关联资源代码', 'resource', 20, (e) => e.relatedResourceCodes.join('; ')),
]);

/** The entries grouped by resource, resources in code order and items in coordinate order within. */
export function groupByResource(
  entries: readonly CatalogueEntry[],
): { code: string; entries: CatalogueEntry[] }[] {
  const groups = new Map<string, CatalogueEntry[]>();
  for (const e of entries) {
    const list = groups.get(e.resourceCode);
    if (list) list.push(e);
    else groups.set(e.resourceCode, [e]);
  }
  return [...groups]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([code, list]) => ({
      code,
      entries: list.sort((a, b) =>
        a.coordinate < b.coordinate ? -1 : a.coordinate > b.coordinate ? 1 : 0,
      ),
    }));
}

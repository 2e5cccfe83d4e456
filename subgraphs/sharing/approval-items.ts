/**
 * 政务服务事项 Approval items: what a service hall handles (公共租赁住房申请, 个体工商户设立登记...)
 * and the data items each may draw from the graph instead of paper materials (免证办, 免提交).
 * National rules let the platform use only the data an item needs (国办发〔2018〕45号 and the
 * 一网通办 data-sharing rules), so the data list is what bounds an item's grants, its cases'
 * consent and, at the gateway, every case-bound pull.
 *
 * Items are a catalogue kept in code (demo-approval-items.ts), like the departments: an item's
 * data list changes with its legal basis, through a release, not through an API call.
 */
import { departmentByCode } from '../../domain/departments';
import { ITEM_CODE_PATTERN } from '../../domain/case-number';
import { badUserInput } from '../kit/user-input';
import { CoordinateCatalogue } from './coordinate-catalogue';
import { coversItem, parseItem } from './requested-items';

/** One data item an approval item may draw, and why (the paper material it replaces). */
export interface ItemDataItem {
  /** `Type.field`, or `Type.*` for the type's fields. */
  readonly coordinate: string;
  readonly reason: string;
}

export interface ApprovalItem {
  /** 事项编码 (two letters, four digits), e.g. ZF0101 */
  readonly code: string;
  /** 事项名称, e.g. 公共租赁住房申请 */
  readonly name: string;
  /** The handling department's code (domain/departments.ts) */
  readonly department: string;
  /** 承诺时限: working days (工作日) after the day of acceptance, counted as working-days.ts counts */
  readonly timeLimitDays: number;
  /** The item may also draw on legal entities an applicant represents (个体工商户, say). */
  readonly includesRepresentedEntities: boolean;
  readonly dataItems: readonly ItemDataItem[];
}

export interface ApprovalItemCatalogue {
  /** In code order. */
  readonly all: readonly ApprovalItem[];
  get(code: string): ApprovalItem | undefined;
}

/** @throws on a malformed item: a broken catalogue must stop start-up, not serve. */
export function createItemCatalogue(items: readonly ApprovalItem[]): ApprovalItemCatalogue {
  const byCode = new Map<string, ApprovalItem>();
  for (const item of items) {
    const where = `approval item ${item.code}`;
    if (!ITEM_CODE_PATTERN.test(item.code)) throw new Error(`${where}: code is not [A-Z]{2}\\d{4}`);
    if (byCode.has(item.code)) throw new Error(`${where}: listed twice`);
    if (!departmentByCode(item.department))
      throw new Error(`${where}: unknown department ${item.department}`);
    if (!Number.isInteger(item.timeLimitDays) || item.timeLimitDays < 1)
      throw new Error(`${where}: timeLimitDays must be a whole number of working days >= 1`);
    if (item.dataItems.length === 0) throw new Error(`${where}: lists no data items`);
    for (const d of item.dataItems) {
      if (!parseItem(d.coordinate)) throw new Error(`${where}: "${d.coordinate}" is no coordinate`);
      if (d.reason.trim() === '') throw new Error(`${where}: ${d.coordinate} has no reason`);
    }
    byCode.set(
      item.code,
      Object.freeze({ ...item, dataItems: Object.freeze([...item.dataItems]) }),
    );
  }
  const all = Object.freeze([...byCode.values()].sort((a, b) => a.code.localeCompare(b.code)));
  return { all, get: (code) => byCode.get(code) };
}

/** The item, or BAD_USER_INPUT: an unknown code is the caller's mistake. */
export function requireItem(
  items: ApprovalItemCatalogue,
  argument: string,
  code: string,
): ApprovalItem {
  const item = items.get(code);
  if (!item)
    throw badUserInput(argument, `"${code.slice(0, 20)}" is not an approval item`, {
      problem: 'UNKNOWN',
    });
  return item;
}

export function dataListOf(item: ApprovalItem): string[] {
  return item.dataItems.map((d) => d.coordinate);
}

/**
 * Whether an entry (as applied for, or consented to) lies within the item's data list. A field
 * is within when listed or its type's `*` is; a `Type.*` entry is within when the list has the
 * whole type, or, when `partsOfType` (consent), any field of the type: a consent to `Person.*`
 * then covers the Person fields the item lists, and nothing beyond them.
 */
export function withinDataList(item: ApprovalItem, entry: string, partsOfType = false): boolean {
  const parsed = parseItem(entry);
  if (!parsed) return false;
  const list = dataListOf(item);
  if (parsed.fieldName !== '*') return coversItem(list, entry);
  if (list.includes(entry)) return true;
  return partsOfType && list.some((c) => parseItem(c)?.typeName === parsed.typeName);
}

/**
 * Coordinates of the data list the supergraph does not have: a field it lacks, or a `Type.*`
 * of a type it lacks. Checked by a test against the committed supergraph.
 */
export function missingCoordinates(item: ApprovalItem, catalogue: CoordinateCatalogue): string[] {
  return dataListOf(item).filter((coordinate) => {
    const parsed = parseItem(coordinate);
    if (!parsed) return true;
    if (parsed.fieldName === '*') return catalogue.fieldsOf(parsed.typeName).length === 0;
    return catalogue.field(coordinate) === undefined;
  });
}

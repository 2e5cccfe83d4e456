/**
 * A GraphQL result's `data` as a table, for CSV and Excel exports. Columns are named by the path
 * of response keys (aliases as given), e.g. `people.nodes.name`; list items add no segment. A
 * list of objects becomes one row per item, its parents' values repeated on each; nested lists
 * go down to the innermost items. Sibling lists (a person's certificates and credit records) are
 * not multiplied with each other: each contributes its own rows, with the other's columns empty,
 * so the rows grow with the items served, never with their product. A list of scalars stays in
 * one cell, its items joined by "; ". An object whose lists are all empty is one row of its own,
 * so its values are not lost.
 *
 * Columns come in the order of the selection when it is given (selection-order.ts), else in the
 * order the response first shows them; either way a column first seen late, under an object
 * that was null before, takes its place beside its siblings, not at the end. A withheld or null
 * field is an empty cell.
 */
import type { KeyOrder } from './selection-order';

export type Cell = string | number | boolean | null;

export interface ResultTable {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
}

/** More rows than the export allows: thrown while flattening, before the rest is built. */
export class TooManyRows extends Error {
  constructor(readonly max: number) {
    super(`more than ${max} rows`);
  }
}

/** The column tree: each key's children in the order first seen, so columns follow the selection. */
interface ColumnNode {
  readonly children: Map<string, ColumnNode>;
  /** A scalar (or a list of scalars) was seen here: it is a column. */
  leaf: boolean;
  /** An object (or a list of objects) was seen here: its fields are the columns. */
  branch: boolean;
}

const columnNode = (): ColumnNode => ({ children: new Map(), leaf: false, branch: false });

type Row = Map<ColumnNode, Cell>;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A list holding an object anywhere (nested lists included) yields rows; one of scalars is a cell. */
function holdsObjects(list: readonly unknown[]): boolean {
  return list.some((v) => isObject(v) || (Array.isArray(v) && holdsObjects(v)));
}

/** Null, or a list with nothing in it but nulls: says nothing about what the field holds. */
function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || (Array.isArray(value) && value.every(isEmpty));
}

function cellOf(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return value;
  if (Array.isArray(value))
    return value
      .flat(Infinity)
      .map((v) => {
        const c = cellOf(v);
        return c === null ? '' : String(c);
      })
      .join('; ');
  // A custom scalar serialised as an object (JSON): kept whole, as text.
  return JSON.stringify(value);
}

class Flattener {
  readonly root = columnNode();

  constructor(private readonly maxRows: number) {}

  /** The rows of an object: its own cells (nested objects included) on each row its lists yield. */
  objectRows(value: Record<string, unknown>, at: ColumnNode): Row[] {
    const own: Row = new Map();
    const groups: Row[][] = [];
    this.collect(value, at, own, groups);
    const rows: Row[] = [];
    for (const group of groups)
      for (const row of group) {
        const merged = new Map(own);
        for (const [column, cell] of row) merged.set(column, cell);
        rows.push(merged);
      }
    return rows.length > 0 ? rows : [own];
  }

  private collect(value: Record<string, unknown>, at: ColumnNode, own: Row, groups: Row[][]): void {
    at.branch = true;
    for (const [key, child] of Object.entries(value)) {
      let node = at.children.get(key);
      if (!node) at.children.set(key, (node = columnNode()));
      if (isObject(child)) this.collect(child, node, own, groups);
      else if (Array.isArray(child) && holdsObjects(child)) groups.push(this.listRows(child, node));
      else if (!isEmpty(child)) {
        node.leaf = true;
        own.set(node, cellOf(child));
      }
      // Null (withheld, absent, an empty list): the cell stays empty, whatever the field holds.
    }
  }

  listRows(list: readonly unknown[], at: ColumnNode): Row[] {
    at.branch = true;
    const rows: Row[] = [];
    for (const item of list) {
      if (isObject(item)) rows.push(...this.objectRows(item, at));
      else if (Array.isArray(item)) rows.push(...this.listRows(item, at));
      // A null item (an entity that could not be served) adds no row.
      // Every row of a list ends up in exactly one row of the table: past the bound here, past it there.
      if (rows.length > this.maxRows) throw new TooManyRows(this.maxRows);
    }
    return rows;
  }
}

/** The keys in selection order where the order knows them, the rest after, as first seen. */
function ordered(node: ColumnNode, order: KeyOrder | undefined): [string, ColumnNode][] {
  const entries = [...node.children];
  if (!order) return entries;
  const rank = new Map([...order.children.keys()].map((key, i) => [key, i]));
  const at = (key: string) => rank.get(key) ?? rank.size;
  // Stable: keys of equal rank keep the order they were first seen in.
  return entries.sort(([a], [b]) => at(a) - at(b));
}

function columnsOf(
  node: ColumnNode,
  order: KeyOrder | undefined,
  prefix: string,
  out: { path: string; node: ColumnNode }[],
): void {
  for (const [key, child] of ordered(node, order)) {
    const path = prefix ? `${prefix}.${key}` : key;
    // A scalar, or null everywhere it was seen and never an object: a column (of empty cells).
    if (child.leaf || !child.branch) out.push({ path, node: child });
    columnsOf(child, order?.children.get(key), path, out);
  }
}

/**
 * @param maxRows the most rows the table may have
 * @param order the operation's selection order (selection-order.ts), for the columns
 * @throws TooManyRows past `maxRows`
 */
export function resultRows(data: unknown, maxRows: number, order?: KeyOrder): ResultTable {
  const flattener = new Flattener(maxRows);
  const rows = isObject(data) ? flattener.objectRows(data, flattener.root) : [];
  if (rows.length > maxRows) throw new TooManyRows(maxRows);
  const columns: { path: string; node: ColumnNode }[] = [];
  columnsOf(flattener.root, order, '', columns);
  return {
    columns: columns.map((c) => c.path),
    rows: rows.map((row) => columns.map((c) => (row.has(c.node) ? row.get(c.node)! : null))),
  };
}

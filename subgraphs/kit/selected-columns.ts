/**
 * Reads only the columns a selection needs. A batch of fifty residents' certificates read with
 * `select *` spent most of its time turning columns nobody asked for (the printed surface as
 * JSON, addresses, officers' names) into JavaScript strings: about 750 µs against 270 µs for
 * the few a people page selects (issue 13).
 *
 * Each field of the row's GraphQL type names the columns its resolver reads; the columns of a
 * selection are those of its fields plus the ones the loader itself needs (keys, ordering,
 * filters). A selection with a field missing from the map reads every column, so a field added
 * to the schema and not to the map costs speed, never data.
 *
 * Every distinct column set is a query shape of its own, with its compiled SQL and a prepared
 * statement per IN-list size. A caller choosing selections to make shapes without end would
 * fill those caches: past `maxShapes` a new set reads every column instead.
 */
import type { GraphQLResolveInfo } from 'graphql';
import { selectedFieldNames } from './selects-field';

export interface ColumnPruningOptions<Shape> {
  /** Field name → the columns its resolver reads; `__typename` needs none. */
  readonly columnsByField: Readonly<Record<string, readonly string[]>>;
  /** Columns every read needs whatever is selected: the loader's key, ordering and filters. */
  readonly always: readonly string[];
  /** Builds what a column set is read with; `null` means every column. Called once per set. */
  readonly shape: (columns: readonly string[] | null) => Shape;
  /** Distinct column sets kept; further sets read every column. @default 32 */
  readonly maxShapes?: number;
}

export class ColumnPruning<Shape> {
  private readonly shapes = new Map<string, Shape>();
  /**
   * A list field under fifty entities resolves fifty times with the same field nodes and
   * variables: its shape is worked out once per pair. Both are per operation (the variables per
   * request), so nothing here outlives them.
   */
  private readonly bySelection = new WeakMap<object, WeakMap<object, Shape>>();
  private readonly everyColumn: Shape;
  private readonly maxShapes: number;

  constructor(private readonly options: ColumnPruningOptions<Shape>) {
    this.everyColumn = options.shape(null);
    this.maxShapes = options.maxShapes ?? 32;
  }

  /** The columns `fields` need, sorted; null when a field is not mapped (read every column). */
  columns(fields: Iterable<string>): string[] | null {
    const columns = new Set(this.options.always);
    for (const field of fields) {
      if (field === '__typename') continue;
      const needs = Object.prototype.hasOwnProperty.call(this.options.columnsByField, field)
        ? this.options.columnsByField[field]
        : undefined;
      if (!needs) return null;
      for (const c of needs) columns.add(c);
    }
    return [...columns].sort();
  }

  /** What to read the current field's rows with, for what the operation selects under it. */
  forSelection(info: GraphQLResolveInfo): Shape {
    let byVariables = this.bySelection.get(info.fieldNodes);
    if (!byVariables) this.bySelection.set(info.fieldNodes, (byVariables = new WeakMap()));
    let shape = byVariables.get(info.variableValues);
    if (shape === undefined) {
      shape = this.forColumns(this.columns(selectedFieldNames(info)));
      byVariables.set(info.variableValues, shape);
    }
    return shape;
  }

  forColumns(columns: readonly string[] | null): Shape {
    if (!columns) return this.everyColumn;
    const key = columns.join(',');
    let shape = this.shapes.get(key);
    if (shape === undefined) {
      if (this.shapes.size >= this.maxShapes) return this.everyColumn;
      this.shapes.set(key, (shape = this.options.shape(columns)));
    }
    return shape;
  }

  /** How many column sets have their own shape (for tests and diagnostics). */
  get shapeCount(): number {
    return this.shapes.size;
  }
}

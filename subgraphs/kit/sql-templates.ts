/**
 * SELECTs whose SQL is compiled by knex once per shape and then reused with new values: knex
 * builds the query with stand-ins for the values, so identifiers are quoted by the dialect and
 * every value stays a bound parameter, and later queries of the same shape only fill in the
 * bindings (prepared-select.ts runs them). Building each query with knex cost about a tenth of
 * a subgraph's busy time (issue 13).
 *
 * A shape is whatever changes the SQL text: which clauses are present and how many values each
 * IN list has. The caller names it; the values themselves must never be part of it.
 */
import { Knex } from 'knex';
import { preparedSelect } from './prepared-select';

/** Shapes kept per template set; past this the oldest is compiled again when next needed. */
const MAX_SHAPES = 1_000;

interface CompiledShape {
  readonly sql: string;
  readonly bindings: readonly unknown[];
  /** Where each value goes among the bindings. */
  readonly slots: readonly number[];
}

/** Stand-ins for the values while compiling: no real value contains a NUL character. */
const standIn = (i: number) => `\u0000sql-template-value-${i}\u0000`;

export class SqlTemplates {
  private readonly shapes = new Map<string, CompiledShape>();

  /**
   * The rows of the query `build` makes for `values`. `build` receives stand-ins, one per value
   * in the same order, and must bind each exactly once (as a where or IN-list value, not a limit).
   */
  select<Row>(
    db: Knex,
    shape: string,
    values: readonly string[],
    build: (standIns: readonly string[]) => Knex.QueryBuilder,
  ): Promise<Row[]> {
    const compiled = this.compiled(db, shape, values.length, build);
    const bindings = compiled.bindings.slice();
    compiled.slots.forEach((slot, i) => {
      bindings[slot] = values[i];
    });
    return preparedSelect<Row>(db, compiled.sql, bindings);
  }

  private compiled(
    db: Knex,
    shape: string,
    count: number,
    build: (standIns: readonly string[]) => Knex.QueryBuilder,
  ): CompiledShape {
    // The dialect quotes identifiers; the count guards a caller whose shape forgot a list length.
    const key = `${db.client.dialect as string}\u0000${count}\u0000${shape}`;
    const found = this.shapes.get(key);
    if (found) return found;
    const standIns = Array.from({ length: count }, (_, i) => standIn(i));
    const { sql, bindings } = build(standIns).toSQL();
    const slots = standIns.map((s) => bindings.indexOf(s));
    if (slots.some((slot, i) => slot < 0 || bindings.lastIndexOf(standIns[i]) !== slot))
      throw new Error(`a query template must bind each value exactly once: ${sql}`);
    const compiled = { sql, bindings: [...bindings], slots };
    if (this.shapes.size >= MAX_SHAPES)
      this.shapes.delete(this.shapes.keys().next().value as string);
    this.shapes.set(key, compiled);
    return compiled;
  }
}

import { buildSchema, execute, graphql, GraphQLResolveInfo, parse } from 'graphql';
import { ColumnPruning } from '../selected-columns';
import { selectedFieldNames } from '../selects-field';

const COLUMNS_BY_FIELD = {
  number: ['number'],
  status: ['recorded_status', 'valid_to'],
  validTo: ['valid_to'],
  surface: ['surface'],
};

function pruning(maxShapes?: number) {
  const made: (readonly string[] | null)[] = [];
  const p = new ColumnPruning<{ columns: readonly string[] | null }>({
    columnsByField: COLUMNS_BY_FIELD,
    always: ['holder_key', 'number'],
    shape: (columns) => {
      made.push(columns);
      return { columns };
    },
    maxShapes,
  });
  return { p, made };
}

describe('reading only the columns a selection needs', () => {
  it('reads the union of the selected fields’ columns and the loader’s own, sorted, once each', () => {
    const { p } = pruning();
    expect(p.columns(['status', 'validTo', 'number'])).toEqual([
      'holder_key',
      'number',
      'recorded_status',
      'valid_to',
    ]);
  });

  it('needs no column for __typename', () => {
    expect(pruning().p.columns(['__typename'])).toEqual(['holder_key', 'number']);
  });

  it('reads every column when a selected field is not mapped, so a new field costs speed and never data', () => {
    const { p } = pruning();
    expect(p.columns(['number', 'holderName'])).toBeNull();
    expect(p.columns(['toString'])).toBeNull();
    expect(p.forColumns(null).columns).toBeNull();
  });

  it('makes one shape per column set and hands the same one back', () => {
    const { p, made } = pruning();
    const a = p.forColumns(p.columns(['number', 'status']));
    const b = p.forColumns(p.columns(['status', 'number', '__typename']));
    expect(b).toBe(a);
    expect(made).toEqual([null, ['holder_key', 'number', 'recorded_status', 'valid_to']]);
  });

  it('past its bound of column sets reads every column instead of making more shapes (a caller cannot fill the statement caches)', () => {
    const { p, made } = pruning(2);
    const sets = [['number'], ['status'], ['validTo'], ['surface'], ['status', 'surface']];
    const shapes = sets.map((fields) => p.forColumns(p.columns(fields)));
    expect(p.shapeCount).toBe(2);
    expect(made).toHaveLength(3);
    expect(shapes.slice(2).every((s) => s.columns === null)).toBe(true);
    // Sets seen before the bound keep their own shape.
    expect(p.forColumns(p.columns(['number'])).columns).toEqual(['holder_key', 'number']);
  });
});

describe('the fields an operation selects under the current one', () => {
  const schema = buildSchema(`
    type Certificate { number: ID! status: String validTo: String surface: String }
    type Query { certificates: [Certificate!]! }
  `);

  async function selected(query: string, variables?: Record<string, unknown>): Promise<string[]> {
    let names: Set<string> = new Set();
    const result = await graphql({
      schema,
      source: query,
      variableValues: variables,
      rootValue: {
        certificates: (_: unknown, _ctx: unknown, info: GraphQLResolveInfo) => {
          names = selectedFieldNames(info);
          return [];
        },
      },
    });
    expect(result.errors).toBeUndefined();
    return [...names].sort();
  }

  it('follows inline fragments and named fragments', async () => {
    expect(
      await selected(`
        query { certificates { number ... on Certificate { status } ...F } }
        fragment F on Certificate { surface __typename }`),
    ).toEqual(['__typename', 'number', 'status', 'surface']);
  });

  it('leaves out what @skip and @include leave out, as the executor will', async () => {
    expect(
      await selected(
        `query($s: Boolean!) { certificates { number surface @include(if: $s) validTo @skip(if: true) } }`,
        { s: false },
      ),
    ).toEqual(['number']);
  });

  it('merges the selections of a field the operation names twice under one response key', async () => {
    expect(await selected(`query { certificates { number } certificates { status } }`)).toEqual([
      'number',
      'status',
    ]);
  });

  it('works a shape out per operation and variables: one parsed document run with @include on and off reads different columns', async () => {
    const { p } = pruning();
    const document = parse(
      `query($s: Boolean!) { certificates { number surface @include(if: $s) } }`,
    );
    const shapes: (readonly string[] | null)[] = [];
    const run = async (s: boolean) => {
      const result = await execute({
        schema,
        document,
        variableValues: { s },
        rootValue: {
          certificates: (_: unknown, _ctx: unknown, info: GraphQLResolveInfo) => {
            // Twice per run, as a list under many entities resolves: the same answer both times.
            shapes.push(p.forSelection(info).columns, p.forSelection(info).columns);
            return [];
          },
        },
      });
      expect(result.errors).toBeUndefined();
    };
    await run(true);
    await run(false);
    await run(true);
    expect(shapes).toEqual([
      ['holder_key', 'number', 'surface'],
      ['holder_key', 'number', 'surface'],
      ['holder_key', 'number'],
      ['holder_key', 'number'],
      ['holder_key', 'number', 'surface'],
      ['holder_key', 'number', 'surface'],
    ]);
  });
});

/**
 * Random GraphQL requests for the fuzz test, drawn through fast-check's `gen()` so a failure
 * reproduces from its seed and shrinks: operations generated from the API schema (selections,
 * aliases, inline fragments on interfaces and unions, named fragments, arguments of the right
 * and the wrong type, variables, @include/@skip), mostly valid and sometimes not; and valid
 * request bodies broken the ways a hostile or careless client breaks them.
 */
import fc from 'fast-check';
import {
  getNamedType,
  GraphQLCompositeType,
  GraphQLField,
  GraphQLInputType,
  GraphQLNamedType,
  GraphQLSchema,
  isAbstractType,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isUnionType,
} from 'graphql';

export type Draw = fc.GeneratorValue;

export interface FuzzRequest {
  readonly method: 'POST' | 'GET';
  readonly contentType: string | null;
  readonly body: string;
  /** For GET: the URL's query string. */
  readonly search: string;
}

/** Real keys of the seeded city, so some lookups find something. */
export interface FuzzPool {
  readonly ids: readonly string[];
}

const pick = <T>(g: Draw, items: readonly T[]): T => items[g(fc.nat, { max: items.length - 1 })];
const chance = (g: Draw, percent: number): boolean => g(fc.nat, { max: 99 }) < percent;

const WRONG_LITERALS = [
  '"text"',
  '12',
  '-1',
  '3.5',
  'true',
  'null',
  '[1, 2]',
  '{ a: 1 }',
  'NOT_A_VALUE',
  '99999999999999999999',
  '""',
];
const WRONG_VALUES: unknown[] = [
  'text',
  12,
  -1,
  1e308,
  -1e308,
  2 ** 64,
  true,
  null,
  [],
  {},
  [[1]],
  { a: { b: 1 } },
  '',
  'x'.repeat(2000),
];

class OperationBuilder {
  private readonly fragments: string[] = [];
  private readonly variables: string[] = [];
  readonly values: Record<string, unknown> = {};
  private names = 0;
  /** About half the operations carry deliberate mistakes; the rest are valid, so they reach the policy, the planner and the subgraphs. */
  private readonly broken: boolean;

  constructor(
    private readonly g: Draw,
    private readonly schema: GraphQLSchema,
    private readonly pool: FuzzPool,
  ) {
    this.broken = chance(g, 50);
  }

  /** A deliberate mistake, in broken operations only. */
  private oops(percent: number): boolean {
    return this.broken && chance(this.g, percent);
  }

  private scalarLiteral(type: GraphQLNamedType): string {
    const g = this.g;
    if (isEnumType(type)) return this.oops(10) ? 'NOT_A_VALUE' : pick(g, type.getValues()).name;
    switch (type.name) {
      case 'Int':
        return String(
          pick(
            g,
            this.broken ? [0, 1, 5, 20, 100, 101, -1, 2147483647, 2147483648] : [0, 1, 5, 20, 100],
          ),
        );
      case 'Float':
        return String(
          pick(g, this.broken ? [0, 1.5, -180.5, 32.01, 120.87, 1e308] : [0, 1.5, 32.01, 120.87]),
        );
      case 'Boolean':
        return pick(g, ['true', 'false']);
      default:
        return JSON.stringify(this.stringValue());
    }
  }

  private stringValue(): string {
    const g = this.g;
    const kind = g(fc.nat, { max: 9 });
    if (kind < 4) return pick(g, this.pool.ids);
    if (kind < 6)
      return pick(g, [
        '320602',
        '320685',
        '3206',
        'H0001',
        '91320602MA1X0000X0',
        '2024-01-01',
        '2024-01-01T00:00:00Z',
        '2024',
      ]);
    if (kind < 8) return g(fc.string, { maxLength: 40 });
    return g(fc.string, { unit: 'binary', maxLength: 80 });
  }

  private literal(type: GraphQLInputType, depth: number): string {
    const g = this.g;
    if (this.oops(7)) return pick(g, WRONG_LITERALS);
    if (isNonNullType(type)) return this.literal(type.ofType, depth);
    if (isListType(type)) {
      if (chance(g, 30)) return this.literal(type.ofType, depth);
      return `[${Array.from({ length: g(fc.nat, { max: 3 }) }, () => this.literal(type.ofType, depth + 1)).join(', ')}]`;
    }
    if (isInputObjectType(type)) {
      if (depth > 3) return '{}';
      const fields = Object.values(type.getFields()).filter(
        (f) => isNonNullType(f.type) || chance(g, 50),
      );
      return `{ ${fields.map((f) => `${f.name}: ${this.literal(f.type, depth + 1)}`).join(', ')} }`;
    }
    return this.scalarLiteral(type);
  }

  private jsValue(type: GraphQLInputType, depth: number): unknown {
    const g = this.g;
    if (this.oops(10)) return pick(g, WRONG_VALUES);
    if (isNonNullType(type)) return this.jsValue(type.ofType, depth);
    if (isListType(type))
      return Array.from({ length: g(fc.nat, { max: 3 }) }, () =>
        this.jsValue(type.ofType, depth + 1),
      );
    if (isInputObjectType(type)) {
      if (depth > 3) return {};
      const out: Record<string, unknown> = {};
      for (const f of Object.values(type.getFields()))
        if (isNonNullType(f.type) || chance(g, 50)) out[f.name] = this.jsValue(f.type, depth + 1);
      return out;
    }
    if (isEnumType(type)) return pick(g, type.getValues()).name;
    const literal = this.scalarLiteral(type);
    try {
      return JSON.parse(literal);
    } catch {
      return literal;
    }
  }

  private argument(name: string, type: GraphQLInputType): string {
    if (chance(this.g, 25)) {
      const variable = `v${this.names++}`;
      // Sometimes declared with another type than the argument's: validation must say so, not crash.
      const declared = !this.oops(10)
        ? String(type)
        : pick(this.g, ['String', 'Int!', '[ID!]!', 'Boolean', 'NoSuchType']);
      this.variables.push(`$${variable}: ${declared}`);
      if (!this.oops(15)) this.values[variable] = this.jsValue(type, 0);
      return `${name}: $${variable}`;
    }
    return `${name}: ${this.literal(type, 0)}`;
  }

  private directives(): string {
    if (!chance(this.g, 12)) return '';
    const directive = pick(this.g, ['include', 'skip']);
    if (chance(this.g, 50)) return ` @${directive}(if: ${pick(this.g, ['true', 'false'])})`;
    const variable = `v${this.names++}`;
    this.variables.push(`$${variable}: Boolean${chance(this.g, 50) ? '!' : ' = true'}`);
    if (!this.oops(20)) this.values[variable] = this.oops(10) ? 'yes' : chance(this.g, 50);
    return ` @${directive}(if: $${variable})`;
  }

  private field(field: GraphQLField<unknown, unknown>, depth: number): string {
    const g = this.g;
    const args = field.args
      .filter((a) => (isNonNullType(a.type) ? !this.oops(5) : chance(g, 30)))
      .map((a) => this.argument(a.name, a.type));
    if (this.oops(3)) args.push(`nonsense: 1`);
    // Same response key with other arguments does not merge (validation); broken operations try it anyway.
    const alias = chance(g, 20) || (args.length > 0 && !this.oops(30)) ? `a${this.names++}: ` : '';
    const type = getNamedType(field.type);
    const sub = isCompositeType(type) ? ` ${this.selectionSet(type, depth + 1)}` : '';
    return `${alias}${field.name}${args.length > 0 ? `(${args.join(', ')})` : ''}${this.directives()}${sub}`;
  }

  selectionSet(type: GraphQLCompositeType, depth: number): string {
    const g = this.g;
    if (depth > 4) return '{ __typename }';
    const fields =
      isObjectType(type) || isInterfaceType(type) ? Object.values(type.getFields()) : [];
    const possible = isAbstractType(type) ? this.schema.getPossibleTypes(type) : [];
    const items: string[] = [];
    const n = 1 + g(fc.nat, { max: 3 });
    for (let i = 0; i < n; i++) {
      const kind = g(fc.nat, { max: 99 });
      if (kind < 65 && fields.length > 0) items.push(this.field(pick(g, fields), depth));
      else if (kind < 80 && (possible.length > 0 || isUnionType(type))) {
        const on = possible.length > 0 ? pick(g, possible) : type;
        items.push(`... on ${on.name}${this.directives()} ${this.selectionSet(on, depth + 1)}`);
      } else if (kind < 92) {
        const name = `F${this.names++}`;
        const on = possible.length > 0 && chance(g, 50) ? pick(g, possible) : type;
        this.fragments.push(`fragment ${name} on ${on.name} ${this.selectionSet(on, depth + 1)}`);
        items.push(`...${name}${this.directives()}`);
        // Spread twice now and then: the same fragment at one place, as attackers do.
        if (chance(g, 20)) items.push(`...${name}`);
      } else if (kind < 96 || !this.broken) items.push('__typename');
      else
        items.push(
          pick(g, [
            'bogusField',
            'idNumber',
            '...Missing',
            '... on NoSuchType { a }',
            'name(idNumber: 1)',
          ]),
        );
    }
    return `{ ${items.join(' ')} }`;
  }

  operation(): { query: string; variables: Record<string, unknown>; operationName?: string } {
    const g = this.g;
    const kind = g(fc.nat, { max: 99 });
    const root = kind < 88 ? this.schema.getQueryType() : this.schema.getMutationType();
    const keyword = kind < 88 ? 'query' : kind < 97 || !this.broken ? 'mutation' : 'subscription';
    const selection = root ? this.selectionSet(root, 1) : '{ __typename }';
    const name = chance(g, 50) ? `Op${this.names++}` : '';
    const header =
      `${keyword} ${name}${this.variables.length > 0 ? `(${this.variables.join(', ')})` : ''}`.trim();
    const query = [`${header} ${selection}`, ...this.fragments].join('\n');
    const operationName =
      name && chance(g, 70) ? name : this.oops(10) ? 'NoSuchOperation' : undefined;
    return { query, variables: this.values, ...(operationName ? { operationName } : {}) };
  }
}

export function randomOperation(g: Draw, schema: GraphQLSchema, pool: FuzzPool) {
  return new OperationBuilder(g, schema, pool).operation();
}

const json = (value: unknown): FuzzRequest => ({
  method: 'POST',
  contentType: 'application/json',
  body: JSON.stringify(value),
  search: '',
});

/** A valid request body broken one way: bytes, JSON types, numbers, nesting, transport. */
export function brokenRequest(
  g: Draw,
  valid: { query: string; variables: Record<string, unknown> },
): FuzzRequest {
  const text = JSON.stringify(valid);
  const bytes = Buffer.from(text);
  const deep = (n: number, open: string, close: string, inner: string) =>
    `${open.repeat(n)}${inner}${close.repeat(n)}`;
  switch (g(fc.nat, { max: 12 })) {
    case 0:
      return { ...json(null), body: text.slice(0, g(fc.nat, { max: text.length })) };
    case 1: {
      const copy = Buffer.from(bytes);
      for (let i = g(fc.nat, { max: 8 }); i >= 0; i--)
        copy[g(fc.nat, { max: copy.length - 1 })] = g(fc.nat, { max: 255 });
      return { ...json(null), body: copy.toString('latin1') };
    }
    case 2:
      return json(
        pick(g, [
          { query: 1 },
          { query: ['{ __typename }'] },
          { query: {} },
          { query: null },
          {},
          [],
          'text',
          42,
          null,
          { ...valid, variables: 'x' },
          { ...valid, variables: [1] },
          { ...valid, operationName: 5 },
          { ...valid, extensions: 'x' },
          [valid, valid],
        ]),
      );
    case 3: {
      const huge = pick(g, [
        '1e308',
        '-1e308',
        '18446744073709551616',
        '1'.repeat(400),
        '0.' + '0'.repeat(400) + '1',
        '-0',
      ]);
      return {
        ...json(null),
        body: `{"query":"query($n: Int, $f: Float) { people(regionCode: \\"320602\\", first: $n) { totalCount } }","variables":{"n":${huge},"f":${huge}}}`,
      };
    }
    case 4:
      return {
        ...json(null),
        body: `{"query":"{ __typename }","variables":{"v":${deep(g(fc.integer, { min: 100, max: 50_000 }), '[', ']', '1')}}}`,
      };
    case 5:
      return {
        ...json(null),
        body: `{"query":"{ __typename }","variables":${deep(g(fc.integer, { min: 100, max: 20_000 }), '{"a":', '}', '1')}}`,
      };
    case 6: {
      const n = g(fc.integer, { min: 10, max: 5_000 });
      return json({
        query: `{ person(idNumber: "1") ${deep(n, '{ household { members ', '} } ', '{ name }')} }`,
      });
    }
    case 7:
      return json({
        query: `query($v: ${deep(g(fc.integer, { min: 5, max: 3000 }), '[', ']', 'ID')}) { __typename }`,
        variables: { v: 1 },
      });
    case 8:
      return {
        ...json(valid),
        contentType: pick(g, [
          'text/plain',
          'application/graphql',
          'multipart/form-data; boundary=x',
          'application/json; charset=latin1',
          null,
        ]),
      };
    case 9:
      return {
        method: 'GET',
        contentType: null,
        body: '',
        search: `?query=${encodeURIComponent(g(fc.boolean) ? valid.query.slice(0, g(fc.nat, { max: valid.query.length })) : valid.query)}&variables=${encodeURIComponent(g(fc.boolean) ? JSON.stringify(valid.variables) : '{bad')}`,
      };
    case 10:
      return json({
        query: `{ ${Array.from({ length: g(fc.integer, { min: 1, max: 3000 }) }, (_, i) => `a${i}: __typename`).join(' ')} }`,
      });
    case 11: {
      // GET: the URL is bounded by the header size, not the body limit.
      const n = g(fc.integer, { min: 100, max: 4_000 });
      return {
        method: 'GET',
        contentType: null,
        body: '',
        search: `?query=${encodeURIComponent('{ __typename }')}&variables=${encodeURIComponent(`{"v":${deep(n, '[', ']', '1')}}`)}`,
      };
    }
    default:
      return json({ ...valid, query: `${valid.query}${g(fc.string, { maxLength: 30 })}` });
  }
}

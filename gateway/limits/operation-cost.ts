/**
 * The estimated cost of an operation: the idea of IBM's GraphQL Cost Directives specification
 * (https://ibm.github.io/graphql-specs/cost-spec.html) and Apollo's demand control, without
 * directives in the schema. A field returning an object costs 1 (a mutation's root field 10), a
 * scalar 0; a list multiplies what it holds by its size: its `first`/`last` argument, else the
 * argument's default in the schema, else `defaultListSize`; `first: $variable` counts as
 * `maxListSize` (the estimate is cached by document text, so it cannot read variables).
 *
 * A connection (`people(first: 50) { nodes { … } edges { node { … } } }`) gives its page size
 * to the lists directly under it (IBM's `sizedFields`). So that a fragment's cost is the same
 * wherever it is spread, a selection set's cost is kept as `fixed + page × perPage`, `perPage`
 * being what its unsized lists cost per item; the enclosing field fills in the page.
 */
import {
  FieldNode,
  getNamedType,
  getNullableType,
  GraphQLField,
  isCompositeType,
  isListType,
  Kind,
} from 'graphql';

/** Counts stop here instead of overflowing: far above every limit, exact below it. */
export const SATURATED = 1e15;

export const add = (a: number, b: number): number => Math.min(a + b, SATURATED);
export const mul = (a: number, b: number): number => Math.min(a * b, SATURATED);

export interface LinearCost {
  readonly fixed: number;
  readonly perPage: number;
}

export const ZERO_COST: LinearCost = { fixed: 0, perPage: 0 };

export interface CostOptions {
  readonly defaultListSize: number;
  readonly maxListSize: number;
}

const SLICING_ARGUMENTS = ['first', 'last'];
const MUTATION_WEIGHT = 10;

export function resolveCost(cost: LinearCost, page: number): number {
  return add(cost.fixed, mul(page, cost.perPage));
}

/** The page a field asks for, or null when it takes no slicing argument. */
function sliceSize(
  node: FieldNode,
  definition: GraphQLField<unknown, unknown> | undefined,
  options: CostOptions,
): number | null {
  for (const arg of node.arguments ?? []) {
    if (!SLICING_ARGUMENTS.includes(arg.name.value)) continue;
    if (arg.value.kind === Kind.INT)
      return Math.min(Math.max(Number(arg.value.value), 0), SATURATED);
    return options.maxListSize;
  }
  for (const arg of definition?.args ?? []) {
    if (SLICING_ARGUMENTS.includes(arg.name) && typeof arg.defaultValue === 'number')
      return arg.defaultValue;
  }
  return null;
}

export function costOfField(
  node: FieldNode,
  definition: GraphQLField<unknown, unknown> | undefined,
  children: LinearCost,
  mutationRoot: boolean,
  options: CostOptions,
): LinearCost {
  const composite = definition
    ? isCompositeType(getNamedType(definition.type))
    : node.selectionSet !== undefined;
  const weight = mutationRoot ? MUTATION_WEIGHT : composite ? 1 : 0;
  const isList = definition !== undefined && isListType(getNullableType(definition.type));
  const slice = sliceSize(node, definition, options);
  const page = slice !== null && !isList ? slice : options.defaultListSize;
  const each = add(weight, resolveCost(children, page));
  if (!isList) return { fixed: each, perPage: 0 };
  // A list without its own size takes the page of the connection above it.
  return slice !== null ? { fixed: mul(slice, each), perPage: 0 } : { fixed: 0, perPage: each };
}

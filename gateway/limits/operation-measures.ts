/**
 * Every measure the limits check, in one pass over the document that visits each selection
 * once: a named fragment is measured the first time it is spread and its measure reused at
 * every other spread (depth, counts and cost of a fragment do not depend on where it is spread;
 * the page size a connection gives its lists is carried as a linear term, see operation-cost.ts).
 * Counts saturate at SATURATED instead of overflowing, so fragments that each spread two others
 * 60 levels deep measure 2^60 selections (capped) in work linear in their text.
 *
 * Runs before validation, so it must accept anything that parses: unknown fields and types
 * count with default weights, unknown fragments and cycles count nothing (validation refuses
 * them next). Every operation of the document is measured and the largest value of each
 * measure is kept, since validation also walks the operations not executed.
 */
import {
  DocumentNode,
  FieldNode,
  FragmentDefinitionNode,
  getNamedType,
  GraphQLCompositeType,
  GraphQLField,
  GraphQLSchema,
  isCompositeType,
  isInterfaceType,
  isObjectType,
  Kind,
  OperationTypeNode,
  SchemaMetaFieldDef,
  SelectionSetNode,
  TypeMetaFieldDef,
  TypeNameMetaFieldDef,
} from 'graphql';
import {
  add,
  costOfField,
  CostOptions,
  LinearCost,
  resolveCost,
  ZERO_COST,
} from './operation-cost';

export { SATURATED } from './operation-cost';

export interface OperationMeasures {
  readonly depth: number;
  readonly aliases: number;
  readonly rootFields: number;
  readonly selections: number;
  readonly cost: number;
  /** Selections this pass visited: its work, for tests (at most the document's selections). */
  readonly visited: number;
}

/** The measure of one selection set, relative to it. */
interface SetMeasure {
  readonly depth: number;
  readonly aliases: number;
  /** Fields at this level (through spreads and inline fragments): the root fields at the root. */
  readonly width: number;
  readonly selections: number;
  readonly cost: LinearCost;
}

const EMPTY: SetMeasure = { depth: 0, aliases: 0, width: 0, selections: 0, cost: ZERO_COST };

function fieldDefinition(
  schema: GraphQLSchema | null,
  parent: GraphQLCompositeType | null,
  field: FieldNode,
): GraphQLField<unknown, unknown> | undefined {
  const name = field.name.value;
  if (name === '__typename') return TypeNameMetaFieldDef;
  if (!schema || !parent) return undefined;
  if (parent === schema.getQueryType()) {
    if (name === '__schema') return SchemaMetaFieldDef;
    if (name === '__type') return TypeMetaFieldDef;
  }
  return isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
}

function compositeNamed(
  schema: GraphQLSchema | null,
  name: string | undefined,
  fallback: GraphQLCompositeType | null,
): GraphQLCompositeType | null {
  if (name === undefined) return fallback;
  const type = schema?.getType(name);
  return type && isCompositeType(type) ? type : null;
}

export function measureDocument(
  document: DocumentNode,
  schema: GraphQLSchema | null,
  options: CostOptions,
): OperationMeasures {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) {
    if (def.kind === Kind.FRAGMENT_DEFINITION && !fragments.has(def.name.value))
      fragments.set(def.name.value, def);
  }
  const measured = new Map<string, SetMeasure | 'measuring'>();
  let visited = 0;

  const fragmentMeasure = (name: string): SetMeasure => {
    const known = measured.get(name);
    // A cycle counts nothing here; NoFragmentCycles refuses the document in validation.
    if (known === 'measuring') return EMPTY;
    if (known) return known;
    const fragment = fragments.get(name);
    if (!fragment) return EMPTY;
    measured.set(name, 'measuring');
    const m = measureSet(
      fragment.selectionSet,
      compositeNamed(schema, fragment.typeCondition.name.value, null),
      false,
    );
    measured.set(name, m);
    return m;
  };

  const measureSet = (
    set: SelectionSetNode,
    parent: GraphQLCompositeType | null,
    mutationRoot: boolean,
  ): SetMeasure => {
    let depth = 0;
    let aliases = 0;
    let width = 0;
    let selections = 0;
    let cost = ZERO_COST;
    for (const sel of set.selections) {
      visited++;
      let m: SetMeasure;
      if (sel.kind === Kind.FIELD) {
        const definition = fieldDefinition(schema, parent, sel);
        const childType = definition ? getNamedType(definition.type) : undefined;
        const child = sel.selectionSet
          ? measureSet(sel.selectionSet, isCompositeType(childType) ? childType : null, false)
          : EMPTY;
        m = {
          depth: child.depth + 1,
          aliases: add(child.aliases, sel.alias ? 1 : 0),
          width: 1,
          selections: add(child.selections, 1),
          cost: costOfField(sel, definition, child.cost, mutationRoot, options),
        };
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        m = measureSet(
          sel.selectionSet,
          compositeNamed(schema, sel.typeCondition?.name.value, parent),
          mutationRoot,
        );
      } else {
        m = fragmentMeasure(sel.name.value);
      }
      depth = Math.max(depth, m.depth);
      aliases = add(aliases, m.aliases);
      width = add(width, m.width);
      selections = add(selections, m.selections);
      cost = { fixed: add(cost.fixed, m.cost.fixed), perPage: add(cost.perPage, m.cost.perPage) };
    }
    return { depth, aliases, width, selections, cost };
  };

  let result = { depth: 0, aliases: 0, rootFields: 0, selections: 0, cost: 0 };
  for (const def of document.definitions) {
    if (def.kind !== Kind.OPERATION_DEFINITION) continue;
    const root = schema?.getRootType(def.operation) ?? null;
    const m = measureSet(def.selectionSet, root, def.operation === OperationTypeNode.MUTATION);
    result = {
      depth: Math.max(result.depth, m.depth),
      aliases: Math.max(result.aliases, m.aliases),
      rootFields: Math.max(result.rootFields, m.width),
      selections: Math.max(result.selections, m.selections),
      cost: Math.max(result.cost, resolveCost(m.cost, options.defaultListSize)),
    };
  }
  // Fragments no operation spreads are still walked by validation: they count like an operation of their own.
  for (const name of fragments.keys()) {
    if (measured.has(name)) continue;
    const m = fragmentMeasure(name);
    result = {
      ...result,
      depth: Math.max(result.depth, m.depth),
      aliases: Math.max(result.aliases, m.aliases),
      selections: Math.max(result.selections, m.selections),
      cost: Math.max(result.cost, resolveCost(m.cost, options.defaultListSize)),
    };
  }
  return { ...result, visited };
}

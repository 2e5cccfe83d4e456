/**
 * Every field an operation can reach, found by walking it against the API schema: through
 * aliases, named fragments (each time they are spread), inline fragments on interfaces and
 * unions, and fields under `@include`/`@skip` whatever their condition (a request counts as asking
 * for them). `__typename` and introspection name no data and are not collected.
 *
 * The walk is linear in the document after fragment de-duplication: a fragment that reaches the
 * same place of the response (see FieldPlace) with the same narrowing is walked once, whatever
 * the number of routes to it, since every usage it would yield again is already there. Without
 * that, fragments that each spread two others cost 2^depth walks (issue 7: 16 levels in 1.4 KB
 * held the CPU for a second, 30 for minutes). What still grows with the document's expansion is
 * the number of distinct response paths (aliased fields each spreading the next level); that is
 * the size of the response itself, bounded before the policy runs by gateway/limits/.
 *
 * For a field selected on an interface, the coordinates to decide are the interface field and
 * the field of every implementation that can be there, narrowed by the enclosing type
 * conditions: `holder { contactPhone }` asks for Holder.contactPhone, Person.contactPhone and
 * Household.contactPhone; `... on Household { contactPhone }` for Household.contactPhone only.
 */
import {
  DirectiveNode,
  DocumentNode,
  FieldNode,
  FragmentDefinitionNode,
  getNamedType,
  getOperationAST,
  GraphQLCompositeType,
  GraphQLError,
  GraphQLOutputType,
  GraphQLSchema,
  isAbstractType,
  isCompositeType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  OperationDefinitionNode,
  SelectionSetNode,
} from 'graphql';
import { ErrorCode } from '../../domain/error-codes';
import { PROBE_KEY } from './typename-probe';

/** An `@include`/`@skip` on the way to a field, evaluated per request against its variables. */
export interface IncludeCondition {
  readonly directive: 'include' | 'skip';
  readonly value: boolean | { readonly variable: string };
}

/**
 * One place of the response: the usages with the same response path, coordinates and narrowing.
 * Several field nodes can be one place (`{ person { a } person { b } }`, or one fragment's field
 * next to another's); a fragment spread below any of them is walked below the first only, so
 * consumers that ask about an enclosing field ask about its place (see `placeWithheld` in
 * policy-plan.ts): the place is in the response if any of its usages is.
 */
export interface FieldPlace {
  readonly id: number;
  readonly usages: readonly FieldUsage[];
}

export interface FieldUsage {
  readonly node: FieldNode;
  /** The usage of the nearest enclosing field; null at the root. */
  readonly parent: FieldUsage | null;
  readonly place: FieldPlace;
  /** The coordinate as selected, `ParentType.field` (the parent being the nearest type condition). */
  readonly coordinate: string;
  /** What must be decided: the coordinate, plus the implementations' fields when the parent is an interface. */
  readonly coordinates: readonly string[];
  readonly responseKey: string;
  /** Response keys from the root; list positions are not known before execution. */
  readonly path: readonly string[];
  /** The runtime types of the enclosing objects this selection applies to; null: all of them. */
  readonly onTypes: ReadonlySet<string> | null;
  /** Non-null flags of the field's type, outermost first, one per list level: `[P!]!` is [true, true]. */
  readonly nonNull: readonly boolean[];
  /** Conditions between the enclosing field and this one (fragments' and the field's own). */
  readonly conditions: readonly IncludeCondition[];
  /** The selection set of the enclosing field (or the operation) that this field's objects come from. */
  readonly enclosingSelectionSet: SelectionSetNode;
}

export interface OperationFields {
  readonly operation: OperationDefinitionNode;
  readonly fragments: ReadonlyMap<string, FragmentDefinitionNode>;
  readonly usages: readonly FieldUsage[];
  /** Boolean defaults of the operation's variables, for conditions whose variable is not sent. */
  readonly variableDefaults: Readonly<Record<string, boolean>>;
  /** Selections (fields, inline fragments, spreads) the walk visited: the measure of its work, for tests. */
  readonly visited: number;
}

/**
 * How many different `@include`/`@skip` condition lists one fragment is walked with at one place
 * before it is walked once more as unconditional instead. Condition lists multiply along routes
 * of spreads (each route its own list), so without a bound they would bring the exponential walk
 * back; unconditional is the safe side (a withheld field's null is put in even where a condition
 * would have left the field out; decisions do not depend on conditions).
 */
const MAX_CONDITION_VARIANTS = 4;

interface FragmentVisits {
  readonly conditions: Set<string>;
  unconditional: boolean;
}

const possibleTypesCache = new WeakMap<GraphQLSchema, Map<string, ReadonlySet<string>>>();

function possibleTypes(schema: GraphQLSchema, type: GraphQLCompositeType): ReadonlySet<string> {
  let cache = possibleTypesCache.get(schema);
  if (!cache) possibleTypesCache.set(schema, (cache = new Map()));
  let found = cache.get(type.name);
  if (!found) {
    found = new Set(isAbstractType(type) ? schema.getPossibleTypes(type).map((t) => t.name) : [type.name]);
    cache.set(type.name, found);
  }
  return found;
}

const typesKeys = new WeakMap<ReadonlySet<string>, string>();

function typesKey(types: ReadonlySet<string>): string {
  let key = typesKeys.get(types);
  if (key === undefined) typesKeys.set(types, (key = [...types].sort().join(',')));
  return key;
}

function intersect(a: ReadonlySet<string>, b: ReadonlySet<string>): ReadonlySet<string> {
  for (const x of a) if (!b.has(x)) return new Set([...a].filter((y) => b.has(y)));
  // Unchanged (the common case, a fragment on the enclosing type): the same set, so its key is cached.
  return a;
}

function nonNullFlags(type: GraphQLOutputType): boolean[] {
  const flags: boolean[] = [];
  let t: GraphQLOutputType = type;
  for (;;) {
    const nonNull = isNonNullType(t);
    if (isNonNullType(t)) t = t.ofType;
    flags.push(nonNull);
    if (!isListType(t)) return flags;
    t = t.ofType;
  }
}

function conditionsOf(directives: readonly DirectiveNode[] | undefined): IncludeCondition[] {
  const out: IncludeCondition[] = [];
  for (const d of directives ?? []) {
    if (d.name.value !== 'include' && d.name.value !== 'skip') continue;
    const arg = d.arguments?.find((a) => a.name.value === 'if');
    if (!arg) continue;
    const value = arg.value.kind === Kind.VARIABLE ? { variable: arg.value.name.value } : arg.value.kind === Kind.BOOLEAN && arg.value.value;
    out.push({ directive: d.name.value, value });
  }
  return out;
}

function invalid(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT } });
}

interface Scope {
  readonly type: GraphQLCompositeType;
  /** Runtime types the enclosing field's objects can have. */
  readonly possible: ReadonlySet<string>;
  /** Those still possible after the type conditions on the way here. */
  readonly narrowed: ReadonlySet<string>;
  readonly conditions: readonly IncludeCondition[];
  readonly parent: FieldUsage | null;
  readonly enclosing: SelectionSetNode;
}

/**
 * @param document a document already validated against `schema` (the gateway validates before
 *   the operation stage); an unknown field or fragment still throws rather than pass unchecked.
 */
export function collectFieldUsages(schema: GraphQLSchema, document: DocumentNode, operationName: string | null): OperationFields {
  const operation = getOperationAST(document, operationName);
  if (!operation) throw invalid(operationName ? `Unknown operation "${operationName}".` : 'Must provide operation name if query contains multiple operations.');
  const rootType = schema.getRootType(operation.operation);
  if (!rootType) throw invalid(`The schema does not support ${operation.operation} operations.`);
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);

  const usages: FieldUsage[] = [];
  const spreading: string[] = [];
  let visited = 0;
  const places = new Map<string, FieldPlace & { usages: FieldUsage[] }>();
  // Per enclosing place (0: the root), per fragment and narrowing: the walks already made there.
  const fragmentVisits = new Map<number, Map<string, FragmentVisits>>();

  /** The conditions to walk a fragment with at this place, or null when an earlier walk already yielded every usage. */
  const fragmentWalk = (name: string, scope: Scope): readonly IncludeCondition[] | null => {
    const placeId = scope.parent ? scope.parent.place.id : 0;
    let here = fragmentVisits.get(placeId);
    if (!here) fragmentVisits.set(placeId, (here = new Map()));
    const key = `${name}|${typesKey(scope.narrowed)}`;
    let visits = here.get(key);
    if (!visits) here.set(key, (visits = { conditions: new Set(), unconditional: false }));
    if (visits.unconditional) return null;
    if (scope.conditions.length === 0 || visits.conditions.size >= MAX_CONDITION_VARIANTS) {
      visits.unconditional = true;
      return [];
    }
    const conditionsKey = JSON.stringify(scope.conditions);
    if (visits.conditions.has(conditionsKey)) return null;
    visits.conditions.add(conditionsKey);
    return scope.conditions;
  };

  const typeNamed = (name: string): GraphQLCompositeType => {
    const t = schema.getType(name);
    if (!t || !isCompositeType(t)) throw invalid(`Unknown type "${name}".`);
    return t;
  };

  const walk = (selectionSet: SelectionSetNode, scope: Scope): void => {
    for (const sel of selectionSet.selections) {
      visited++;
      if (sel.kind === Kind.FIELD) {
        walkField(sel, scope);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        const type = sel.typeCondition ? typeNamed(sel.typeCondition.name.value) : scope.type;
        walk(sel.selectionSet, narrow(scope, type, sel.directives));
      } else {
        const name = sel.name.value;
        const fragment = fragments.get(name);
        if (!fragment) throw invalid(`Unknown fragment "${name}".`);
        if (spreading.includes(name)) throw invalid(`Cannot spread fragment "${name}" within itself.`);
        const inner = narrow(scope, typeNamed(fragment.typeCondition.name.value), sel.directives);
        const conditions = fragmentWalk(name, inner);
        if (conditions === null) continue;
        spreading.push(name);
        walk(fragment.selectionSet, conditions === inner.conditions ? inner : { ...inner, conditions });
        spreading.pop();
      }
    }
  };

  const narrow = (scope: Scope, type: GraphQLCompositeType, directives: readonly DirectiveNode[] | undefined): Scope => ({
    ...scope,
    type,
    narrowed: intersect(scope.narrowed, possibleTypes(schema, type)),
    conditions: [...scope.conditions, ...conditionsOf(directives)],
  });

  const walkField = (node: FieldNode, scope: Scope): void => {
    const name = node.name.value;
    if (name.startsWith('__')) return;
    const responseKey = node.alias?.value ?? name;
    if (responseKey === PROBE_KEY) throw invalid(`The alias "${PROBE_KEY}" is reserved by the sharing policy.`);
    const parentType = scope.type;
    if (!isObjectType(parentType) && !isInterfaceType(parentType)) throw invalid(`Cannot query field "${name}" on type "${parentType.name}".`);
    const field = parentType.getFields()[name];
    if (!field) throw invalid(`Cannot query field "${name}" on type "${parentType.name}".`);
    const coordinate = `${parentType.name}.${name}`;
    let coordinates = [coordinate];
    if (isInterfaceType(parentType)) {
      // An empty narrowing (a fragment that can never apply) falls back to every implementation: decide more, never less.
      const impls = scope.narrowed.size > 0 ? scope.narrowed : possibleTypes(schema, parentType);
      coordinates = [coordinate, ...[...impls].sort().map((t) => `${t}.${name}`)];
    }
    const onTypes = scope.narrowed.size === scope.possible.size ? null : scope.narrowed;
    const placeKey = `${scope.parent ? scope.parent.place.id : 0}|${responseKey}|${coordinates.join(',')}|${onTypes ? typesKey(onTypes) : '*'}`;
    let place = places.get(placeKey);
    if (!place) places.set(placeKey, (place = { id: places.size + 1, usages: [] }));
    const usage: FieldUsage = {
      node,
      parent: scope.parent,
      place,
      coordinate,
      coordinates,
      responseKey,
      path: scope.parent ? [...scope.parent.path, responseKey] : [responseKey],
      onTypes,
      nonNull: nonNullFlags(field.type),
      conditions: [...scope.conditions, ...conditionsOf(node.directives)],
      enclosingSelectionSet: scope.enclosing,
    };
    usages.push(usage);
    place.usages.push(usage);
    if (!node.selectionSet) return;
    const type = getNamedType(field.type) as GraphQLCompositeType;
    const possible = possibleTypes(schema, type);
    walk(node.selectionSet, { type, possible, narrowed: possible, conditions: [], parent: usage, enclosing: node.selectionSet });
  };

  const rootPossible = possibleTypes(schema, rootType);
  walk(operation.selectionSet, { type: rootType, possible: rootPossible, narrowed: rootPossible, conditions: [], parent: null, enclosing: operation.selectionSet });

  const variableDefaults: Record<string, boolean> = {};
  for (const v of operation.variableDefinitions ?? []) {
    if (v.defaultValue?.kind === Kind.BOOLEAN) variableDefaults[v.variable.name.value] = v.defaultValue.value;
  }
  return { operation, fragments, usages, variableDefaults, visited };
}

/** Whether a field under these conditions is part of the response for these variables (GraphQL spec §3.13). */
export function isIncluded(
  conditions: readonly IncludeCondition[],
  variables: Readonly<Record<string, unknown>>,
  defaults: Readonly<Record<string, boolean>>,
): boolean {
  for (const c of conditions) {
    const value = typeof c.value === 'boolean' ? c.value : (variables[c.value.variable] ?? defaults[c.value.variable]);
    if (c.directive === 'include' && value !== true) return false;
    if (c.directive === 'skip' && value === true) return false;
  }
  return true;
}

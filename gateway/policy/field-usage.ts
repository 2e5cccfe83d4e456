/**
 * Every field an operation can reach, found by walking it against the API schema: through
 * aliases, named fragments (each time they are spread), inline fragments on interfaces and
 * unions, and fields under `@include`/`@skip` whatever their condition (a request counts as asking
 * for them). `__typename` and introspection name no data and are not collected.
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

export interface FieldUsage {
  readonly node: FieldNode;
  /** The usage of the nearest enclosing field; null at the root. */
  readonly parent: FieldUsage | null;
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

function intersect(a: ReadonlySet<string>, b: ReadonlySet<string>): ReadonlySet<string> {
  return new Set([...a].filter((x) => b.has(x)));
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

  const typeNamed = (name: string): GraphQLCompositeType => {
    const t = schema.getType(name);
    if (!t || !isCompositeType(t)) throw invalid(`Unknown type "${name}".`);
    return t;
  };

  const walk = (selectionSet: SelectionSetNode, scope: Scope): void => {
    for (const sel of selectionSet.selections) {
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
        spreading.push(name);
        walk(fragment.selectionSet, narrow(scope, typeNamed(fragment.typeCondition.name.value), sel.directives));
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
    const usage: FieldUsage = {
      node,
      parent: scope.parent,
      coordinate,
      coordinates,
      responseKey,
      path: scope.parent ? [...scope.parent.path, responseKey] : [responseKey],
      onTypes: scope.narrowed.size === scope.possible.size ? null : scope.narrowed,
      nonNull: nonNullFlags(field.type),
      conditions: [...scope.conditions, ...conditionsOf(node.directives)],
      enclosingSelectionSet: scope.enclosing,
    };
    usages.push(usage);
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
  return { operation, fragments, usages, variableDefaults };
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

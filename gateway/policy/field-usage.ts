/**
 * Every field an operation can reach, found by walking it against the API schema: through
 * aliases, named fragments (each time they are spread), inline fragments on interfaces and
 * unions, and fields under `@include`/`@skip` whatever their condition (a request counts as asking
 * for them). `__typename` and introspection name no data and are not collected.
 *
 * The walk is linear in the document after fragment de-duplication: a fragment that reaches the
 * same place of the response (see FieldPlace) with the same narrowing is walked once
 * (fragment-visits.ts). What still grows with the document's expansion is the number of
 * distinct response paths (aliased fields each spreading the next level); that is the size of
 * the response itself, bounded before the policy runs by gateway/limits/.
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
import { FragmentVisits } from './fragment-visits';
import { booleanDefaults, conditionsOf, IncludeCondition } from './include-conditions';
import { intersect, possibleTypes, typesKey } from './possible-types';
import { PROBE_KEY } from './typename-probe';

export { isIncluded } from './include-conditions';
export type { IncludeCondition } from './include-conditions';

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
export function collectFieldUsages(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null,
): OperationFields {
  const operation = getOperationAST(document, operationName);
  if (!operation)
    throw invalid(
      operationName
        ? `Unknown operation "${operationName}".`
        : 'Must provide operation name if query contains multiple operations.',
    );
  const rootType = schema.getRootType(operation.operation);
  if (!rootType) throw invalid(`The schema does not support ${operation.operation} operations.`);
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions)
    if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);

  const usages: FieldUsage[] = [];
  const spreading: string[] = [];
  let visited = 0;
  const places = new Map<string, FieldPlace & { usages: FieldUsage[] }>();
  const fragmentVisits = new FragmentVisits();

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
        if (spreading.includes(name))
          throw invalid(`Cannot spread fragment "${name}" within itself.`);
        const inner = narrow(scope, typeNamed(fragment.typeCondition.name.value), sel.directives);
        const conditions = fragmentVisits.next(
          name,
          inner.parent ? inner.parent.place.id : 0,
          inner.narrowed,
          inner.conditions,
        );
        if (conditions === null) continue;
        spreading.push(name);
        walk(
          fragment.selectionSet,
          conditions === inner.conditions ? inner : { ...inner, conditions },
        );
        spreading.pop();
      }
    }
  };

  const narrow = (
    scope: Scope,
    type: GraphQLCompositeType,
    directives: readonly DirectiveNode[] | undefined,
  ): Scope => ({
    ...scope,
    type,
    narrowed: intersect(scope.narrowed, possibleTypes(schema, type)),
    conditions: [...scope.conditions, ...conditionsOf(directives)],
  });

  const walkField = (node: FieldNode, scope: Scope): void => {
    const name = node.name.value;
    if (name.startsWith('__')) return;
    const responseKey = node.alias?.value ?? name;
    if (responseKey === PROBE_KEY)
      throw invalid(`The alias "${PROBE_KEY}" is reserved by the sharing policy.`);
    const parentType = scope.type;
    if (!isObjectType(parentType) && !isInterfaceType(parentType))
      throw invalid(`Cannot query field "${name}" on type "${parentType.name}".`);
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
    walk(node.selectionSet, {
      type,
      possible,
      narrowed: possible,
      conditions: [],
      parent: usage,
      enclosing: node.selectionSet,
    });
  };

  const rootPossible = possibleTypes(schema, rootType);
  walk(operation.selectionSet, {
    type: rootType,
    possible: rootPossible,
    narrowed: rootPossible,
    conditions: [],
    parent: null,
    enclosing: operation.selectionSet,
  });

  return { operation, fragments, usages, variableDefaults: booleanDefaults(operation), visited };
}

/**
 * The runtime types a selection can apply to, as shared sets with stable keys: the policy walk
 * narrows them at every type condition and keys its places and fragment visits by them, so
 * they are computed once per schema and type, and an unchanged narrowing keeps its set (and
 * with it its cached key).
 */
import { GraphQLCompositeType, GraphQLSchema, isAbstractType } from 'graphql';

const possibleTypesCache = new WeakMap<GraphQLSchema, Map<string, ReadonlySet<string>>>();

/** The object types a value of `type` can have at run time. */
export function possibleTypes(
  schema: GraphQLSchema,
  type: GraphQLCompositeType,
): ReadonlySet<string> {
  let cache = possibleTypesCache.get(schema);
  if (!cache) possibleTypesCache.set(schema, (cache = new Map()));
  let found = cache.get(type.name);
  if (!found) {
    found = new Set(
      isAbstractType(type) ? schema.getPossibleTypes(type).map((t) => t.name) : [type.name],
    );
    cache.set(type.name, found);
  }
  return found;
}

const typesKeys = new WeakMap<ReadonlySet<string>, string>();

/** A key naming the set's members, whatever their order. */
export function typesKey(types: ReadonlySet<string>): string {
  let key = typesKeys.get(types);
  if (key === undefined) typesKeys.set(types, (key = [...types].sort().join(',')));
  return key;
}

export function intersect(a: ReadonlySet<string>, b: ReadonlySet<string>): ReadonlySet<string> {
  for (const x of a) if (!b.has(x)) return new Set([...a].filter((y) => b.has(y)));
  // Unchanged (the common case, a fragment on the enclosing type): the same set, so its key is cached.
  return a;
}

/**
 * The open schema (开放): the API schema cut down to the items the catalogue marks
 * UNCONDITIONAL_OPEN, which `/open/graphql` validates every anonymous document against. A field
 * that is not open does not exist in it, so naming one fails validation as an unknown field
 * would, and its introspection shows nothing else: the open endpoint cannot even confirm that
 * Person.name exists.
 *
 * What survives: a field open in the catalogue whose type survives; an object or interface with
 * at least one such field; arguments as they are (input types, enums and scalars are kept as the
 * arguments need them). Mutations and subscriptions never: open data is read-only.
 *
 * Abstract types are kept only when nothing can come back through them that the open schema
 * does not know: an interface field only when it is open on every implementation too (the value
 * is resolved on the concrete type), an interface or union only when every possible type
 * survives (`__typename` would otherwise name a type the open schema hides).
 *
 * Pure, built once per supergraph.
 */
import {
  GraphQLFieldConfigMap,
  GraphQLInterfaceType,
  GraphQLList,
  GraphQLNamedType,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLOutputType,
  GraphQLSchema,
  GraphQLUnionType,
  getNamedType,
  isInterfaceType,
  isIntrospectionType,
  isListType,
  isNonNullType,
  isObjectType,
  isUnionType,
  specifiedDirectives,
} from 'graphql';

/** Whether the catalogue marks `Type.field` UNCONDITIONAL_OPEN (无条件开放). */
export type IsOpen = (coordinate: string) => boolean;

type Composite = GraphQLObjectType | GraphQLInterfaceType | GraphQLUnionType;

function composites(api: GraphQLSchema): Composite[] {
  const roots = new Set([api.getMutationType()?.name, api.getSubscriptionType()?.name]);
  return Object.values(api.getTypeMap()).filter(
    (t): t is Composite =>
      (isObjectType(t) || isInterfaceType(t) || isUnionType(t)) &&
      !isIntrospectionType(t) &&
      !roots.has(t.name),
  );
}

/** Fields of each object and interface open by the catalogue (and, for an interface, on every implementation). */
function openFields(api: GraphQLSchema, types: readonly Composite[], isOpen: IsOpen) {
  const open = new Map<string, string[]>();
  for (const type of types) {
    if (isUnionType(type)) continue;
    const implementations = isInterfaceType(type) ? api.getPossibleTypes(type) : [];
    open.set(
      type.name,
      Object.keys(type.getFields()).filter(
        (field) =>
          isOpen(`${type.name}.${field}`) &&
          implementations.every((impl) => isOpen(`${impl.name}.${field}`)),
      ),
    );
  }
  return open;
}

/** Type name to the names of its fields that survive, for every composite type that survives. */
export function openSelection(api: GraphQLSchema, isOpen: IsOpen): Map<string, string[]> {
  const types = composites(api);
  const open = openFields(api, types, isOpen);
  const compositeNames = new Set(types.map((t) => t.name));
  const alive = new Set(compositeNames);
  const kept = new Map<string, string[]>();
  // Removing a type can empty another that returned it: repeat until nothing changes.
  for (let changed = true; changed;) {
    changed = false;
    kept.clear();
    for (const type of types) {
      if (!alive.has(type.name)) continue;
      let survives: boolean;
      if (isUnionType(type)) {
        survives = type.getTypes().every((member) => alive.has(member.name));
      } else {
        const fields = type.getFields();
        const names = open.get(type.name)!.filter((name) => {
          const target = getNamedType(fields[name].type);
          return !compositeNames.has(target.name) || alive.has(target.name);
        });
        kept.set(type.name, names);
        survives =
          names.length > 0 &&
          (!isInterfaceType(type) || api.getPossibleTypes(type).every((t) => alive.has(t.name)));
      }
      if (!survives) {
        alive.delete(type.name);
        changed = true;
      }
    }
  }
  for (const name of kept.keys()) if (!alive.has(name)) kept.delete(name);
  return kept;
}

/** @throws when no Query field is open (a gateway over some subgraphs only): nothing to serve */
export function buildOpenSchema(api: GraphQLSchema, isOpen: IsOpen): GraphQLSchema {
  const kept = openSelection(api, isOpen);
  const query = api.getQueryType();
  if (!query || !kept.has(query.name))
    throw new Error('no Query field is UNCONDITIONAL_OPEN: the open schema would be empty');
  const built = new Map<string, GraphQLNamedType>();

  const named = (type: GraphQLNamedType): GraphQLNamedType => {
    if (!kept.has(type.name) && !isUnionType(type)) return type; // leaves: scalars, enums
    const existing = built.get(type.name);
    if (existing) return existing;
    let rebuilt: GraphQLNamedType;
    if (isUnionType(type)) {
      const config = type.toConfig();
      rebuilt = new GraphQLUnionType({
        ...config,
        types: () => config.types.map((t) => named(t) as GraphQLObjectType),
        astNode: undefined,
        extensionASTNodes: [],
      });
    } else {
      // Objects and interfaces keep their open fields and their surviving interfaces alike.
      const config = (type as GraphQLObjectType | GraphQLInterfaceType).toConfig();
      const cut = {
        interfaces: () =>
          config.interfaces
            .filter((i) => kept.has(i.name))
            .map((i) => named(i) as GraphQLInterfaceType),
        fields: () => fieldsOf(config.fields, kept.get(type.name)!),
        astNode: undefined,
        extensionASTNodes: [],
      };
      rebuilt = isObjectType(type)
        ? new GraphQLObjectType({
            ...(config as ReturnType<GraphQLObjectType['toConfig']>),
            ...cut,
          })
        : new GraphQLInterfaceType({ ...config, ...cut });
    }
    built.set(type.name, rebuilt);
    return rebuilt;
  };

  const output = (type: GraphQLOutputType): GraphQLOutputType => {
    if (isNonNullType(type)) return new GraphQLNonNull(output(type.ofType));
    if (isListType(type)) return new GraphQLList(output(type.ofType));
    return named(type) as GraphQLOutputType;
  };

  const fieldsOf = (
    fields: GraphQLFieldConfigMap<unknown, unknown>,
    names: readonly string[],
  ): GraphQLFieldConfigMap<unknown, unknown> =>
    Object.fromEntries(
      names.map((name) => [
        name,
        { ...fields[name], type: output(fields[name].type), astNode: undefined },
      ]),
    );

  const schema = new GraphQLSchema({
    query: named(query) as GraphQLObjectType,
    // Only the specification's directives: the platform's own (@sharing ...) say nothing to the public.
    directives: specifiedDirectives,
    description: 'Shujutong 开放数据 Open data: the unconditionally open items of the graph',
  });
  return schema;
}

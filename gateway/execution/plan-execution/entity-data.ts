/**
 * The data of entities as plans move it: the merge of a fetch's answer into the result tree, the
 * flattening of a plan's path (`@` for every list item), and an entity's representation for an
 * `_entities` fetch, as ApolloGateway builds them.
 */
import { getResponseName } from '@apollo/query-planner';
import type { QueryPlanSelectionNode } from '@apollo/query-planner';
import { GraphQLSchema, isAbstractType, isInterfaceType, isObjectType } from 'graphql';
import { newObject, setOwn } from '../response-objects';

export type Json = Record<string, unknown>;
export type PathStep = string | number;

const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Merges a fetch's answer into what is there: objects key by key, lists of equal length item by item. */
export function deepMerge(target: Json, source: unknown): Json {
  if (source === undefined || source === null) return target;
  const from = source as Json;
  for (const key of Object.keys(from)) {
    const value = from[key];
    if (value === undefined) continue;
    const existing = Object.hasOwn(target, key) ? target[key] : undefined;
    if (existing && isObject(value)) deepMerge(existing as Json, value);
    else if (Array.isArray(value) && Array.isArray(existing) && value.length === existing.length) {
      for (let i = 0; i < value.length; i++) {
        if (isObject(existing[i]) && isObject(value[i])) deepMerge(existing[i] as Json, value[i]);
        else existing[i] = value[i];
      }
    } else setOwn(target, key, value);
  }
  return target;
}

export function flattenAt(value: unknown, path: readonly PathStep[], from = 0): unknown {
  if (from === path.length || value === undefined || value === null) return value;
  const step = path[from];
  if (step === '@') {
    if (!Array.isArray(value))
      throw new Error('Unexpected non-list value where the plan expects a list');
    return value.flatMap((element) => flattenAt(element, path, from + 1));
  }
  if (typeof step !== 'string') throw new Error(`Unexpected ${typeof step} found in path`);
  if (Array.isArray(value)) throw new Error(`Unexpected array in result for path element ${step}`);
  const object = value as Json;
  return flattenAt(Object.hasOwn(object, step) ? object[step] : undefined, path, from + 1);
}

function isObjectOfType(schema: GraphQLSchema, object: Json, typeCondition: string): boolean {
  const typename = object.__typename;
  if (!typename) return false;
  if (typename === typeCondition) return true;
  const type = schema.getType(String(typename));
  const condition = schema.getType(typeCondition);
  if (!type || !condition || !isAbstractType(condition)) return false;
  return (isObjectType(type) || isInterfaceType(type)) && schema.isSubType(condition, type);
}

/** An entity's representation: the fields `requires` selects, or null when one is missing. */
export function representationOf(
  schema: GraphQLSchema,
  source: unknown,
  selections: readonly QueryPlanSelectionNode[],
): Json | null {
  if (source === null) return null;
  const object = source as Json;
  const result = newObject();
  for (const selection of selections) {
    if (selection.kind === 'Field') {
      const name = getResponseName(selection);
      if (!Object.hasOwn(object, name) || object[name] === undefined) return null;
      const value = object[name];
      const nested = selection.selections;
      if (Array.isArray(value))
        setOwn(
          result,
          name,
          value.map((v) => (nested ? representationOf(schema, v, nested) : v)),
        );
      else setOwn(result, name, nested ? representationOf(schema, value, nested) : value);
    } else {
      if (!selection.typeCondition) continue;
      if (isObjectOfType(schema, object, selection.typeCondition))
        deepMerge(result, representationOf(schema, object, selection.selections));
    }
  }
  return result;
}

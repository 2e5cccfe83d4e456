/**
 * Turns the data the subgraph fetches gathered into the response the operation asked for: each
 * response name in the order of the operation, `__typename` filled in, fields of type conditions
 * that do not apply and fields the plan fetched only for keys or requirements left out, values
 * checked against their types, and nulls propagated to the nearest nullable place (GraphQL spec
 * §6.4.4). It gives the answers ApolloGateway's own post-processing gives (`computeResponse` of
 * @apollo/gateway), error for error.
 *
 * Why our own: Apollo's walks the operation's selection sets anew for every response, asking the
 * schema for each field's type and directives, and turns the operation document into its own
 * representation first, on every request: about a seventh of the gateway's thread on a people
 * page (BENCHMARKS.md). Here the operation is compiled once per query plan into plain steps (a
 * response name, a list of wrappers, a nested step list), and a response is one walk of them.
 */
import {
  ERRORS,
  isCompositeType,
  isCustomScalarType,
  isEnumType,
  isObjectType,
  isSubtype,
} from '@apollo/federation-internals';
import type { CompositeType, NamedType, Schema } from '@apollo/federation-internals';
import type { GraphQLError } from 'graphql';
import { newObject, setOwn } from '../response-objects';
import type { CompiledShape, Condition, FragmentStep, Step, ValueStep } from './shape-compile';

interface Walk {
  readonly schema: Schema;
  readonly variables: Readonly<Record<string, unknown>>;
  readonly errors: GraphQLError[];
  readonly path: (string | number)[];
}

function skipped(conditions: readonly Condition[], walk: Walk): boolean {
  for (const c of conditions) {
    let value = c.literal;
    if (c.variable !== null) {
      const v = walk.variables[c.variable];
      if (typeof v !== 'boolean')
        throw new Error(
          `Unexpected value ${String(v)} for variable $${c.variable} of @${c.skip ? 'skip' : 'include'}`,
        );
      value = v;
    }
    if (c.skip ? value : !value) return true;
  }
  return false;
}

function fragmentApplies(
  step: FragmentStep,
  typename: unknown,
  parent: CompositeType,
  schema: Schema,
) {
  if (!step.typeCondition) return true;
  const name = typeof typename === 'string' && typename !== '' ? typename : null;
  const key = name ?? `\0${parent.name}`;
  let applies = step.applies.get(key);
  if (applies === undefined) {
    if (name !== null) {
      const type = schema.type(name);
      applies = !!type && isSubtype(step.typeCondition, type);
    } else applies = isSubtype(step.typeCondition, parent);
    step.applies.set(key, applies);
  }
  return applies;
}

const BUBBLE = 1;
const OK = 0;

function describeLast(path: readonly (string | number)[], type: string, parent: CompositeType) {
  const last = path[path.length - 1];
  return typeof last === 'string'
    ? `field ${parent}.${last}`
    : `array element of type ${type} at index ${last}`;
}

function applySteps(
  input: Record<string, unknown>,
  steps: readonly Step[],
  output: Record<string, unknown>,
  parent: CompositeType,
  walk: Walk,
): number {
  for (const step of steps) {
    if (step.conditions.length > 0 && skipped(step.conditions, walk)) continue;
    if (step.kind === 'fragment') {
      const typename = input.__typename;
      if (typename && typeof typename !== 'string')
        throw new Error(`Got unexpected value for __typename: ${String(typename)}`);
      if (!fragmentApplies(step, typename, parent, walk.schema)) continue;
      if (applySteps(input, step.steps, output, step.typeCondition ?? parent, walk) === BUBBLE)
        return BUBBLE;
      continue;
    }
    const name = step.responseName;
    const current = Object.hasOwn(output, name) ? output[name] : undefined;
    let value = Object.hasOwn(input, name) ? input[name] : undefined;
    if (value === undefined) value = null;
    if (step.typename) {
      if (current !== undefined) continue;
      if (value === null && name !== '__typename') value = input.__typename ?? null;
      const type = typeof value === 'string' ? (walk.schema.type(value) ?? parent) : parent;
      if (!isObjectType(type)) return BUBBLE;
      setOwn(output, name, type.name);
      continue;
    }
    walk.path.push(name);
    const out = update(current, step.value!, value, parent, walk);
    setOwn(output, name, out.value);
    walk.path.pop();
    if (out.invalid) return BUBBLE;
  }
  return OK;
}

interface Updated {
  value: unknown;
  invalid?: boolean;
  errors?: boolean;
}

function update(
  current: unknown,
  step: ValueStep,
  input: unknown,
  parent: CompositeType,
  walk: Walk,
): Updated {
  // The same response name met again: a leaf is kept as first set, an object is completed further.
  if (current === null || (current !== undefined && step.leaf)) return { value: current };
  if (step.kind === 'nonNull') {
    const inner = update(current, step.of, input, parent, walk);
    if (inner.value === null) {
      if (!inner.errors)
        walk.errors.push(
          ERRORS.INVALID_GRAPHQL.err(
            `Cannot return null for non-nullable ${describeLast(walk.path, typeText(step.of), parent)}.`,
            { path: Array.from(walk.path) },
          ),
        );
      return { value: null, invalid: true, errors: true };
    }
    return { value: inner.value };
  }
  if (input === null) return { value: null };
  if (step.kind === 'list') {
    if (!Array.isArray(input))
      throw new Error(
        `Invalid non-list value ${String(input)} returned by subgraph for list type ${step.typeText}`,
      );
    if (current !== undefined && !Array.isArray(current))
      throw new Error(
        `Invalid non-list value ${String(current)} returned by subgraph for list type ${step.typeText}`,
      );
    const previous = current as unknown[] | undefined;
    if (previous && previous.length !== input.length)
      throw new Error(
        `[${String(input)}].length (${input.length}) !== [${String(previous)}].length (${previous.length})`,
      );
    const out = new Array<unknown>(input.length);
    let nullify = false;
    let errors = false;
    for (let i = 0; i < input.length; i++) {
      walk.path.push(i);
      const item = update(previous ? previous[i] : undefined, step.of, input[i], parent, walk);
      walk.path.pop();
      if (item.invalid) nullify = true;
      if (item.errors) errors = true;
      out[i] = item.value;
    }
    return { value: nullify ? null : out, errors };
  }
  if (step.kind === 'composite') {
    if (typeof input !== 'object')
      throw new Error(
        `Invalid non-object value ${String(input)} returned by subgraph for composite type ${step.type}`,
      );
    if (current !== undefined && typeof current !== 'object')
      throw new Error(
        `Invalid non-object value ${String(input)} returned by subgraph for composite type ${step.type}`,
      );
    const object = input as Record<string, unknown>;
    const typename = object.__typename;
    if (typename !== undefined && typeof typename !== 'string')
      throw new Error(
        `Invalid non-string value ${String(typename)} for __typename at ${walk.path}`,
      );
    let runtime: CompositeType = step.type;
    if (typename) {
      const named = walk.schema.type(typename);
      if (!named || !isCompositeType(named)) {
        walk.errors.push(
          ERRORS.INVALID_GRAPHQL.err(
            `Invalid __typename found for object at ${describeLast(walk.path, String(step.type), parent)}.`,
            { path: Array.from(walk.path) },
          ),
        );
        return { value: null, errors: true };
      }
      runtime = named;
    }
    const output = (current as Record<string, unknown> | undefined) ?? newObject();
    const bubbled = applySteps(object, step.fields, output, runtime, walk) === BUBBLE;
    return { value: bubbled ? null : output, errors: bubbled };
  }
  const valid = isValidLeaf(walk.schema, input, step.type);
  if (!valid)
    walk.errors.push(
      ERRORS.INVALID_GRAPHQL.err(
        `Invalid value found for ${describeLast(walk.path, step.typeText, parent)}.`,
        { path: Array.from(walk.path) },
      ),
    );
  return { value: valid ? input : null, errors: !valid };
}

function typeText(step: ValueStep): string {
  switch (step.kind) {
    case 'nonNull':
      return `${typeText(step.of)}!`;
    case 'list':
      return step.typeText;
    case 'composite':
      return String(step.type);
    case 'leaf':
      return step.typeText;
  }
}

const INTEGER_TEXT = /^-?(?:0|[1-9][0-9]*)$/;

function isValidLeaf(schema: Schema, value: unknown, type: NamedType): boolean {
  if (isCustomScalarType(type)) return true;
  if (typeof value === 'boolean') return type === schema.booleanType();
  if (typeof value === 'number' && Number.isFinite(value)) {
    if (type === schema.intType() || type === schema.idType())
      return INTEGER_TEXT.test(String(value));
    return type === schema.floatType();
  }
  if (typeof value === 'string') {
    if (isEnumType(type)) return type.value(value) !== undefined;
    return (
      type !== schema.booleanType() && type !== schema.intType() && type !== schema.floatType()
    );
  }
  return false;
}

export interface ShapedResponse {
  readonly data: Record<string, unknown> | null;
  /** Values that did not fit their type: reported, as Apollo does, only when no fetch failed. */
  readonly errors: GraphQLError[];
}

export function shapeResponse(
  shape: CompiledShape,
  input: Record<string, unknown>,
  variables: Readonly<Record<string, unknown>> | undefined,
): ShapedResponse {
  const walk: Walk = {
    schema: shape.schema,
    variables: { __proto__: null, ...shape.defaults, ...variables } as Record<string, unknown>,
    errors: [],
    path: [],
  };
  const data = newObject();
  const result = applySteps(input, shape.steps, data, shape.root, walk);
  return { data: result === BUBBLE ? null : data, errors: walk.errors };
}

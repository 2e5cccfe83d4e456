/**
 * Runs a query plan of @apollo/query-planner against the subgraphs, as ApolloGateway's
 * `executeQueryPlan` does: sequences in order, parallel nodes together, flatten nodes on the
 * entities at their path, each fetch with the variables it uses and, for entities, the
 * representations its `requires` selects; answers are merged into one result tree, and a
 * subgraph's errors are passed on with the path they have in the whole response and the
 * subgraph's name. Plans with what this does not run (@defer, subscriptions, rewrites of
 * `@interfaceObject` and `@fromContext`) are left to Apollo's executor (lean-executor.ts).
 */
import { ERRORS, errorCodeDef } from '@apollo/federation-internals';
import type { VariableDefinitions } from '@apollo/federation-internals';
import { evaluateCondition, getResponseName } from '@apollo/query-planner';
import type { FetchNode, PlanNode, QueryPlanSelectionNode } from '@apollo/query-planner';
import {
  GraphQLError,
  GraphQLSchema,
  isAbstractType,
  isInterfaceType,
  isObjectType,
} from 'graphql';
import type { GraphQLDataSource } from '@apollo/gateway';
import { GraphQLDataSourceRequestKind } from '@apollo/gateway/dist/datasources/types';
import type { GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import { newObject, setOwn } from './shape-result';

type Json = Record<string, unknown>;
type PathStep = string | number;

/** Where a node works: the data at its path (one object or a flat list) and that path. */
interface Cursor {
  readonly path: readonly PathStep[];
  readonly data: unknown;
  readonly fullResult: Json;
}

export interface PlanRun {
  readonly services: Readonly<Record<string, GraphQLDataSource>>;
  /** The supergraph as graphql-js sees it: type conditions of `requires` are checked on it. */
  readonly supergraphSchema: GraphQLSchema;
  readonly requestContext: GatewayGraphQLRequestContext;
  readonly variableDefinitions: VariableDefinitions;
  /** Errors of the fetches, in the order they came. */
  readonly errors: Error[];
}

const hasOwn = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);
const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Merges a fetch's answer into what is there: objects key by key, lists of equal length item by item. */
export function deepMerge(target: Json, source: unknown): Json {
  if (source === undefined || source === null) return target;
  const from = source as Json;
  for (const key of Object.keys(from)) {
    const value = from[key];
    if (value === undefined) continue;
    const existing = hasOwn(target, key) ? target[key] : undefined;
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

function flattenAt(value: unknown, path: readonly PathStep[], from = 0): unknown {
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
  return flattenAt(hasOwn(object, step) ? object[step] : undefined, path, from + 1);
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
function representationOf(
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
      if (!hasOwn(object, name) || object[name] === undefined) return null;
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

/** The concrete paths of the non-null values at `path` (with `@` for each list index). */
function hydratedPaths(
  parent: PathStep[],
  path: readonly PathStep[],
  data: unknown,
  out: PathStep[][],
): void {
  if (data === null || data === undefined) return;
  const head = path[0];
  if (head === undefined) {
    out.push(parent.slice());
  } else if (head === '@') {
    if (!Array.isArray(data)) throw new Error('expected array when encountering `@`');
    data.forEach((value, i) => {
      parent.push(i);
      hydratedPaths(parent, path.slice(1), value, out);
      parent.pop();
    });
  } else if (typeof head === 'string') {
    if (Array.isArray(data)) {
      data.forEach((value, i) => {
        parent.push(i);
        hydratedPaths(parent, path, value, out);
        parent.pop();
      });
    } else if (hasOwn(data as Json, head)) {
      parent.push(head);
      hydratedPaths(parent, path.slice(1), (data as Json)[head], out);
      parent.pop();
    }
  } else {
    throw new Error(`unknown path part "${String(head)}"`);
  }
}

/** Maps a subgraph error's path into the whole response: `_entities` indexes become the entities' places. */
function errorPathMapper(fetch: FetchNode, cursor: Cursor) {
  let hydrated: PathStep[][] | null = null;
  return (errorPath: readonly PathStep[] | undefined): PathStep[] | undefined => {
    if (fetch.requires && typeof errorPath?.[1] === 'number') {
      if (!hydrated) hydratedPaths([], cursor.path, cursor.fullResult, (hydrated = []));
      return [...(hydrated[errorPath[1]] ?? []), ...errorPath.slice(2)];
    }
    return errorPath ? [...cursor.path, ...errorPath] : undefined;
  };
}

function downstreamError(
  original: GraphQLError,
  serviceName: string,
  path: PathStep[] | undefined,
): GraphQLError {
  const message = original.message || `Error while fetching subquery from service "${serviceName}"`;
  const options = {
    originalError: original,
    path,
    extensions: { ...original.extensions, serviceName },
  };
  const codeDef = errorCodeDef(original);
  if (!codeDef && original.extensions?.code) return new GraphQLError(message, options);
  return (codeDef ?? ERRORS.DOWNSTREAM_SERVICE_ERROR).err(message, options);
}

async function send(
  run: PlanRun,
  fetch: FetchNode,
  cursor: Cursor,
  variables: Json,
): Promise<Json | null | undefined> {
  const service = run.services[fetch.serviceName];
  const response = await service.process({
    kind: GraphQLDataSourceRequestKind.INCOMING_OPERATION,
    request: { query: fetch.operation, variables, operationName: fetch.operationName },
    incomingRequestContext: run.requestContext,
    context: run.requestContext.context,
    document: fetch.operationDocumentNode,
    pathInIncomingRequest: cursor.path as PathStep[],
  } as Parameters<GraphQLDataSource['process']>[0]);
  if (response.errors) {
    const pathOf = errorPathMapper(fetch, cursor);
    for (const error of response.errors)
      run.errors.push(
        downstreamError(error as GraphQLError, fetch.serviceName, pathOf(error.path as PathStep[])),
      );
  }
  return response.data as Json | null | undefined;
}

async function runFetch(run: PlanRun, fetch: FetchNode, cursor: Cursor): Promise<void> {
  if (!run.services[fetch.serviceName])
    throw new Error(`Couldn't find service with name "${fetch.serviceName}"`);
  const entities = (Array.isArray(cursor.data) ? cursor.data : [cursor.data]).filter(
    (e) => e !== null && e !== undefined,
  ) as Json[];
  if (entities.length === 0) return;
  const variables: Json = Object.create(null);
  const provided = run.requestContext.request.variables;
  for (const name of fetch.variableUsages ?? [])
    if (provided && hasOwn(provided, name) && provided[name] !== undefined)
      variables[name] = provided[name];
  if (!fetch.requires) {
    const data = await send(run, fetch, cursor, variables);
    for (const entity of entities) deepMerge(entity, data);
    return;
  }
  const representations: Json[] = [];
  const entityOf: number[] = [];
  entities.forEach((entity, index) => {
    const representation = representationOf(run.supergraphSchema, entity, fetch.requires!);
    if (representation && representation.__typename) {
      representations.push(representation);
      entityOf.push(index);
    }
  });
  if (representations.length === 0) return;
  if ('representations' in variables)
    throw new Error('Variables cannot contain key "representations"');
  const data = await send(run, fetch, cursor, { ...variables, representations });
  if (!data) return;
  const received = data._entities;
  if (!Array.isArray(received))
    throw new Error('Expected "data._entities" in response to be an array');
  if (received.length !== representations.length)
    throw new Error(`Expected "data._entities" to contain ${representations.length} elements`);
  for (let i = 0; i < received.length; i++) {
    const entity = entities[entityOf[i]];
    const answer = received[i] as Json | null;
    if (answer && !answer.__typename) answer.__typename = entity.__typename;
    deepMerge(entity, answer);
  }
}

export async function runNode(
  run: PlanRun,
  node: PlanNode,
  cursor: Cursor | undefined,
): Promise<void> {
  if (!cursor) return;
  switch (node.kind) {
    case 'Sequence':
      for (const child of node.nodes) await runNode(run, child, cursor);
      return;
    case 'Parallel':
      await Promise.all(node.nodes.map((child) => runNode(run, child, cursor)));
      return;
    case 'Flatten': {
      const data = flattenAt(cursor.data, node.path);
      await runNode(
        run,
        node.node,
        data
          ? { path: [...cursor.path, ...node.path], data, fullResult: cursor.fullResult }
          : undefined,
      );
      return;
    }
    case 'Fetch':
      try {
        await runFetch(run, node, cursor);
      } catch (err) {
        run.errors.push(err as Error);
      }
      return;
    case 'Condition': {
      const branch = evaluateCondition(
        node,
        run.variableDefinitions,
        run.requestContext.request.variables,
      )
        ? node.ifClause
        : node.elseClause;
      if (branch) await runNode(run, branch, cursor);
      return;
    }
    default:
      throw new Error(`the plan has a ${node.kind} node, which this executor does not run`);
  }
}

/** Runs a whole plan; resolves with the merged data of every fetch. */
export async function runPlan(run: PlanRun, root: PlanNode | undefined): Promise<Json> {
  const data = newObject();
  if (root) await runNode(run, root, { path: [], data, fullResult: data });
  return data;
}

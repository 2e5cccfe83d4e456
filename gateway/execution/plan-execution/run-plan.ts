/**
 * Runs a query plan of @apollo/query-planner against the subgraphs, as ApolloGateway's
 * `executeQueryPlan` does: sequences in order, parallel nodes together, flatten nodes on the
 * entities at their path, each fetch with the variables it uses and, for entities, the
 * representations its `requires` selects; answers are merged into one result tree, and a
 * subgraph's errors are passed on with the path they have in the whole response and the
 * subgraph's name. Plans with what this does not run (@defer, subscriptions, rewrites of
 * `@interfaceObject` and `@fromContext`) are left to Apollo's executor (lean-executor.ts).
 */
import type { VariableDefinitions } from '@apollo/federation-internals';
import { evaluateCondition } from '@apollo/query-planner';
import type { FetchNode, PlanNode } from '@apollo/query-planner';
import type { GraphQLError, GraphQLSchema } from 'graphql';
import type { GraphQLDataSource } from '@apollo/gateway';
import { GraphQLDataSourceRequestKind } from '@apollo/gateway/dist/datasources/types';
import type { GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import { deepMerge, flattenAt, Json, PathStep, representationOf } from './entity-data';
import { downstreamError, errorPathMapper, FetchPlace } from './fetch-errors';
import { newObject } from '../response-objects';

/** Where a node works: its place in the response, and the data there (one object or a flat list). */
interface Cursor extends FetchPlace {
  readonly data: unknown;
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
    if (provided && Object.hasOwn(provided, name) && provided[name] !== undefined)
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

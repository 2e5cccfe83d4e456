/**
 * A subgraph's errors as the gateway passes them on: at their path in the whole response (an
 * `_entities` index becomes the entity's place), with the subgraph's name, and with
 * DOWNSTREAM_SERVICE_ERROR where the subgraph gave no code, as ApolloGateway does.
 */
import { ERRORS, errorCodeDef } from '@apollo/federation-internals';
import type { FetchNode } from '@apollo/query-planner';
import { GraphQLError } from 'graphql';
import type { Json, PathStep } from './entity-data';

/** Where a fetch ran: the path of its data in the whole response, and that response. */
export interface FetchPlace {
  readonly path: readonly PathStep[];
  readonly fullResult: Json;
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
    } else if (Object.hasOwn(data as Json, head)) {
      parent.push(head);
      hydratedPaths(parent, path.slice(1), (data as Json)[head], out);
      parent.pop();
    }
  } else {
    throw new Error(`unknown path part "${String(head)}"`);
  }
}

/** Maps a subgraph error's path into the whole response: `_entities` indexes become the entities' places. */
export function errorPathMapper(fetch: FetchNode, cursor: FetchPlace) {
  let hydrated: PathStep[][] | null = null;
  return (errorPath: readonly PathStep[] | undefined): PathStep[] | undefined => {
    if (fetch.requires && typeof errorPath?.[1] === 'number') {
      if (!hydrated) hydratedPaths([], cursor.path, cursor.fullResult, (hydrated = []));
      return [...(hydrated[errorPath[1]] ?? []), ...errorPath.slice(2)];
    }
    return errorPath ? [...cursor.path, ...errorPath] : undefined;
  };
}

export function downstreamError(
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

/**
 * What an anonymous document may be, decided against the open schema (open-schema.ts) before
 * anything of the platform runs it: it must parse and validate there, so a field that is not open
 * fails exactly as a field that does not exist ("Cannot query field ...",
 * GRAPHQL_VALIDATION_FAILED). Only `query`, `variables` and `operationName` are taken from the
 * body: extensions (a persisted-query hash, a purpose) are the platform callers' and are dropped.
 *
 * Introspection is answered from the open schema itself, never by the gateway, whose schema is
 * the full one: a document that only introspects is `introspection`; one that mixes
 * introspection with data is refused, so `__schema` or `__type` can never reach the gateway.
 */
import {
  DocumentNode,
  FragmentDefinitionNode,
  GraphQLError,
  GraphQLSchema,
  Kind,
  parse,
  SelectionNode,
  validate,
  visit,
} from 'graphql';
import { ApolloServerErrorCode } from '@apollo/server/errors';
import { ErrorCode } from '../../domain/error-codes';
import { HttpError } from '../../contracts/http/http-error';

export interface OpenRequestBody {
  readonly query: string;
  readonly variables?: Readonly<Record<string, unknown>>;
  readonly operationName?: string;
}

export type OpenDocument =
  | {
      readonly kind: 'introspection';
      readonly document: DocumentNode;
      readonly body: OpenRequestBody;
    }
  | { readonly kind: 'data'; readonly body: OpenRequestBody };

function badRequest(message: string): HttpError {
  return new HttpError(400, message, ErrorCode.BAD_REQUEST);
}

/** The GraphQL request in a JSON body, and nothing else of it. */
export function openRequestBody(body: unknown): OpenRequestBody {
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    throw badRequest('The body must be a JSON object: {"query": "...", "variables": {...}}.');
  const { query, variables, operationName } = body as Record<string, unknown>;
  if (typeof query !== 'string' || query.trim() === '')
    throw badRequest('The body must carry the GraphQL document as "query".');
  if (
    variables !== undefined &&
    variables !== null &&
    (typeof variables !== 'object' || Array.isArray(variables))
  )
    throw badRequest('"variables" must be a JSON object.');
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string')
    throw badRequest('"operationName" must be a string.');
  return {
    query,
    ...(variables ? { variables: variables as Record<string, unknown> } : {}),
    ...(typeof operationName === 'string' ? { operationName } : {}),
  };
}

function graphqlRefusal(error: GraphQLError, code: string): HttpError {
  return new HttpError(400, error.message, code, {
    ...(error.locations ? { locations: error.locations } : {}),
  });
}

const INTROSPECTION_ROOTS = new Set(['__schema', '__type']);

/** Whether the document selects `__schema` or `__type` anywhere, and whether it selects anything else at its roots. */
function introspectionUse(document: DocumentNode): { introspects: boolean; data: boolean } {
  let introspects = false;
  let data = false;
  visit(document, {
    Field(node) {
      if (INTROSPECTION_ROOTS.has(node.name.value)) {
        introspects = true;
        return false;
      }
      return undefined;
    },
  });
  // Only root selections carry data; fragments spread at the root count as root selections.
  // Each fragment is looked up in a map and walked once: linear in the document.
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions)
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const rootFields = (selections: readonly SelectionNode[], seen: Set<string>) => {
    for (const s of selections) {
      if (s.kind === Kind.FIELD) {
        if (!INTROSPECTION_ROOTS.has(s.name.value) && s.name.value !== '__typename') data = true;
      } else if (s.kind === Kind.INLINE_FRAGMENT) {
        rootFields(s.selectionSet.selections, seen);
      } else if (!seen.has(s.name.value)) {
        seen.add(s.name.value);
        const fragment = fragments.get(s.name.value);
        if (fragment) rootFields(fragment.selectionSet.selections, seen);
      }
    }
  };
  const seen = new Set<string>();
  for (const d of document.definitions)
    if (d.kind === Kind.OPERATION_DEFINITION) rootFields(d.selectionSet.selections, seen);
  return { introspects, data };
}

/**
 * @param maxTokens the operation limit on tokens: parsing stops there, so an anonymous caller
 *   cannot make the gateway parse without bound
 * @throws HttpError 400 GRAPHQL_PARSE_FAILED, GRAPHQL_VALIDATION_FAILED or BAD_REQUEST
 */
export function openDocument(
  schema: GraphQLSchema,
  body: OpenRequestBody,
  maxTokens: number,
): OpenDocument {
  let document: DocumentNode;
  try {
    document = parse(body.query, { maxTokens });
  } catch (err) {
    if (err instanceof GraphQLError)
      throw graphqlRefusal(err, ApolloServerErrorCode.GRAPHQL_PARSE_FAILED);
    throw err;
  }
  // graphql-js validates no field under a root type the schema lacks, leaving that to execution:
  // the open schema has no Mutation, so a mutation would pass validation untouched. Refused here.
  for (const d of document.definitions)
    if (d.kind === Kind.OPERATION_DEFINITION && d.operation !== 'query')
      throw graphqlRefusal(
        new GraphQLError(`The open endpoint serves queries only, not a ${d.operation}.`, {
          nodes: d,
        }),
        ApolloServerErrorCode.GRAPHQL_VALIDATION_FAILED,
      );
  const errors = validate(schema, document);
  if (errors.length > 0)
    throw graphqlRefusal(errors[0], ApolloServerErrorCode.GRAPHQL_VALIDATION_FAILED);
  const use = introspectionUse(document);
  if (use.introspects && use.data)
    throw badRequest(
      'Ask for the schema (__schema, __type) and for data in separate requests to the open endpoint.',
    );
  return use.introspects ? { kind: 'introspection', document, body } : { kind: 'data', body };
}

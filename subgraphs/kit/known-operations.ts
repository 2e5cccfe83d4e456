/**
 * Executes the operations a subgraph has already answered once through Apollo Server, without
 * Apollo Server's per-request pipeline. A subgraph's only caller is the gateway, which sends
 * the same few query-plan documents over and over: Apollo Server hashes each one, negotiates
 * content types, looks the document up and dispatches plugin hooks on every request, about a
 * seventh of a subgraph's busy time in the benchmark (issue 13).
 *
 * Apollo Server stays the judge of every document: an operation is only remembered here once
 * Apollo Server has parsed it, validated it and resolved its operation (the plugin below), so
 * the rules applied are exactly its own. A request is taken here only in the shape the gateway
 * sends (POST, JSON in and out, query and variables, nothing else); anything else, a document
 * not seen yet, and a request whose variables do not fit (nothing executes then) go to Apollo
 * Server as before. Answers are written as Apollo Server writes them: the same fields in the
 * same order, errors through the same formatError, the same status and headers.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import {
  DocumentNode,
  execute,
  ExecutionResult,
  GraphQLFormattedError,
  GraphQLSchema,
} from 'graphql';
import type http from 'node:http';
import { ErrorCode } from '../../domain/error-codes';

/** Documents remembered; the least recently used one is forgotten past this. */
export const MAX_KNOWN_OPERATIONS = 1_000;
/** Longer documents are not remembered (Apollo Server still answers them): a bound on memory. */
export const MAX_KNOWN_QUERY_CHARS = 100_000;
/** Total length of the remembered documents' text: with their syntax trees, some tens of MB at most. */
export const MAX_KNOWN_TOTAL_CHARS = 4_000_000;

/** As Apollo Server answers a single result for `accept: application/json` (or none). */
const RESPONSE_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  // Apollo Server's cache-control plugin: no field of our schemas carries a cache hint.
  'cache-control': 'no-store',
} as const;

interface KnownOperation {
  readonly document: DocumentNode;
  /** The operation name the document was validated and resolved with (null: its only operation). */
  readonly operationName: string | null;
}

export interface KnownOperationResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export type FormatError = (
  formatted: GraphQLFormattedError,
  error: unknown,
) => GraphQLFormattedError;

/** A JSON object (not an array, not null). */
function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function headerIs(value: string | string[] | undefined, ...accepted: string[]): boolean {
  return typeof value === 'string' && accepted.includes(value.toLowerCase());
}

export class KnownOperations {
  private readonly known = new Map<string, KnownOperation>();
  private totalChars = 0;

  /**
   * @param schema what the operations execute against: built from the same type definitions
   *   and resolvers as Apollo Server's, but not instrumented by its plugins.
   */
  constructor(
    private readonly schema: GraphQLSchema,
    private readonly formatError: FormatError,
  ) {}

  get size(): number {
    return this.known.size;
  }

  /** The Apollo Server plugin that remembers every operation it resolved. */
  plugin(): ApolloServerPlugin {
    return {
      requestDidStart: async () => ({
        didResolveOperation: async ({ request, document, operation }) => {
          if (!operation || typeof request.query !== 'string') return;
          this.remember(request.query, document, request.operationName ?? null);
        },
      }),
    };
  }

  private remember(query: string, document: DocumentNode, operationName: string | null): void {
    if (query.length > MAX_KNOWN_QUERY_CHARS) return;
    this.forget(query);
    this.known.set(query, { document, operationName });
    this.totalChars += query.length;
    while (this.known.size > MAX_KNOWN_OPERATIONS || this.totalChars > MAX_KNOWN_TOTAL_CHARS)
      this.forget(this.known.keys().next().value as string);
  }

  private forget(query: string): void {
    if (this.known.delete(query)) this.totalChars -= query.length;
  }

  /**
   * The answer to a request for a known operation, or null when Apollo Server must answer it
   * (then nothing has executed). `body` is the parsed JSON body.
   */
  async execute<TContext>(
    req: http.IncomingMessage,
    body: unknown,
    context: () => Promise<TContext>,
  ): Promise<KnownOperationResponse | null> {
    if (
      req.method !== 'POST' ||
      !headerIs(req.headers['content-type'], 'application/json') ||
      !(req.headers.accept === undefined || headerIs(req.headers.accept, 'application/json')) ||
      !isRecord(body) ||
      typeof body.query !== 'string' ||
      (body.variables != null && !isRecord(body.variables)) ||
      (body.operationName != null && typeof body.operationName !== 'string') ||
      Object.keys(body).some((k) => k !== 'query' && k !== 'variables' && k !== 'operationName')
    )
      return null;
    const operationName = (body.operationName as string | null | undefined) ?? null;
    const known = this.known.get(body.query);
    if (!known || known.operationName !== operationName) return null;
    // Recently used goes last, so the least recently used is forgotten first.
    this.known.delete(body.query);
    this.known.set(body.query, known);

    let contextValue: TContext;
    try {
      contextValue = await context();
    } catch {
      // Apollo Server reports a context that cannot be made (contextCreationDidFail, 500).
      return null;
    }
    const result = await execute({
      schema: this.schema,
      document: known.document,
      contextValue,
      variableValues: (body.variables as Record<string, unknown> | null | undefined) ?? undefined,
      operationName: operationName ?? undefined,
    });
    // No data: the variables did not fit the operation and nothing ran. Apollo Server answers
    // that (400 BAD_USER_INPUT), running the same coercion again.
    if (result.data === undefined) return null;
    return this.response(result);
  }

  /** Apollo Server's normalizeAndFormatErrors and result ordering (@apollo/server 5). */
  private response(result: ExecutionResult): KnownOperationResponse {
    let status = 200;
    const headers: Record<string, string> = { ...RESPONSE_HEADERS };
    const errors = result.errors?.map((error) => {
      try {
        const extensions: Record<string, unknown> = {
          ...error.extensions,
          code: error.extensions.code ?? ErrorCode.INTERNAL_SERVER_ERROR,
        };
        const httpHead = extensions.http;
        if (isHttpHead(httpHead)) {
          if (httpHead.status) status = httpHead.status;
          for (const [name, value] of httpHead.headers ?? []) headers[name] = value;
          delete extensions.http;
        }
        return this.formatError({ ...error.toJSON(), extensions }, error);
      } catch {
        return {
          message: 'Internal server error',
          extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
        };
      }
    });
    const ordered = { errors, data: result.data, extensions: result.extensions };
    return { status, headers, body: `${JSON.stringify(ordered)}\n` };
  }
}

/** Apollo Server's isPartialHTTPGraphQLHead: an error may set the status and headers of the answer. */
function isHttpHead(value: unknown): value is { status?: number; headers?: Map<string, string> } {
  return (
    isRecord(value) &&
    (!('status' in value) || typeof value.status === 'number') &&
    (!('headers' in value) || value.headers instanceof Map)
  );
}

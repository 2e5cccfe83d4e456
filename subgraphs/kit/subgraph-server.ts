/**
 * Serves one subgraph over HTTP: Apollo Server with the federation schema, a per-request
 * context, and a hook where the request's origin is verified before anything executes.
 */
import http from 'node:http';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { GraphQLFormattedError } from 'graphql';
import { Knex } from 'knex';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap';
import { ErrorCode } from '../../domain/error-codes';
import {
  closeServer,
  executeWithApollo,
  listen,
  parseJsonBody,
  readBody,
  writeApolloResponse,
  writeGraphQLError,
  writeJson,
} from '../../contracts/http/http-adapter';
import { HttpError } from '../../contracts/http/http-error';
import { SubgraphContext, SubgraphModule } from './subgraph-module';
import { CallerIdentity } from '../../contracts/caller/caller-identity';
import { loadSubgraphSdl } from '../../contracts/schema-files';
import { createCursorCodec, processCursorCodec } from './cursor-codec';
import { inServerSpan } from './subgraph-tracing';
import { KnownOperations } from './known-operations';
import type { ServiceTracing } from '../../contracts/tracing/service-tracing';

/**
 * Decides who is calling from the raw request; throws HttpError (401) to refuse it. Subgraph
 * processes verify the gateway's signature here (request-signature.ts, wired in subgraph-main.ts).
 */
export type RequestVerifier = (req: http.IncomingMessage, rawBody: Buffer) => CallerIdentity | null;

export interface SubgraphServerOptions {
  db: Knex;
  /** 0 picks a free port (tests). */
  port: number;
  /** @default 127.0.0.1 */
  host?: string;
  verifyRequest?: RequestVerifier;
  /**
   * What page cursors are sealed with (cursor-codec.ts): the subgraph signing secret, so every
   * instance of a subgraph opens the cursors of the others.
   * @default a random key per process (cursors valid until it exits)
   */
  cursorSecret?: Buffer;
  log?: (line: string) => void;
  /** A server span per GraphQL request, joined to the gateway's trace (subgraph-tracing.ts). @default none */
  tracing?: ServiceTracing | null;
}

export interface RunningSubgraph {
  name: string;
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** Internal errors keep their detail in the log; callers never see SQL or stack traces. */
export function redactInternalError(subgraph: string, log: (line: string) => void) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    if (code && code !== ErrorCode.INTERNAL_SERVER_ERROR) return formatted;
    log(
      `[${subgraph}] internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    return {
      message: `internal error in the ${subgraph} subgraph`,
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}

export async function startSubgraphServer<TContext extends SubgraphContext>(
  module: SubgraphModule<TContext>,
  options: SubgraphServerOptions,
): Promise<RunningSubgraph> {
  const log = options.log ?? ((line: string) => console.error(line));
  const typeDefs = loadSubgraphSdl(module.name);
  // Apollo types resolver maps with an unknown context; ours is typed per subgraph.
  const resolvers = module.resolvers as GraphQLResolverMap<unknown>;
  const formatError = redactInternalError(module.name, log);
  // A schema of its own: Apollo Server wraps every resolver of the one it serves for its
  // plugins' per-field hooks, which known operations do without.
  const known = new KnownOperations(buildSubgraphSchema({ typeDefs, resolvers }), formatError);
  const apollo = new ApolloServer<TContext>({
    schema: buildSubgraphSchema({ typeDefs, resolvers }),
    includeStacktraceInErrorResponses: false,
    formatError,
    plugins: [
      // Traces would be for Apollo's cloud reporting, which a government network does not reach.
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      known.plugin(),
    ],
  });
  await apollo.start();
  let stopping = false;
  const cursors = options.cursorSecret
    ? createCursorCodec(options.cursorSecret)
    : processCursorCodec();

  const server = http.createServer(async (req, res) => {
    try {
      if (req.method === 'GET' && req.url === '/health') {
        writeJson(res, 200, { status: 'ok', subgraph: module.name });
        return;
      }
      await inServerSpan(options.tracing ?? null, module.name, req, res, async () => {
        const raw = await readBody(req);
        const caller = options.verifyRequest ? options.verifyRequest(req, raw) : null;
        const body = parseJsonBody(raw, req.headers['content-type']);
        const context = async () =>
          Object.assign(module.createContext(options.db, caller), { cursors });
        const answer = stopping ? null : await known.execute(req, body, context);
        if (answer) {
          res.writeHead(answer.status, {
            ...answer.headers,
            'content-length': Buffer.byteLength(answer.body),
          });
          res.end(answer.body);
          return;
        }
        const response = await executeWithApollo(apollo, req, body, context);
        await writeApolloResponse(res, response);
      });
    } catch (err) {
      if (err instanceof HttpError) {
        writeGraphQLError(res, err.status, err.message, err.code, err.extensions, err.headers);
      } else {
        log(`[${module.name}] request failed: ${err instanceof Error ? err.stack : String(err)}`);
        if (!res.headersSent)
          writeGraphQLError(res, 500, 'internal error', ErrorCode.INTERNAL_SERVER_ERROR);
        else res.destroy();
      }
    }
  });
  // Longer than the gateway's idle socket timeout, so pooled connections are closed by the client side.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  const host = options.host ?? '127.0.0.1';
  let port: number;
  try {
    port = await listen(server, options.port, host);
  } catch (err) {
    // E.g. the port is taken: nothing may be left running for a service that never started.
    await apollo.stop();
    throw err;
  }
  return {
    name: module.name,
    url: `http://${host}:${port}/graphql`,
    port,
    async stop() {
      // Apollo Server answers what still arrives, with its refusal once it is stopping.
      stopping = true;
      await closeServer(server);
      await apollo.stop();
    },
  };
}

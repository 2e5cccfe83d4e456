/**
 * Open data (开放), served by the gateway to anonymous callers: the open datasets page (GET
 * /open), the open schema (GET /open/schema.graphql), GraphQL over it (POST /open/graphql) and
 * the datasets' downloads (GET /open/datasets/<slug>.csv|.json). The open schema and the
 * datasets are built once per supergraph from the resource catalogue. Every request that reads
 * data is limited per client address and runs through the platform's own pipeline as the
 * open-data application, so the sharing policy, signing and the audit trail apply to it.
 */
import type http from 'node:http';
import { GraphQLSchema, printSchema } from 'graphql';
import { ErrorCode } from '../../domain/error-codes';
import { HttpError } from '../../contracts/http/http-error';
import type { CatalogueEntry } from '../../contracts/catalogue/resource-catalogue';
import type { OpenDataSettings } from '../config/open-data';
import type { GraphQLEndpoint } from '../http/graphql-endpoint';
import type { HttpRoute } from '../http/http-route';
import { createOperationLimiter, OperationLimiter, OperationLimits } from '../limits';
import { servePage } from '../graphiql/page-response';
import { catalogueSource } from '../workbench/catalogue/catalogue-source';
import { AddressLimits, createAddressLimits } from './address-limits';
import { clientAddress } from './client-address';
import { handleDatasetDownload } from './dataset-download';
import type { OpenCaller } from './open-caller';
import { isServedOpen } from './open-coordinates';
import { OpenDataset, openDatasets } from './open-datasets';
import { handleOpenGraphQL, OpenGraphQLDeps } from './open-graphql-route';
import {
  DATASETS_PREFIX,
  OPEN_GRAPHQL_PATH,
  OPEN_PATH,
  OPEN_SCHEMA_PATH,
  openPage,
} from './open-page';
import { openPipeline } from './open-pipeline';
import { buildOpenSchema } from './open-schema';

export { OPEN_GRAPHQL_PATH, OPEN_PATH } from './open-page';

export interface OpenDataDeps {
  readonly settings: OpenDataSettings;
  /** Null: per-address limits in process only. */
  readonly redis: { readonly url: string; readonly namespace: string | null } | null;
  readonly maxBodyBytes: number;
  /** Null: no operation limits (GATEWAY_OPERATION_LIMITS=off). */
  readonly operationLimits: OperationLimits | null;
  apiSchema(): GraphQLSchema;
  supergraphSdl(): string;
  /** Null: this gateway cannot sign tokens, so open data cannot run (503). */
  readonly caller: OpenCaller | null;
  readonly graphql: GraphQLEndpoint;
  readonly log: (line: string) => void;
}

export interface OpenData {
  readonly routes: readonly HttpRoute[];
  close(): Promise<void>;
}

interface Built {
  readonly sdl: string;
  /** Null: nothing of this supergraph is open (a gateway over some subgraphs only). */
  readonly schema: GraphQLSchema | null;
  readonly sdlText: string;
  readonly datasets: readonly OpenDataset[];
  readonly page: string;
  readonly limiter: OperationLimiter | null;
}

/** Token limit when operation limits are off: parsing an anonymous document is still bounded. */
const FALLBACK_MAX_TOKENS = 10_000;

export function createOpenData(deps: OpenDataDeps): OpenData {
  const catalogue = catalogueSource(deps.supergraphSdl);
  let built: Built | null = null;
  const current = (): Built => {
    const sdl = deps.supergraphSdl();
    if (built?.sdl === sdl) return built;
    let items: CatalogueEntry[] = [];
    let schema: GraphQLSchema | null = null;
    try {
      items = catalogue().items({ openAttribute: 'UNCONDITIONAL_OPEN' }).filter(isServedOpen);
      const open = new Set(items.map((i) => i.coordinate));
      schema = buildOpenSchema(deps.apiSchema(), (c) => open.has(c));
    } catch (err) {
      deps.log(`[open-data] nothing is served at ${OPEN_GRAPHQL_PATH}: ${(err as Error).message}`);
    }
    const datasets = schema ? openDatasets(items, catalogue().resources(), schema) : [];
    const openSchema = schema;
    built = {
      sdl,
      schema,
      sdlText: schema ? printSchema(schema) : '',
      datasets,
      page: openPage(datasets),
      limiter:
        deps.operationLimits && openSchema
          ? createOperationLimiter(deps.operationLimits, () => openSchema)
          : null,
    };
    return built;
  };
  const limits: AddressLimits = createAddressLimits({
    perMinute: deps.settings.perMinute,
    burst: deps.settings.burst,
    redis: deps.redis,
  });
  const caller = deps.caller;
  const pipeline = caller ? openPipeline(deps.graphql, caller) : null;
  if (!pipeline)
    deps.log(
      '[open-data] this gateway cannot sign tokens (JWT_PUBLIC_KEY only): /open/graphql and the downloads answer 503',
    );
  const graphqlDeps = (): OpenGraphQLDeps => {
    if (!pipeline)
      throw new HttpError(
        503,
        'open data is not available on this gateway instance',
        ErrorCode.INTERNAL_SERVER_ERROR,
      );
    const b = current();
    const schema = b.schema;
    if (!schema)
      throw new HttpError(
        503,
        "nothing of this gateway's graph is unconditionally open",
        ErrorCode.INTERNAL_SERVER_ERROR,
      );
    return {
      schema: () => schema,
      limiter: () => b.limiter,
      maxBodyBytes: deps.maxBodyBytes,
      maxTokens: deps.operationLimits?.maxTokens ?? FALLBACK_MAX_TOKENS,
      pipeline,
    };
  };
  const addressOf = (req: http.IncomingMessage): string =>
    clientAddress(
      req.socket.remoteAddress,
      req.headers['x-forwarded-for'],
      deps.settings.trustedProxies,
    );
  // Built at start: a catalogue problem is logged then, not met by the first caller.
  current();

  return {
    routes: [
      { method: 'GET', path: OPEN_PATH, handle: (_req, res) => servePage(res, current().page) },
      {
        method: 'GET',
        path: OPEN_SCHEMA_PATH,
        handle(_req, res) {
          const text = current().sdlText;
          res.writeHead(200, {
            'content-type': 'text/plain; charset=utf-8',
            'content-length': Buffer.byteLength(text),
            'x-content-type-options': 'nosniff',
          });
          res.end(text);
        },
      },
      {
        method: 'POST',
        path: OPEN_GRAPHQL_PATH,
        async handle(req, res) {
          const address = addressOf(req);
          await limits.consume(address);
          await handleOpenGraphQL(req, res, address, graphqlDeps());
        },
      },
      {
        method: 'GET',
        path: `${DATASETS_PREFIX}*`,
        download: true,
        async handle(req, res, url) {
          const address = addressOf(req);
          await limits.consume(address);
          const d = graphqlDeps();
          await handleDatasetDownload(res, url.pathname, address, current().datasets, d);
        },
      },
    ],
    close: () => limits.close(),
  };
}

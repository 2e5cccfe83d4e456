/**
 * GET /open/datasets/<slug>.csv|.json: an open dataset's fixed query (open-datasets.ts), run
 * through the open pipeline like any anonymous document, so it is validated against the open
 * schema, counted against the address's rate limit and audited (delivery OPEN_DATA_CSV or
 * OPEN_DATA_JSON). CSV is UTF-8 with a BOM, one row per innermost list item (the workbench's
 * export flattening), formula-like cells neutralised; JSON is the query's `data`. A response with
 * errors and no data is answered as GraphQL answered it.
 */
import type http from 'node:http';
import { parse } from 'graphql';
import { ErrorCode } from '../../domain/error-codes';
import { HttpError } from '../../contracts/http/http-error';
import { csvText } from '../workbench/csv-text';
import { attachment } from '../workbench/catalogue/content-disposition';
import { resultRows } from '../workbench/api/export/result-rows';
import { selectionOrder } from '../workbench/api/export/selection-order';
import type { HeldResponse } from '../http/graphql-endpoint';
import { REQUEST_ID_HEADER } from '../http/graphql-endpoint';
import { openDocument } from './open-document';
import { datasetBySlug, OpenDataset } from './open-datasets';
import { sendDelivered, OpenGraphQLDeps } from './open-graphql-route';

/** A dataset's rows at most; the fixed queries are bounded well below it. */
const MAX_DATASET_ROWS = 50_000;

type Format = 'csv' | 'json';

export function datasetRequest(
  path: string,
  datasets: readonly OpenDataset[],
): { dataset: OpenDataset; format: Format } {
  const match = /^\/open\/datasets\/([a-z0-9-]{1,64})\.(csv|json)$/.exec(path);
  const dataset = match ? datasetBySlug(datasets, match[1]) : undefined;
  if (!match || !dataset)
    throw new HttpError(404, `no open dataset at ${path}; see /open`, ErrorCode.NOT_FOUND);
  return { dataset, format: match[2] as Format };
}

function fileBody(response: HeldResponse, query: string, format: Format): Buffer | null {
  if (response.status !== 200) return null;
  const parsed = JSON.parse(response.body) as { data?: unknown };
  if (typeof parsed?.data !== 'object' || parsed.data === null) return null;
  if (format === 'json') return Buffer.from(JSON.stringify(parsed.data, null, 2), 'utf8');
  const document = parse(query);
  const operation = document.definitions[0];
  const order =
    operation.kind === 'OperationDefinition' ? selectionOrder(document, operation) : undefined;
  const table = resultRows(parsed.data, MAX_DATASET_ROWS, order);
  return Buffer.from(csvText(table.columns, table.rows), 'utf8');
}

export async function handleDatasetDownload(
  res: http.ServerResponse,
  path: string,
  clientAddress: string,
  datasets: readonly OpenDataset[],
  deps: OpenGraphQLDeps,
): Promise<void> {
  const { dataset, format } = datasetRequest(path, datasets);
  const { query } = dataset.download!;
  // The fixed query is checked as an anonymous one would be: the open schema decides, not the list.
  const checked = openDocument(deps.schema(), { query }, deps.maxTokens);
  const served = await deps.pipeline.run(
    checked.body,
    clientAddress,
    format === 'csv' ? 'OPEN_DATA_CSV' : 'OPEN_DATA_JSON',
    (response) => fileBody(response, query, format),
  );
  if (!served.prepared) return sendDelivered(res, served);
  const slug = dataset.download!.slug;
  res.writeHead(200, {
    'content-type':
      format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
    'content-disposition': attachment(`${slug}.${format}`, `${dataset.resource.name}.${format}`),
    'content-length': served.prepared.length,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    [REQUEST_ID_HEADER]: served.requestId,
  });
  res.end(served.prepared);
}

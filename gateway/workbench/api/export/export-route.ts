/**
 * POST /workbench/api/export?format=csv|xlsx, with a body as a GraphQL POST's
 * ({query, variables?, operationName?}, or a persisted document): the result as a download.
 * Run through the GraphQL endpoint's whole pipeline as an export delivery (export-delivery.ts);
 * whatever GraphQL would answer with an error (401, 403, 429, 400, a response with no data) is
 * answered exactly so, as JSON with the same status.
 */
import type http from 'node:http';
import { ErrorCode } from '../../../../domain/error-codes';
import { HttpError } from '../../../../contracts/http/http-error';
import { REQUEST_ID_HEADER, type DeliveredResponse } from '../../../http/graphql-endpoint';
import type { HttpRoute } from '../../../http/http-route';
import type { WorkbenchDeps } from '../../workbench-deps';
import { ExportFormat, exportDelivery, MAX_EXPORT_ROWS } from './export-delivery';
import { exportFile } from './export-file';

export const EXPORT_PATH = '/workbench/api/export';

function formatOf(url: URL): ExportFormat {
  const format = url.searchParams.get('format') ?? 'csv';
  if (format === 'csv' || format === 'xlsx') return format;
  throw new HttpError(400, 'format must be csv or xlsx.', ErrorCode.BAD_REQUEST, {
    argument: 'format',
  });
}

function sendJson(res: http.ServerResponse, held: DeliveredResponse<unknown>): void {
  if (res.destroyed) return;
  for (const [name, value] of held.headers) res.setHeader(name, value);
  res.setHeader(REQUEST_ID_HEADER, held.requestId);
  res.setHeader('content-length', Buffer.byteLength(held.body));
  res.statusCode = held.status;
  res.end(held.body);
}

export function exportRoute(deps: WorkbenchDeps, maxRows = MAX_EXPORT_ROWS): HttpRoute {
  return {
    method: 'POST',
    path: EXPORT_PATH,
    throughPipeline: true,
    async handle(req, res, url) {
      const format = formatOf(url);
      const delivery = exportDelivery(format, maxRows);
      const delivered = await deps.graphql.run(req, delivery);
      if (!delivered.prepared) return sendJson(res, delivered);
      const file = await exportFile(
        delivered.prepared,
        format,
        delivery.operationName(),
        new Date(),
      );
      if (res.destroyed) return;
      res.writeHead(200, { ...file.headers, [REQUEST_ID_HEADER]: delivered.requestId });
      res.end(file.body);
    },
  };
}

/**
 * A query's result delivered as a file (the workbench's export), as a delivery of the GraphQL
 * endpoint (graphql-endpoint.ts `run`): the request goes through every stage as any GraphQL
 * request does (authentication, rate and operation limits, the sharing policy, the audit), so
 * the file holds only what the caller was served and its audit record, durable before a byte is
 * sent, says it was an export.
 *
 * Only queries: a mutation changes data, and what it answers is no table to download; refusing
 * it before execution keeps an export from being a way to run one. A result past the row bound
 * is refused before the record is written, so the record says what was answered: the refusal.
 */
import { getOperationAST, parse } from 'graphql';
import { ErrorCode } from '../../../../domain/error-codes';
import { HttpError } from '../../../../contracts/http/http-error';
import type { Delivery as DeliveryKind } from '../../../../contracts/audit/record-delivery';
import type { Delivery, HeldResponse } from '../../../http/graphql-endpoint';
import { ExportNote, exportNotes } from './export-notes';
import { resultRows, ResultTable, TooManyRows } from './result-rows';
import { KeyOrder, selectionOrder } from './selection-order';

/** The most rows an export holds; past it the export is refused (narrow the query, export in parts). */
export const MAX_EXPORT_ROWS = 10_000;

export type ExportFormat = 'csv' | 'xlsx';

export const EXPORT_KINDS: Readonly<Record<ExportFormat, DeliveryKind>> = {
  csv: 'EXPORT_CSV',
  xlsx: 'EXPORT_XLSX',
};

export interface PreparedExport {
  readonly table: ResultTable;
  readonly notes: readonly ExportNote[];
}

export interface ExportDelivery extends Delivery<PreparedExport> {
  /** The operation's name as the document gives it, once admitted; null for an anonymous one. */
  operationName(): string | null;
}

function notExportable(kind: string): HttpError {
  return new HttpError(
    400,
    `Only queries can be exported; a ${kind} changes data and is run through /graphql.`,
    ErrorCode.BAD_REQUEST,
    { problem: 'NOT_EXPORTABLE' },
  );
}

export function exportDelivery(format: ExportFormat, maxRows = MAX_EXPORT_ROWS): ExportDelivery {
  let name: string | null = null;
  let order: KeyOrder | undefined;
  return {
    kind: EXPORT_KINDS[format],
    operationName: () => name,
    // Within the operation limits already: the parse is bounded as Apollo's own is. Anything
    // that does not parse or name one operation is left to Apollo, which answers it as usual.
    admit(body) {
      if (typeof body !== 'object' || body === null) return;
      const { query, operationName } = body as { query?: unknown; operationName?: unknown };
      if (typeof query !== 'string') return;
      let document;
      try {
        document = parse(query);
      } catch {
        return;
      }
      const operation = getOperationAST(
        document,
        typeof operationName === 'string' ? operationName : null,
      );
      if (!operation) return;
      if (operation.operation !== 'query') throw notExportable(operation.operation);
      name = operation.name?.value ?? null;
      order = selectionOrder(document, operation);
    },
    prepare(response: HeldResponse): PreparedExport | null {
      if (response.status !== 200) return null;
      let parsed: { data?: unknown; errors?: unknown; extensions?: unknown };
      try {
        parsed = JSON.parse(response.body) as typeof parsed;
      } catch {
        return null;
      }
      // Errors only, no data: answered as GraphQL answers it.
      if (typeof parsed?.data !== 'object' || parsed.data === null) return null;
      try {
        return { table: resultRows(parsed.data, maxRows, order), notes: exportNotes(parsed) };
      } catch (err) {
        if (!(err instanceof TooManyRows)) throw err;
        throw new HttpError(
          400,
          `The result has more than ${maxRows} rows, more than one export holds: narrow the query (first:, filters) and export it in parts.`,
          ErrorCode.BAD_REQUEST,
          { problem: 'EXPORT_TOO_LARGE', limit: { name: 'exportRows', max: maxRows } },
        );
      }
    },
  };
}

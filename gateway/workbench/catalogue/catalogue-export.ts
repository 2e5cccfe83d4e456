/**
 * GET /workbench/catalogue/export?format=xlsx|csv|json&owner=: the catalogue, whole or one
 * owner's, as a file download named for the catalogue, the owner and the day (China time),
 * e.g. 南通市政务信息资源目录_公安局_2025-03-03.xlsx (ASCII: resource-catalogue_public-security_2025-03-03.xlsx).
 */
import type http from 'node:http';
import { chinaToday } from '../../../domain/china-date';
import { departmentByCode } from '../../../domain/departments';
import type { CatalogueEntry } from '../../../contracts/catalogue/resource-catalogue';
import { catalogueCsv } from './catalogue-csv';
import type { ExportFormat } from './catalogue-params';
import { catalogueXlsx } from './catalogue-xlsx';
import { attachment } from './content-disposition';

export const CATALOGUE_TITLE = '南通市政务信息资源目录';

const CONTENT_TYPES: Readonly<Record<ExportFormat, string>> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

export interface CatalogueFile {
  readonly body: Buffer;
  readonly contentType: string;
  readonly disposition: string;
}

/** The file for `entries`, already restricted to `owner` (null: the whole catalogue). */
export async function catalogueFile(
  entries: readonly CatalogueEntry[],
  format: ExportFormat,
  owner: string | null,
  now: Date = new Date(),
): Promise<CatalogueFile> {
  const day = chinaToday(now);
  const ownerName = owner ? (departmentByCode(owner)?.name ?? owner) : '全部部门';
  const title = `${CATALOGUE_TITLE}（${ownerName}）`;
  const body =
    format === 'xlsx'
      ? await catalogueXlsx(entries, { title: `${title} ${day}`, created: now })
      : format === 'csv'
        ? catalogueCsv(entries)
        : Buffer.from(
            `${JSON.stringify({ title, generatedOn: day, owner, items: entries }, null, 2)}\n`,
            'utf8',
          );
  return {
    body,
    contentType: CONTENT_TYPES[format],
    disposition: attachment(
      `resource-catalogue_${owner ?? 'all'}_${day}.${format}`,
      `${CATALOGUE_TITLE}_${owner ? ownerName : '全部'}_${day}.${format}`,
    ),
  };
}

export function sendFile(res: http.ServerResponse, file: CatalogueFile): void {
  res.writeHead(200, {
    'content-type': file.contentType,
    'content-length': file.body.length,
    'content-disposition': file.disposition,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(file.body);
}

/**
 * The download an export answers: the file (CSV or Excel), its name, and headers that summarise
 * what the file cannot show in a cell. CSV has one table only, so the fields withheld and masked
 * go into response headers (x-export-withheld, x-export-masked); the workbook carries them on
 * its notes sheet too. Header values are built from schema coordinates, reasons and mask names
 * only, filtered to a safe ASCII set and bounded, so no response header can be split or bloated.
 */
import { csvText } from '../../csv-text';
import type { ExportFormat, PreparedExport } from './export-delivery';
import { xlsxBuffer } from './xlsx-writer';

export interface ExportFile {
  readonly body: Buffer;
  readonly headers: Readonly<Record<string, string>>;
}

const CONTENT_TYPES: Readonly<Record<ExportFormat, string>> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Header values stay within what a coordinate list needs; longer ones end in "...". */
const MAX_HEADER_CHARS = 2000;

function headerList(entries: Iterable<string>): string {
  const value = [...new Set(entries)]
    .map((e) => e.replace(/[^A-Za-z0-9_.=:-]/g, ''))
    .filter(Boolean)
    .join(', ');
  return value.length <= MAX_HEADER_CHARS ? value : `${value.slice(0, MAX_HEADER_CHARS - 3)}...`;
}

/** China time (UTC+8, no daylight saving), as `20261206-181500`: the analysts' own clock. */
export function chinaStamp(at: Date): string {
  const iso = new Date(at.getTime() + 8 * 3_600_000).toISOString();
  return `${iso.slice(0, 10).replace(/-/g, '')}-${iso.slice(11, 19).replace(/:/g, '')}`;
}

/** `<operation name or "export">-<China time>.<format>`: an operation name is a GraphQL name, safe in a header. */
export function exportFilename(
  operationName: string | null,
  format: ExportFormat,
  at: Date,
): string {
  const base =
    operationName && /^[_A-Za-z][_0-9A-Za-z]*$/.test(operationName) ? operationName : 'export';
  return `${base}-${chinaStamp(at)}.${format}`;
}

export async function exportFile(
  prepared: PreparedExport,
  format: ExportFormat,
  operationName: string | null,
  at: Date,
): Promise<ExportFile> {
  const filename = exportFilename(operationName, format, at);
  const body =
    format === 'csv'
      ? Buffer.from(csvText(prepared.table.columns, prepared.table.rows), 'utf8')
      : await xlsxBuffer(prepared.table, prepared.notes, { title: filename, created: at });
  const withheld = prepared.notes.filter((n) => n.kind === 'WITHHELD');
  const masked = prepared.notes.filter((n) => n.kind === 'MASKED');
  const errors = prepared.notes.filter((n) => n.kind === 'ERROR');
  return {
    body,
    headers: {
      'content-type': CONTENT_TYPES[format],
      'content-disposition': `attachment; filename="${filename}"`,
      'content-length': String(body.length),
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'x-export-rows': String(prepared.table.rows.length),
      'x-export-withheld': headerList(withheld.map((n) => `${n.coordinate}=${n.detail}`)),
      'x-export-masked': headerList(masked.map((n) => `${n.coordinate}=${n.detail}`)),
      'x-export-errors': String(errors.length),
    },
  };
}

/**
 * Tables as CSV that Excel on a Chinese Windows opens as intended, for every download the
 * workbench offers (result exports, the catalogue): UTF-8 with a byte-order mark (without it
 * Excel reads the bytes as GBK and the Chinese turns to mojibake), CRLF line ends and quoting
 * as RFC 4180 says (a field holding a comma, a quote or a line break is quoted, its quotes
 * doubled).
 *
 * Formula injection (CWE-1236): a text cell beginning with =, +, -, @, a tab or a carriage
 * return is a formula to a spreadsheet, and the text exported is other people's (an address, a
 * company name, a description). Such a cell is prefixed with an apostrophe, which spreadsheets
 * read as "text", so opening a download never runs what someone once typed. Numbers and
 * booleans are written as they are.
 */
export type CsvCell = string | number | boolean | null;

export const UTF8_BOM = '\ufeff';

const FORMULA_START = /^[=+\-@\t\r]/;

/** Whether a spreadsheet would read the text as a formula (CSV exports and Excel appendices alike). */
export function looksLikeFormula(text: string): boolean {
  return FORMULA_START.test(text);
}
const NEEDS_QUOTES = /[",\r\n]/;

/** One cell as CSV text: guarded against formulas, quoted when it must be. */
export function csvCell(cell: CsvCell): string {
  if (cell === null) return '';
  let text = String(cell);
  if (typeof cell === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A header row and data rows as one CSV document, BOM first. */
export function csvText(header: readonly CsvCell[], rows: Iterable<readonly CsvCell[]>): string {
  const lines = [header.map(csvCell).join(',')];
  for (const row of rows) lines.push(row.map(csvCell).join(','));
  return `${UTF8_BOM}${lines.join('\r\n')}\r\n`;
}

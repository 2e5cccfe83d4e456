/**
 * Writes one table as an Excel sheet: two frozen header rows with a filter, number formats,
 * widths fitted to CJK text, and every text cell guarded against formula injection.
 *
 * Formula injection (CWE-1236): department names, refusal reasons, purposes and systems' names
 * are other people's text. exceljs stores a string as a string, never a formula, but a reader
 * who edits such a cell, or saves the sheet as CSV, turns `=…` into one; so a text beginning
 * with =, +, -, @, a tab or a carriage return gets a leading apostrophe, the rule the
 * workbench's CSV downloads follow (gateway/workbench/csv-text.ts).
 */
import type ExcelJS from 'exceljs';
import { looksLikeFormula } from '../../workbench/csv-text';
import type { SheetTable, XlsxCell } from './report-sheet-columns';
import { HEADER_ROWS } from './report-sheet-columns';

/** Excel holds at most this many characters in a cell; a longer text makes the file unreadable. */
const MAX_CELL_CHARS = 32_767;
const INVALID_SHEET_NAME = /[\\/?*[\]:]/;

/** A text cell as stored: never read as a formula, never longer than Excel allows. */
export function guardedText(text: string): string {
  const guarded = looksLikeFormula(text) ? `'${text}` : text;
  return guarded.length > MAX_CELL_CHARS ? guarded.slice(0, MAX_CELL_CHARS) : guarded;
}

/** Display width of a text: CJK characters take two columns. */
function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]/.test(ch) ? 2 : 1;
  return width;
}

const headerFill: ExcelJS.Fill = {
  type: 'pattern',
  pattern: 'solid',
  fgColor: { argb: 'FFDDE6F0' },
};

export function writeSheet(workbook: ExcelJS.Workbook, table: SheetTable): void {
  if (table.name.length > 31 || INVALID_SHEET_NAME.test(table.name))
    throw new Error(`sheet name "${table.name}" is not one Excel accepts`);
  const sheet = workbook.addWorksheet(table.name, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: HEADER_ROWS }],
  });
  const cells = (row: readonly XlsxCell[]) =>
    row.map((c) => (typeof c === 'string' ? guardedText(c) : c));
  for (const header of [table.columns.map((c) => c.zh), table.columns.map((c) => c.en)]) {
    const row = sheet.addRow(cells(header));
    row.font = { bold: true };
    row.eachCell((cell) => {
      cell.fill = headerFill;
      cell.alignment = { vertical: 'middle', wrapText: true };
    });
  }
  for (const row of table.rows) sheet.addRow(cells(row));
  table.columns.forEach((c, i) => {
    const column = sheet.getColumn(i + 1);
    if (c.numFmt) column.numFmt = c.numFmt;
    else if (table.rows.some((r) => typeof r[i] === 'number')) column.numFmt = '#,##0';
    const widest = Math.max(
      displayWidth(c.zh),
      displayWidth(c.en),
      ...table.rows.map((r) => displayWidth(r[i] === null ? '' : String(r[i]))),
    );
    column.width = Math.min(60, Math.max(8, widest + 2));
  });
  if (table.columns.length > 0)
    sheet.autoFilter = {
      from: { row: HEADER_ROWS, column: 1 },
      to: { row: HEADER_ROWS, column: table.columns.length },
    };
}

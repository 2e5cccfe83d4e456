/**
 * A table as an Excel workbook (exceljs): the rows on the first sheet under a bold header row
 * frozen in place, and the export's notes (fields withheld, masked, errors: export-notes.ts) on
 * a second, so an empty cell is never mistaken for an empty value. Text is stored as text, never
 * as a formula, whatever it begins with.
 */
import ExcelJS from 'exceljs';
import { newWorkbook, WorkbookMeta } from '../../workbook';
import type { ExportNote } from './export-notes';
import type { Cell, ResultTable } from './result-rows';

export const DATA_SHEET = '数据 data';
export const NOTES_SHEET = '说明 notes';

/** Excel holds at most this many characters in a cell; a longer text would make the file unreadable. */
const MAX_CELL_CHARS = 32_767;

function xlsxCell(cell: Cell): string | number | boolean | null {
  if (typeof cell === 'string' && cell.length > MAX_CELL_CHARS)
    return cell.slice(0, MAX_CELL_CHARS);
  return cell;
}

function headed(sheet: ExcelJS.Worksheet, header: readonly string[]): void {
  const row = sheet.addRow([...header]);
  row.font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  header.forEach((name, i) => {
    sheet.getColumn(i + 1).width = Math.min(60, Math.max(12, name.length + 2));
  });
}

export async function xlsxBuffer(
  table: ResultTable,
  notes: readonly ExportNote[],
  meta: WorkbookMeta,
): Promise<Buffer> {
  const workbook = newWorkbook(meta);
  const data = workbook.addWorksheet(DATA_SHEET);
  headed(data, table.columns);
  for (const row of table.rows) data.addRow(row.map(xlsxCell));
  const notesSheet = workbook.addWorksheet(NOTES_SHEET);
  headed(notesSheet, ['kind', 'path', 'coordinate', 'detail', 'message']);
  for (const n of notes)
    notesSheet.addRow([n.kind, n.path, n.coordinate, n.detail, n.message].map(xlsxCell));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

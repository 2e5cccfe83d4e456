/**
 * The catalogue as an Excel workbook laid out as the catalogue guide's table: a title row, the
 * guide's two-level column headers in Chinese (an element over its parts, e.g. 信息资源分类
 * over 类, 项, 目, 细目), then one row per data item grouped under its resource, the resource's
 * own columns merged down its rows. Headers stay frozen while scrolling; text is set in 宋体
 * (SimSun), which every Chinese Windows has, so the table renders as printed; cells are text,
 * never formulas, whatever they begin with.
 *
 * Rows: 1 title, 2 and 3 headers (HEADER_ROW: the parts' names), data from FIRST_DATA_ROW.
 */
import ExcelJS from 'exceljs';
import { newWorkbook, WorkbookMeta } from '../workbook';
import type { CatalogueEntry } from '../../../contracts/catalogue/resource-catalogue';
import { CATALOGUE_COLUMNS, groupByResource } from './catalogue-table';

export const CATALOGUE_SHEET = '政务信息资源目录';
export const HEADER_ROW = 3;
export const FIRST_DATA_ROW = 4;
export const CJK_FONT = '宋体';

const thin: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};
const headerFill: ExcelJS.Fill = {
  type: 'pattern',
  pattern: 'solid',
  fgColor: { argb: 'FFDDE6F0' },
};

function headerRows(sheet: ExcelJS.Worksheet): void {
  const columns = CATALOGUE_COLUMNS;
  sheet.getRow(2).values = columns.map((c) => c.group ?? c.header);
  sheet.getRow(HEADER_ROW).values = columns.map((c) => c.header);
  for (let i = 0; i < columns.length;) {
    const group = columns[i].group;
    let end = i;
    while (group && end + 1 < columns.length && columns[end + 1].group === group) end += 1;
    // An element with parts spans them on row 2; a single element spans both header rows.
    if (group) sheet.mergeCells(2, i + 1, 2, end + 1);
    else sheet.mergeCells(2, i + 1, HEADER_ROW, i + 1);
    i = end + 1;
  }
  for (const r of [2, HEADER_ROW]) {
    const row = sheet.getRow(r);
    row.height = 22;
    row.eachCell({ includeEmpty: true }, (cell) => {
      cell.font = { name: CJK_FONT, size: 10, bold: true };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.fill = headerFill;
      cell.border = thin;
    });
  }
}

export async function catalogueXlsx(
  entries: readonly CatalogueEntry[],
  meta: WorkbookMeta,
): Promise<Buffer> {
  const workbook = newWorkbook(meta);
  const sheet = workbook.addWorksheet(CATALOGUE_SHEET, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: HEADER_ROW }],
    pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  CATALOGUE_COLUMNS.forEach((c, i) => {
    sheet.getColumn(i + 1).width = c.width;
  });
  const title = sheet.getCell(1, 1);
  title.value = meta.title;
  title.font = { name: CJK_FONT, size: 16, bold: true };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  sheet.getRow(1).height = 30;
  sheet.mergeCells(1, 1, 1, CATALOGUE_COLUMNS.length);
  headerRows(sheet);

  let rowNumber = FIRST_DATA_ROW;
  for (const group of groupByResource(entries)) {
    const first = rowNumber;
    for (const entry of group.entries) {
      const row = sheet.getRow(rowNumber);
      CATALOGUE_COLUMNS.forEach((c, i) => {
        const cell = row.getCell(i + 1);
        if (c.level === 'item' || rowNumber === first) cell.value = c.value(entry);
        cell.font = { name: CJK_FONT, size: 10 };
        cell.alignment = { vertical: 'top', wrapText: true };
        cell.border = thin;
      });
      rowNumber += 1;
    }
    const last = rowNumber - 1;
    if (last > first)
      CATALOGUE_COLUMNS.forEach((c, i) => {
        if (c.level === 'resource') sheet.mergeCells(first, i + 1, last, i + 1);
      });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

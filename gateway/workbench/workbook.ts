/** The workbench's Excel downloads (result exports, the catalogue) start as the same workbook. */
import ExcelJS from 'exceljs';

export interface WorkbookMeta {
  readonly title: string;
  readonly created: Date;
}

/** An empty workbook that names the platform as its author, with the download's title and time. */
export function newWorkbook(meta: WorkbookMeta): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Shujutong 数据通';
  workbook.title = meta.title;
  workbook.created = meta.created;
  return workbook;
}

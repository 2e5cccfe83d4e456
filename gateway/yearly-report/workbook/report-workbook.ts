/**
 * The yearly report's Excel appendix (附表): every table of the report on a sheet of its own,
 * the departments' tables in long format (one row per department and item, a department column
 * first) so a reader can filter and pivot them. Each sheet has a Chinese header row over an
 * English one, frozen, with a filter; rates are fractions shown as per cent.
 *
 * Other people's text is guarded against formula injection (CWE-1236) where each sheet is
 * written: see report-sheet-writer.ts.
 */
import { departmentByCode } from '../../../domain/departments';
import { newWorkbook } from '../../workbench/workbook';
import { cityTables } from './report-city-sheets';
import { departmentTables } from './report-department-sheets';
import { evaluationTables } from './report-evaluation-sheets';
import type { YearlyReport } from '../report-model';
import type { SheetTable } from './report-sheet-columns';
import { col, SHEETS, TEXT } from './report-sheet-columns';
import { writeSheet } from './report-sheet-writer';

export type { SheetColumn, SheetTable, XlsxCell } from './report-sheet-columns';
export { HEADER_ROWS, SHEETS } from './report-sheet-columns';
export { guardedText } from './report-sheet-writer';

function aboutTable(report: YearlyReport, name: (code: string) => string): SheetTable {
  const { config, configSource } = report.evaluation;
  return {
    name: SHEETS.about,
    columns: [col('项目', 'Item', TEXT), col('内容', 'Value', TEXT)],
    rows: [
      ['年度 Year', String(report.year)],
      [
        '范围 Scope',
        report.department === null
          ? '全市 The city'
          : `${name(report.department)} ${report.department}`,
      ],
      ['生成时间 Generated (UTC)', report.generatedAt],
      ['统计截至 As of', report.asOf],
      ['制作 Made by', report.madeBy],
      [
        '审计汇总已更新 Usage up to date',
        report.usageUpToDate ? '是 Yes' : '否：调用次数可能偏少 No: call figures may be short',
      ],
      ['评估指标 Indicators', `${config.title} ${config.version}`],
      ['配置来源 Configuration', configSource],
    ],
  };
}

/** Every table of the report, in the order of the sheets. */
export function reportTables(report: YearlyReport): SheetTable[] {
  const names = new Map(report.departments.map((d) => [d.code, d.name]));
  const name = (code: string) => names.get(code) ?? departmentByCode(code)?.name ?? code;
  return [
    aboutTable(report, name),
    ...(report.department === null ? cityTables(report, name) : []),
    ...evaluationTables(report, name),
    ...departmentTables(report, name),
  ];
}

export async function renderReportWorkbook(report: YearlyReport): Promise<Buffer> {
  const department = report.departments.find((d) => d.code === report.department);
  const scope = report.department === null ? '南通市' : (department?.name ?? report.department);
  const generated = new Date(report.generatedAt);
  const workbook = newWorkbook({
    title: `${scope} 政务信息资源共享年度报告 ${report.year} 附表`,
    created: Number.isNaN(generated.getTime()) ? new Date() : generated,
  });
  for (const table of reportTables(report)) writeSheet(workbook, table);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

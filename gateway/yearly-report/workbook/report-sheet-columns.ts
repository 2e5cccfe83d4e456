/**
 * The shapes of the Excel appendix's sheets, their names, and the columns several sheets share
 * (department, month), so every sheet builder writes the same headers the same way.
 */
import type { DepartmentReport } from '../report-model';

export type XlsxCell = string | number | boolean | null;

export interface SheetColumn {
  readonly zh: string;
  readonly en: string;
  /** Excel number format, e.g. '0.0%'. @default '#,##0' for numbers */
  readonly numFmt?: string;
}

export interface SheetTable {
  /** At most 31 characters (Excel's limit), none of \ / ? * [ ] : */
  readonly name: string;
  readonly columns: readonly SheetColumn[];
  readonly rows: readonly (readonly XlsxCell[])[];
}

/** Rows 1 and 2 are the headers (Chinese, English); data starts on row 3. */
export const HEADER_ROWS = 2;

export const SHEETS = {
  about: '报告信息 About',
  cityTotals: '全市合计 City totals',
  cityMonthly: '全市月度 City monthly',
  cityRefusals: '全市不予共享理由 City refusals',
  rankings: '排名 Rankings',
  scores: '评估得分 Evaluation scores',
  indicatorScores: '指标得分 Indicator scores',
  indicators: '评估指标 Evaluation indicators',
  provided: '提供数据 Provided',
  consumers: '使用部门 Consumers',
  applications: '共享申请 Applications',
  refusals: '不予共享理由 Refusal reasons',
  grants: '授权 Grants',
  usedByOwner: '使用数据按提供方 Used by owner',
  usedByPurpose: '使用数据按用途 Used by purpose',
  errorReports: '数据纠错 Error reports',
  inventory: '系统清查 Inventory',
  flagged: '问题系统 Flagged systems',
  monthly: '部门月度 Department monthly',
} as const;

export const PERCENT = '0.0%';
export const POINTS = '0.00';
export const TEXT = '@';

export const col = (zh: string, en: string, numFmt?: string): SheetColumn => ({ zh, en, numFmt });
export const DEPARTMENT_COLUMNS = [
  col('部门代码', 'Department code', TEXT),
  col('部门', 'Department', TEXT),
];

export const MONTH_COLUMNS = [
  col('月份', 'Month', TEXT),
  col('被调用', 'Calls by others'),
  col('调用他部门', 'Calls to others'),
  col('收到申请', 'Applications received'),
  col('收到纠错', 'Error reports received'),
];

export const monthRow = (m: DepartmentReport['byMonth'][number]): XlsxCell[] => [
  m.month,
  m.callsByOthers,
  m.callsToOthers,
  m.applicationsReceived,
  m.errorReportsReceived,
];

/**
 * The city's sheets of the Excel appendix: totals by figure path, the monthly trend, refusal
 * reasons and the rankings; only the city's report carries them.
 */
import { figureLabel, isFigurePath } from '../evaluation/figure-paths';
import type { YearlyReport } from '../report-model';
import type { SheetTable } from './report-sheet-columns';
import {
  col,
  DEPARTMENT_COLUMNS,
  MONTH_COLUMNS,
  monthRow,
  SHEETS,
  TEXT,
} from './report-sheet-columns';

/** The numeric leaves of an object as dotted paths and values, in the object's order. */
function numericLeaves(value: object, prefix = ''): [string, number][] {
  return Object.entries(value).flatMap(([key, v]): [string, number][] => {
    if (typeof v === 'number') return [[`${prefix}${key}`, v]];
    if (v && typeof v === 'object' && !Array.isArray(v))
      return numericLeaves(v, `${prefix}${key}.`);
    return [];
  });
}

const CITY_LABELS: Readonly<Record<string, string>> = {
  calls: '部门间调用',
  fieldsServed: '提供字段',
  sharingRelations: '共享关系（使用方—提供方）',
};

/** The Chinese label of a city total: the department figure's of the same path where there is one. */
function cityLabel(path: string): string {
  if (CITY_LABELS[path]) return CITY_LABELS[path];
  if (isFigurePath(path)) return figureLabel(path);
  return figureLabel(`provided.${path}`);
}

export function cityTables(report: YearlyReport, name: (code: string) => string): SheetTable[] {
  const { totals, byMonth, rankings } = report.city;
  const ranking = (
    id: string,
    label: string,
    rows: readonly { department: string; value: number }[],
  ) => rows.map((r, i) => [id, label, i + 1, r.department, name(r.department), r.value]);
  return [
    {
      name: SHEETS.cityTotals,
      columns: [col('指标', 'Figure', TEXT), col('名称', 'Label', TEXT), col('数值', 'Value')],
      rows: numericLeaves(totals).map(([path, value]) => [path, cityLabel(path), value]),
    },
    {
      name: SHEETS.cityMonthly,
      columns: MONTH_COLUMNS,
      rows: byMonth.map(monthRow),
    },
    {
      name: SHEETS.cityRefusals,
      columns: [col('不予共享理由', 'Reason', TEXT), col('次数', 'Count')],
      rows: totals.applications.refusalReasons.map((r) => [r.reason, r.count]),
    },
    {
      name: SHEETS.rankings,
      columns: [
        col('排名', 'Ranking', TEXT),
        col('排名名称', 'Ranking name', TEXT),
        col('名次', 'Rank'),
        ...DEPARTMENT_COLUMNS,
        col('数值（答复率为比例）', 'Value (reply rate as a fraction)', 'General'),
      ],
      rows: [
        ...ranking('byCallsByOthers', '数据被调用 Calls by others', rankings.byCallsByOthers),
        ...ranking('byCallsToOthers', '调用他部门 Calls to others', rankings.byCallsToOthers),
        ...ranking('byReplyRate', '申请按时答复率 Reply rate', rankings.byReplyRate),
      ],
    },
  ];
}

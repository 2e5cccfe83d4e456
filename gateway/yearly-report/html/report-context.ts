/**
 * What every section of the report page is rendered with: the report, the page's chart
 * collector, and departments' names looked up by code (the report's own names first).
 */
import { departmentByCode } from '../../../domain/departments';
import type { Charts } from './report-charts';
import type { YearlyReport } from '../report-model';

export interface Context {
  readonly report: YearlyReport;
  readonly charts: Charts;
  readonly name: (code: string) => string;
}

export function nameLookup(report: YearlyReport): (code: string) => string {
  const names = new Map(report.departments.map((d) => [d.code, d.name]));
  return (code) => names.get(code) ?? departmentByCode(code)?.name ?? code;
}

export function reportTitle(report: YearlyReport, name: (code: string) => string): string {
  return report.department === null
    ? `南通市政务信息资源共享年度报告 ${report.year}`
    : `${name(report.department)} 政务信息资源共享年度报告 ${report.year}`;
}

/**
 * The departments' sheets of the Excel appendix, in long format: one row per department and
 * item, the department's code and name first, so a reader can filter and pivot them.
 */
import { purposeByCode } from '../../../domain/departments';
import type { DepartmentReport, YearlyReport } from '../report-model';
import type { SheetColumn, SheetTable, XlsxCell } from './report-sheet-columns';
import {
  col,
  DEPARTMENT_COLUMNS,
  MONTH_COLUMNS,
  monthRow,
  SHEETS,
  TEXT,
} from './report-sheet-columns';

/** One long-format table over the departments: each row starts with the department's code and name. */
function perDepartment(
  departments: readonly DepartmentReport[],
  sheet: string,
  columns: readonly SheetColumn[],
  rows: (d: DepartmentReport) => readonly (readonly XlsxCell[])[],
): SheetTable {
  return {
    name: sheet,
    columns: [...DEPARTMENT_COLUMNS, ...columns],
    rows: departments.flatMap((d) => rows(d).map((row) => [d.code, d.name, ...row])),
  };
}

export function departmentTables(
  report: YearlyReport,
  name: (code: string) => string,
): SheetTable[] {
  const ds = report.departments;
  const count = (zh: string, en: string) => col(zh, en);
  return [
    perDepartment(
      ds,
      SHEETS.provided,
      [
        col('类型', 'Kind', TEXT),
        count('无条件共享', 'Unconditional'),
        count('有条件共享', 'Conditional'),
        count('不予共享', 'Not shared'),
        count('数据项合计', 'Data items'),
        count('无条件开放', 'Open'),
        count('有条件开放', 'Conditionally open'),
        count('不予开放', 'Not open'),
        count('被其他部门调用', 'Calls by others'),
        count('使用部门', 'Consumers'),
        count('提供字段', 'Fields served'),
        count('其中脱敏', 'Fields masked'),
        count('拒绝提供字段', 'Fields denied'),
        count('被使用的数据项', 'Distinct fields used'),
      ],
      ({ kind, provided: p }) => [
        [
          kind,
          p.catalogue.unconditional,
          p.catalogue.conditional,
          p.catalogue.notShared,
          p.catalogue.total,
          p.catalogue.open,
          p.catalogue.conditionallyOpen,
          p.catalogue.notOpen,
          p.callsByOthers,
          p.consumers,
          p.fieldsServed,
          p.fieldsMasked,
          p.fieldsDenied,
          p.distinctFieldsUsed,
        ],
      ],
    ),
    perDepartment(
      ds,
      SHEETS.consumers,
      [
        col('使用部门代码', 'Consumer code', TEXT),
        col('使用部门', 'Consumer', TEXT),
        count('调用', 'Calls'),
      ],
      (d) => d.provided.byConsumer.map((c) => [c.department, name(c.department), c.calls]),
    ),
    perDepartment(
      ds,
      SHEETS.applications,
      [
        count('收到申请', 'Received'),
        count('同意', 'Approved'),
        count('不予同意', 'Rejected'),
        count('待答复', 'Pending'),
        count('按时答复', 'Answered on time'),
        count('逾期答复', 'Answered late'),
        count('逾期未答复', 'Pending past due'),
      ],
      ({ applications: a }) => [
        [
          a.received,
          a.approved,
          a.rejected,
          a.pending,
          a.answeredOnTime,
          a.answeredLate,
          a.overduePending,
        ],
      ],
    ),
    perDepartment(
      ds,
      SHEETS.refusals,
      [col('不予共享理由', 'Reason', TEXT), count('次数', 'Count')],
      (d) => d.applications.refusalReasons.map((r) => [r.reason, r.count]),
    ),
    perDepartment(
      ds,
      SHEETS.grants,
      [
        count('新授权', 'Granted'),
        count('期末有效', 'In force at the end'),
        count('撤销', 'Revoked'),
        count('到期', 'Expired'),
      ],
      ({ grants: g }) => [[g.granted, g.activeAtEnd, g.revoked, g.expired]],
    ),
    perDepartment(
      ds,
      SHEETS.usedByOwner,
      [
        col('提供部门代码', 'Owner code', TEXT),
        col('提供部门', 'Owner', TEXT),
        count('调用', 'Calls'),
      ],
      (d) => d.used.byOwner.map((o) => [o.department, name(o.department), o.calls]),
    ),
    perDepartment(
      ds,
      SHEETS.usedByPurpose,
      [
        col('用途代码（空：未声明）', 'Purpose (empty: none declared)', TEXT),
        col('用途', 'Purpose name', TEXT),
        count('获得字段', 'Fields received'),
      ],
      (d) =>
        d.used.byPurpose.map((u) => [
          u.purpose,
          purposeByCode(u.purpose)?.name ?? null,
          u.fieldsServed,
        ]),
    ),
    perDepartment(
      ds,
      SHEETS.errorReports,
      [
        count('收到纠错', 'Received'),
        count('已更正', 'Corrected'),
        count('不予更正', 'Rejected'),
        count('按时处理', 'Answered on time'),
        count('逾期处理', 'Answered late'),
        count('按时更正', 'Corrected on time'),
        count('待处理', 'Pending'),
        count('逾期未处理', 'Pending past due'),
      ],
      ({ errorReports: r }) => [
        [
          r.received,
          r.corrected,
          r.rejected,
          r.answeredOnTime,
          r.answeredLate,
          r.correctedOnTime,
          r.pending,
          r.overdue,
        ],
      ],
    ),
    perDepartment(
      ds,
      SHEETS.inventory,
      [
        count('在册系统', 'Systems'),
        count('疑似僵尸系统', 'Zombie candidates'),
        count('应接未接', 'Not connected'),
        count('未自查确认', 'Unconfirmed'),
      ],
      ({ inventory: i }) => [[i.systems, i.zombieCandidates, i.notConnected, i.unconfirmed]],
    ),
    perDepartment(
      ds,
      SHEETS.flagged,
      [
        col('系统编号', 'System id', TEXT),
        col('系统名称', 'System name', TEXT),
        col('疑似僵尸', 'Zombie candidate'),
        col('应接未接', 'Not connected'),
        col('原因', 'Reasons', TEXT),
      ],
      (d) =>
        d.inventory.flagged.map((f) => [
          f.id,
          f.name,
          f.zombieCandidate,
          f.notConnected,
          f.reasons.join('；'),
        ]),
    ),
    perDepartment(ds, SHEETS.monthly, MONTH_COLUMNS, (d) => d.byMonth.map(monthRow)),
  ];
}

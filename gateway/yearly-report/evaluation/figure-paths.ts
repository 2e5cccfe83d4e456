/**
 * The figures of a department's report an evaluation indicator may name (evaluation-indicators.json):
 * every numeric leaf of `DepartmentReport` outside its arrays, written as a dotted path
 * (`applications.answeredOnTime`). Lists (by consumer, by month, flagged systems) are breakdowns of
 * these figures, not figures of their own, so they are left out.
 *
 * The paths are a type computed from the model, and the labels below are a record over that type:
 * a numeric field added to, renamed in or removed from report-model.ts fails `tsc` here until it is
 * labelled, so the configuration's check cannot drift from the model silently.
 */
import type { DepartmentReport } from '../report-model';

/** Dotted paths of the numeric leaves of T, not descending into arrays. */
type NumericLeafPaths<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends number
    ? `${Prefix}${K}`
    : T[K] extends readonly unknown[]
      ? never
      : T[K] extends object
        ? NumericLeafPaths<T[K], `${Prefix}${K}.`>
        : never;
}[keyof T & string];

export type FigurePath = NumericLeafPaths<DepartmentReport>;

/** Chinese labels, as an indicator's detail prints them ("按时答复 12 / 收到申请 15"). */
const FIGURE_LABELS: Readonly<Record<FigurePath, string>> = {
  'provided.catalogue.unconditional': '无条件共享数据项',
  'provided.catalogue.conditional': '有条件共享数据项',
  'provided.catalogue.notShared': '不予共享数据项',
  'provided.catalogue.total': '目录数据项',
  'provided.catalogue.open': '无条件开放数据项',
  'provided.catalogue.conditionallyOpen': '有条件开放数据项',
  'provided.catalogue.notOpen': '不予开放数据项',
  'provided.callsByOthers': '被其他部门调用',
  'provided.consumers': '使用本部门数据的部门',
  'provided.fieldsServed': '向其他部门提供字段',
  'provided.fieldsMasked': '脱敏提供字段',
  'provided.fieldsDenied': '拒绝提供字段',
  'provided.distinctFieldsUsed': '被使用的数据项',
  'applications.received': '收到共享申请',
  'applications.approved': '同意申请',
  'applications.rejected': '不予同意申请',
  'applications.pending': '待答复申请',
  'applications.answeredOnTime': '按时答复申请',
  'applications.answeredLate': '逾期答复申请',
  'applications.overduePending': '逾期未答复申请',
  'grants.granted': '新授权',
  'grants.activeAtEnd': '期末有效授权',
  'grants.revoked': '撤销授权',
  'grants.expired': '到期授权',
  'used.calls': '调用其他部门数据',
  'used.owners': '所用数据的提供部门',
  'used.fieldsServed': '获得其他部门字段',
  'errorReports.received': '收到纠错',
  'errorReports.corrected': '已更正纠错',
  'errorReports.rejected': '不予更正纠错',
  'errorReports.answeredOnTime': '按时处理纠错',
  'errorReports.answeredLate': '逾期处理纠错',
  'errorReports.correctedOnTime': '按时更正纠错',
  'errorReports.pending': '待处理纠错',
  'errorReports.overdue': '逾期未处理纠错',
  'inventory.systems': '在册系统',
  'inventory.zombieCandidates': '疑似僵尸系统',
  'inventory.notConnected': '应接未接系统',
  'inventory.unconfirmed': '未自查确认系统',
};

/** Every figure path, in the model's order. */
export const FIGURE_PATHS: readonly FigurePath[] = Object.freeze(
  Object.keys(FIGURE_LABELS) as FigurePath[],
);

const KNOWN: ReadonlySet<string> = new Set(FIGURE_PATHS);

export function isFigurePath(path: string): path is FigurePath {
  return KNOWN.has(path);
}

/** The figure's Chinese label; the path itself for a path that names no figure. */
export function figureLabel(path: string): string {
  return isFigurePath(path) ? FIGURE_LABELS[path] : path;
}

/**
 * The department's figure at `path`.
 * @throws for a path that names no figure: the configuration is checked when read, so this is a
 * configuration built in code with a typo, which must not score as zero
 */
export function figureValue(department: DepartmentReport, path: string): number {
  if (!isFigurePath(path)) throw new Error(`unknown figure "${path}"`);
  let value: unknown = department;
  for (const key of path.split('.')) value = (value as Record<string, unknown>)[key];
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw new Error(`figure "${path}" of ${department.code} is not a number: ${String(value)}`);
  return value;
}

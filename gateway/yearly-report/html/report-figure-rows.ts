/**
 * The labelled rows of the report's recurring figure tables (applications, grants, error reports,
 * catalogue, inventory), shared by the city's totals and each department's section.
 */
import type { Cell } from './report-markup';
import type {
  ApplicationFigures,
  CatalogueClassCounts,
  ErrorReportFigures,
  GrantFigures,
} from '../report-model';

export function applicationRows(a: ApplicationFigures): [string, string, Cell][] {
  return [
    ['收到申请', 'Received', a.received],
    ['同意', 'Approved', a.approved],
    ['不予同意', 'Rejected', a.rejected],
    ['待答复', 'Pending', a.pending],
    ['按时答复', 'Answered on time', a.answeredOnTime],
    ['逾期答复', 'Answered late', a.answeredLate],
    ['逾期未答复', 'Pending past due', a.overduePending],
  ];
}

export function grantRows(g: GrantFigures): [string, string, Cell][] {
  return [
    ['新授权', 'Granted', g.granted],
    ['期末有效', 'In force at the end', g.activeAtEnd],
    ['撤销', 'Revoked', g.revoked],
    ['到期', 'Expired', g.expired],
  ];
}

export function errorReportRows(r: ErrorReportFigures): [string, string, Cell][] {
  return [
    ['收到纠错', 'Received', r.received],
    ['已更正', 'Corrected', r.corrected],
    ['不予更正', 'Rejected', r.rejected],
    ['按时处理', 'Answered on time', r.answeredOnTime],
    ['逾期处理', 'Answered late', r.answeredLate],
    ['按时更正', 'Corrected on time', r.correctedOnTime],
    ['待处理', 'Pending', r.pending],
    ['逾期未处理', 'Pending past due', r.overdue],
  ];
}

export function catalogueRows(c: CatalogueClassCounts): [string, string, Cell][] {
  return [
    ['无条件共享', 'Unconditional', c.unconditional],
    ['有条件共享', 'Conditional', c.conditional],
    ['不予共享', 'Not shared', c.notShared],
    ['数据项合计', 'Data items', c.total],
    ['无条件开放', 'Open', c.open],
    ['有条件开放', 'Conditionally open', c.conditionallyOpen],
    ['不予开放', 'Not open', c.notOpen],
  ];
}

export function inventoryRows(i: {
  systems: number;
  zombieCandidates: number;
  notConnected: number;
  unconfirmed: number;
}): [string, string, Cell][] {
  return [
    ['在册系统', 'Systems registered', i.systems],
    ['疑似僵尸系统', 'Zombie candidates', i.zombieCandidates],
    ['应接未接', 'Not connected', i.notConnected],
    ['未自查确认', 'Not confirmed in self-inspection', i.unconfirmed],
  ];
}

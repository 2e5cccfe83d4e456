/**
 * The report's figures from what the graph gave (report-source.ts): pure, so every definition
 * in report-model.ts is tested without a platform and the scenario tests can recompute it from
 * the tables. Days and months are China time; "others" means a department other than the owner,
 * so a department's use of its own data is neither provision nor use of shared data.
 */
import { countBy, ranked } from './ranked-counts';
import { chinaDay, yearMonths } from './report-calendar';
import type {
  CatalogueClassCounts,
  CityReport,
  DepartmentReport,
  InventoryFigures,
  MonthFigures,
} from './report-model';
import type { ReportSources, SourceApplication, SourceStatistic } from './report-source';
import { applicationFigures, errorReportFigures, grantFigures } from './workflow-figures';

export { chinaDay, reportAsOf, yearMonths } from './report-calendar';
export { applicationFigures, errorReportFigures, grantFigures } from './workflow-figures';

/** Root fields are entry points, not data items of a resource (as in the usage rollup). */
function isRootCoordinate(coordinate: string): boolean {
  return /^(Query|Mutation|Subscription)\./.test(coordinate);
}

/** A statistics line of one department's use of another's resource. */
function isSharedUse(line: SourceStatistic): line is SourceStatistic & { owner: string } {
  return line.owner !== null && line.owner !== line.consumer;
}

const sum = <T>(items: readonly T[], value: (item: T) => number) =>
  items.reduce((total, item) => total + value(item), 0);

function catalogueCounts(items: ReportSources['catalogue']): CatalogueClassCounts {
  return {
    unconditional: items.filter((i) => i.level === 'UNCONDITIONAL').length,
    conditional: items.filter((i) => i.level === 'CONDITIONAL').length,
    notShared: items.filter((i) => i.level === 'NONE').length,
    total: items.length,
    open: items.filter((i) => i.openAttribute === 'UNCONDITIONAL_OPEN').length,
    conditionallyOpen: items.filter((i) => i.openAttribute === 'CONDITIONAL_OPEN').length,
    notOpen: items.filter((i) => i.openAttribute === 'NOT_OPEN').length,
  };
}

function inventoryFigures(
  systems: readonly SourceApplication[],
  unconfirmed: ReadonlySet<string>,
): InventoryFigures {
  const live = systems.filter((s) => s.status !== 'RETIRED');
  return {
    systems: live.length,
    zombieCandidates: live.filter((s) => s.zombieCandidate).length,
    notConnected: live.filter((s) => s.notConnected).length,
    unconfirmed: live.filter((s) => unconfirmed.has(s.id)).length,
    flagged: live
      .filter((s) => s.zombieCandidate || s.notConnected)
      .map((s) => ({
        id: s.id,
        name: s.name,
        zombieCandidate: s.zombieCandidate,
        notConnected: s.notConnected,
        reasons: [...s.reasons],
      })),
  };
}

export interface FigureInputs {
  readonly sources: ReportSources;
  readonly year: number;
  readonly asOf: string;
}

/** Sources narrowed to the year: requests filed and error reports made in it. */
function ofYear(inputs: FigureInputs) {
  const { sources, year } = inputs;
  const prefix = `${year}-`;
  return {
    requests: sources.requests.filter((r) => r.submittedOn.startsWith(prefix)),
    errorReports: sources.errorReports.filter((r) => chinaDay(r.reportedAt).startsWith(prefix)),
    shared: sources.statistics.filter(isSharedUse),
    fieldUsage: sources.fieldUsage.filter(
      (u) => u.owner !== null && u.owner !== u.consumer && !isRootCoordinate(u.coordinate),
    ),
  };
}

/** One department's figures (every department is computed so the evaluation can compare them). */
export function departmentReports(inputs: FigureInputs): DepartmentReport[] {
  const { sources, year, asOf } = inputs;
  const y = ofYear(inputs);
  const unconfirmed = new Set(sources.unconfirmed);
  const months = yearMonths(year);
  return [...sources.departments]
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
    .map((d): DepartmentReport => {
      const byOthers = y.shared.filter((l) => l.owner === d.code);
      const toOthers = y.shared.filter((l) => l.consumer === d.code);
      const usedFields = y.fieldUsage.filter((u) => u.consumer === d.code && u.served > 0);
      const requests = y.requests.filter((r) => r.owner === d.code);
      const reports = y.errorReports.filter((r) => r.owner === d.code);
      const calls = (lines: readonly SourceStatistic[]) => sum(lines, (l) => l.requests);
      return {
        code: d.code,
        name: d.name,
        kind: d.kind,
        provided: {
          catalogue: catalogueCounts(sources.catalogue.filter((i) => i.owner === d.code)),
          callsByOthers: calls(byOthers),
          consumers: new Set(byOthers.map((l) => l.consumer)).size,
          fieldsServed: sum(byOthers, (l) => l.fieldsServed),
          fieldsMasked: sum(byOthers, (l) => l.fieldsMasked),
          fieldsDenied: sum(byOthers, (l) => l.fieldsDenied),
          distinctFieldsUsed: new Set(
            y.fieldUsage.filter((u) => u.owner === d.code && u.served > 0).map((u) => u.coordinate),
          ).size,
          byConsumer: ranked(
            countBy(
              byOthers,
              (l) => l.consumer,
              (l) => l.requests,
            ),
          ).map(([department, n]) => ({ department, calls: n })),
        },
        applications: applicationFigures(requests, asOf),
        grants: grantFigures(
          sources.grants.filter((g) => g.grantedBy === d.code),
          year,
          asOf,
        ),
        used: {
          calls: calls(toOthers),
          owners: new Set(toOthers.map((l) => l.owner)).size,
          fieldsServed: sum(toOthers, (l) => l.fieldsServed),
          byPurpose: ranked(
            countBy(
              usedFields,
              (u) => u.purpose ?? '',
              (u) => u.served,
            ),
          ).map(([purpose, fieldsServed]) => ({ purpose, fieldsServed })),
          byOwner: ranked(
            countBy(
              toOthers,
              (l) => l.owner,
              (l) => l.requests,
            ),
          ).map(([department, n]) => ({ department, calls: n })),
        },
        errorReports: errorReportFigures(reports, asOf),
        inventory: inventoryFigures(
          sources.applications.filter((a) => a.department === d.code),
          unconfirmed,
        ),
        byMonth: months.map((month): MonthFigures => ({
          month,
          callsByOthers: calls(byOthers.filter((l) => l.month === month)),
          callsToOthers: calls(toOthers.filter((l) => l.month === month)),
          applicationsReceived: requests.filter((r) => r.submittedOn.startsWith(month)).length,
          errorReportsReceived: reports.filter((r) => chinaDay(r.reportedAt).startsWith(month))
            .length,
        })),
      };
    });
}

function addUp<T extends object>(items: readonly T[], keys: readonly (keyof T)[]): T {
  const total = {} as Record<keyof T, number>;
  for (const key of keys) total[key] = sum(items, (i) => i[key] as number);
  return total as T;
}

function byValue(entries: readonly { department: string; value: number }[]) {
  return [...entries].sort(
    (a, b) =>
      b.value - a.value || (a.department < b.department ? -1 : a.department > b.department ? 1 : 0),
  );
}

/** The city: every department added up, calls between departments by month, and rankings. */
export function cityReport(inputs: FigureInputs, departments: readonly DepartmentReport[]) {
  const y = ofYear(inputs);
  const months = yearMonths(inputs.year);
  const catalogues = departments.map((d) => d.provided.catalogue);
  const applications = applicationFigures(y.requests, inputs.asOf);
  const city: CityReport = {
    totals: {
      catalogue: addUp(catalogues, [
        'unconditional',
        'conditional',
        'notShared',
        'total',
        'open',
        'conditionallyOpen',
        'notOpen',
      ]),
      calls: sum(y.shared, (l) => l.requests),
      fieldsServed: sum(y.shared, (l) => l.fieldsServed),
      sharingRelations: new Set(y.shared.map((l) => `${l.consumer}\u0000${l.owner}`)).size,
      // Requests whose owner is not a listed department still count for the city.
      applications,
      grants: grantFigures(inputs.sources.grants, inputs.year, inputs.asOf),
      errorReports: errorReportFigures(y.errorReports, inputs.asOf),
      inventory: addUp(
        departments.map((d) => d.inventory),
        ['systems', 'zombieCandidates', 'notConnected', 'unconfirmed'],
      ),
    },
    byMonth: months.map((month) => {
      const calls = sum(
        y.shared.filter((l) => l.month === month),
        (l) => l.requests,
      );
      return {
        month,
        callsByOthers: calls,
        callsToOthers: calls,
        applicationsReceived: y.requests.filter((r) => r.submittedOn.startsWith(month)).length,
        errorReportsReceived: y.errorReports.filter((r) => chinaDay(r.reportedAt).startsWith(month))
          .length,
      };
    }),
    rankings: {
      byCallsByOthers: byValue(
        departments.map((d) => ({ department: d.code, value: d.provided.callsByOthers })),
      ),
      byCallsToOthers: byValue(
        departments.map((d) => ({ department: d.code, value: d.used.calls })),
      ),
      byReplyRate: byValue(
        departments
          .filter((d) => d.applications.received > 0)
          .map((d) => ({
            department: d.code,
            value:
              Math.round((d.applications.answeredOnTime / d.applications.received) * 10_000) /
              10_000,
          })),
      ),
    },
  };
  return city;
}

/**
 * What a year of traffic is made of: the demo city's application systems that call the gateway
 * (subgraphs/sharing/demo-consumer-systems.ts, demo-owner-systems.ts), each with its department,
 * the purpose it declares, the operations it runs and the data subjects it asks about; the
 * sharing applications, error reports and self-inspections their departments file over the
 * year; and the registered systems that never call. Queries are the shapes the e2e tests prove
 * (test/e2e/sharing-policy, test/e2e/inventory, test/e2e/open-data).
 */
import {
  DEMO_OPEN_DATA,
  DEMO_SILENT_APPLICATIONS,
  DEMO_TRAFFIC_APPLICATIONS,
  TrafficApplication,
} from './traffic-applications';
import {
  ConfirmationSpec,
  DEMO_YEAR_APPLICATIONS,
  DEMO_YEAR_CONFIRMATIONS,
  DEMO_YEAR_ERROR_REPORTS,
  ErrorReportSpec,
  PlannedApplicationSpec,
} from './traffic-workflow';

export {
  DEMO_OPEN_DATA,
  DEMO_SILENT_APPLICATIONS,
  DEMO_TRAFFIC_APPLICATIONS,
  type TrafficApplication,
  type TrafficQuery,
} from './traffic-applications';
export {
  DEMO_YEAR_APPLICATIONS,
  DEMO_YEAR_CONFIRMATIONS,
  DEMO_YEAR_ERROR_REPORTS,
  type ApprovalSpec,
  type ConfirmationSpec,
  type ErrorReportSpec,
  type PlannedApplicationSpec,
} from './traffic-workflow';

export interface TrafficWorld {
  readonly applications: readonly TrafficApplication[];
  /** Registered as needing shared data and never calling: flagged not connected (应接未接). */
  readonly silent: readonly { readonly id: string; readonly department: string }[];
  /** Subjects to ask about: citizen ID numbers and unified social credit codes that exist. */
  readonly persons: readonly string[];
  readonly entities: readonly string[];
  /** Anonymous open-data traffic: its share of requests, GraphQL documents and downloads. */
  readonly openData: {
    readonly share: number;
    readonly queries: readonly string[];
    /** Paths under the gateway, e.g. /open/datasets/regions.csv */
    readonly downloads: readonly string[];
  };
  readonly sharingApplications: readonly PlannedApplicationSpec[];
  readonly errorReports: readonly ErrorReportSpec[];
  readonly confirmations: readonly ConfirmationSpec[];
}

/** The demo world over these subjects (read from the seeded databases: traffic-subjects.ts). */
export function demoTrafficWorld(subjects: {
  persons: readonly string[];
  entities: readonly string[];
}): TrafficWorld {
  if (subjects.persons.length === 0 || subjects.entities.length === 0)
    throw new Error(
      'the traffic world needs at least one person and one legal entity to ask about',
    );
  return {
    applications: DEMO_TRAFFIC_APPLICATIONS,
    silent: DEMO_SILENT_APPLICATIONS,
    persons: subjects.persons,
    entities: subjects.entities,
    openData: DEMO_OPEN_DATA,
    sharingApplications: DEMO_YEAR_APPLICATIONS,
    errorReports: DEMO_YEAR_ERROR_REPORTS,
    confirmations: DEMO_YEAR_CONFIRMATIONS,
  };
}

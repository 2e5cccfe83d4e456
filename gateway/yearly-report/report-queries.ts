/**
 * The queries the yearly report reads the graph with (report-source.ts). Nothing personal is
 * selected: error reports without their subject, grants without subjects.
 */
const PAGE_INFO = 'pageInfo { hasNextPage endCursor }';

export const DEPARTMENTS = `query ReportDepartments { departments { code name kind } }`;
export const CATALOGUE = `query ReportCatalogue($first: Int, $after: String) {
  catalogue(first: $first, after: $after) {
    nodes { coordinate ownerDepartment { code } sharingLevel openAttribute } ${PAGE_INFO}
  }
}`;
export const STATISTICS = `query ReportStatistics($year: Int!) {
  sharingStatistics(year: $year) {
    upToDate
    lines { month departmentCode resource owner { code } requests fieldsServed fieldsMasked fieldsDenied }
  }
}`;
export const FIELD_USAGE = `query ReportFieldUsage($from: Date!, $to: Date!, $first: Int, $after: String) {
  accessesToOwnedData(from: $from, to: $to, first: $first, after: $after) {
    upToDate
    nodes { coordinate owner { code } consumerCode purpose served masked denied } ${PAGE_INFO}
  }
}`;
export const REQUESTS = `query ReportRequests($first: Int, $after: String) {
  sharingRequests(first: $first, after: $after) {
    nodes {
      id owner { code } applicant { code } status dueOn decidedAt decisionReason
      sharingApplication { submittedOn }
    }
    ${PAGE_INFO}
  }
}`;
export const GRANTS = `query ReportGrants($first: Int, $after: String) {
  grants(first: $first, after: $after) {
    nodes { id grantedBy { code } department { code } validFrom validUntil grantedAt revokedAt }
    ${PAGE_INFO}
  }
}`;
export const ERROR_REPORTS = `query ReportErrorReports($first: Int, $after: String) {
  dataErrorReports(first: $first, after: $after) {
    nodes { owner { code } status reportedAt dueOn answeredAt } ${PAGE_INFO}
  }
}`;
export const APPLICATIONS = `query ReportApplications($first: Int, $after: String) {
  applications(first: $first, after: $after) {
    nodes {
      id name status department { code }
      inventoryFlags { zombieCandidate notConnected reasons }
    }
    ${PAGE_INFO}
  }
}`;
export const UNCONFIRMED = `query ReportUnconfirmed($year: Int!) { unconfirmedApplications(year: $year) { id } }`;

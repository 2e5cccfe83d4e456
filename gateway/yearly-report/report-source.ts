/**
 * What the yearly report is made of, read from the graph as the big data bureau: the report is
 * one more consumer of the platform, so making it passes the same authentication, sharing policy
 * and limits, and leaves its own audit records (共享使用应可审计). The bureau's supervision
 * fields (sharingStatistics, accessesToOwnedData with no owner, every department's requests,
 * grants, error reports and systems) answer FORBIDDEN to anyone else, so a department cannot make
 * the city's report by asking for it.
 */

import { readAll } from './read-all-pages';
import * as Q from './report-queries';

/** Runs one GraphQL operation and returns its `data`; throws on any error (a report is all or nothing). */
export type GraphQLCall = (
  query: string,
  variables: Readonly<Record<string, unknown>>,
) => Promise<Record<string, unknown>>;

export class ReportSourceError extends Error {
  constructor(
    message: string,
    /** The `extensions.code` of the first error, when the graph gave one (e.g. FORBIDDEN). */
    readonly code: string | null,
  ) {
    super(message);
    this.name = 'ReportSourceError';
  }
}

/**
 * The `data` of a GraphQL response body, or ReportSourceError with its first error's message and
 * code: a report is made of complete answers only.
 */
export function answerData(text: string, status: number): Record<string, unknown> {
  let body: {
    data?: Record<string, unknown> | null;
    errors?: { message: string; extensions?: { code?: string } }[];
  };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    throw new ReportSourceError(`the gateway answered ${status} without JSON`, null);
  }
  const first = body.errors?.[0];
  if (first || !body.data)
    throw new ReportSourceError(
      first?.message ?? `the gateway answered ${status} without data`,
      first?.extensions?.code ?? null,
    );
  return body.data;
}

export interface SourceDepartment {
  readonly code: string;
  readonly name: string;
  readonly kind: string;
}
export interface SourceCatalogueItem {
  readonly coordinate: string;
  readonly owner: string;
  readonly level: 'UNCONDITIONAL' | 'CONDITIONAL' | 'NONE';
  readonly openAttribute: 'UNCONDITIONAL_OPEN' | 'CONDITIONAL_OPEN' | 'NOT_OPEN';
}
export interface SourceStatistic {
  readonly month: string;
  readonly consumer: string;
  readonly resource: string;
  /** null: the resource's fields are no longer in the graph. */
  readonly owner: string | null;
  readonly requests: number;
  readonly fieldsServed: number;
  readonly fieldsMasked: number;
  readonly fieldsDenied: number;
}
export interface SourceFieldUsage {
  readonly coordinate: string;
  readonly owner: string | null;
  readonly consumer: string;
  readonly purpose: string | null;
  readonly served: number;
  readonly masked: number;
  readonly denied: number;
}
export interface SourceRequest {
  readonly id: string;
  readonly owner: string;
  readonly applicant: string;
  readonly status: 'PENDING' | 'APPROVED' | 'REJECTED';
  /** China date it was filed. */
  readonly submittedOn: string;
  readonly dueOn: string;
  readonly decidedAt: string | null;
  readonly decisionReason: string | null;
}
export interface SourceGrant {
  readonly id: string;
  readonly grantedBy: string;
  readonly department: string;
  readonly validFrom: string;
  readonly validUntil: string | null;
  readonly grantedAt: string;
  readonly revokedAt: string | null;
}
export interface SourceErrorReport {
  readonly owner: string;
  readonly status: 'PENDING' | 'CORRECTED' | 'REJECTED';
  readonly reportedAt: string;
  readonly dueOn: string;
  readonly answeredAt: string | null;
}
export interface SourceApplication {
  readonly id: string;
  readonly department: string;
  readonly name: string;
  readonly status: 'ACTIVE' | 'SUSPENDED' | 'RETIRED';
  readonly zombieCandidate: boolean;
  readonly notConnected: boolean;
  readonly reasons: readonly string[];
}

export interface ReportSources {
  readonly departments: readonly SourceDepartment[];
  readonly catalogue: readonly SourceCatalogueItem[];
  readonly statistics: readonly SourceStatistic[];
  readonly fieldUsage: readonly SourceFieldUsage[];
  /** False when the audit rollup was still catching up on either reading. */
  readonly usageUpToDate: boolean;
  readonly requests: readonly SourceRequest[];
  readonly grants: readonly SourceGrant[];
  readonly errorReports: readonly SourceErrorReport[];
  readonly applications: readonly SourceApplication[];
  /** Ids of systems not confirmed in the year's self-inspection. */
  readonly unconfirmed: readonly string[];
}

type Code = { code: string };

/** Reads everything the report of `year` needs. */
export async function readReportSources(call: GraphQLCall, year: number): Promise<ReportSources> {
  const [departments, catalogue, statistics, fieldUsage, requests, grants, reports, apps, unc] =
    await Promise.all([
      call(Q.DEPARTMENTS, {}),
      readAll<{
        coordinate: string;
        ownerDepartment: Code;
        sharingLevel: SourceCatalogueItem['level'];
        openAttribute: SourceCatalogueItem['openAttribute'];
      }>(call, Q.CATALOGUE, 'catalogue'),
      call(Q.STATISTICS, { year }),
      readAll<{
        coordinate: string;
        owner: Code | null;
        consumerCode: string;
        purpose: string | null;
        served: number;
        masked: number;
        denied: number;
      }>(call, Q.FIELD_USAGE, 'accessesToOwnedData', {
        from: `${year}-01-01`,
        to: `${year}-12-31`,
      }),
      readAll<{
        id: string;
        owner: Code;
        applicant: Code;
        status: SourceRequest['status'];
        dueOn: string;
        decidedAt: string | null;
        decisionReason: string | null;
        sharingApplication: { submittedOn: string };
      }>(call, Q.REQUESTS, 'sharingRequests'),
      readAll<{
        id: string;
        grantedBy: Code;
        department: Code;
        validFrom: string;
        validUntil: string | null;
        grantedAt: string;
        revokedAt: string | null;
      }>(call, Q.GRANTS, 'grants'),
      readAll<{
        owner: Code;
        status: SourceErrorReport['status'];
        reportedAt: string;
        dueOn: string;
        answeredAt: string | null;
      }>(call, Q.ERROR_REPORTS, 'dataErrorReports'),
      readAll<{
        id: string;
        name: string;
        status: SourceApplication['status'];
        department: Code;
        inventoryFlags: {
          zombieCandidate: boolean;
          notConnected: boolean;
          reasons: string[];
        } | null;
      }>(call, Q.APPLICATIONS, 'applications'),
      call(Q.UNCONFIRMED, { year }),
    ]);
  const stats = statistics.sharingStatistics as {
    upToDate: boolean;
    lines: {
      month: string;
      departmentCode: string;
      resource: string;
      owner: Code | null;
      requests: number;
      fieldsServed: number;
      fieldsMasked: number;
      fieldsDenied: number;
    }[];
  };
  return {
    departments: departments.departments as SourceDepartment[],
    catalogue: catalogue.nodes.map((n) => ({
      coordinate: n.coordinate,
      owner: n.ownerDepartment.code,
      level: n.sharingLevel,
      openAttribute: n.openAttribute,
    })),
    statistics: stats.lines.map((l) => ({
      month: l.month,
      consumer: l.departmentCode,
      resource: l.resource,
      owner: l.owner?.code ?? null,
      requests: l.requests,
      fieldsServed: l.fieldsServed,
      fieldsMasked: l.fieldsMasked,
      fieldsDenied: l.fieldsDenied,
    })),
    fieldUsage: fieldUsage.nodes.map((n) => ({
      coordinate: n.coordinate,
      owner: n.owner?.code ?? null,
      consumer: n.consumerCode,
      purpose: n.purpose,
      served: n.served,
      masked: n.masked,
      denied: n.denied,
    })),
    usageUpToDate: stats.upToDate && fieldUsage.upToDate,
    requests: requests.nodes.map((n) => ({
      id: n.id,
      owner: n.owner.code,
      applicant: n.applicant.code,
      status: n.status,
      submittedOn: n.sharingApplication.submittedOn,
      dueOn: n.dueOn,
      decidedAt: n.decidedAt,
      decisionReason: n.decisionReason,
    })),
    grants: grants.nodes.map((n) => ({
      id: n.id,
      grantedBy: n.grantedBy.code,
      department: n.department.code,
      validFrom: n.validFrom,
      validUntil: n.validUntil,
      grantedAt: n.grantedAt,
      revokedAt: n.revokedAt,
    })),
    errorReports: reports.nodes.map((n) => ({
      owner: n.owner.code,
      status: n.status,
      reportedAt: n.reportedAt,
      dueOn: n.dueOn,
      answeredAt: n.answeredAt,
    })),
    applications: apps.nodes.map((n) => ({
      id: n.id,
      department: n.department.code,
      name: n.name,
      status: n.status,
      zombieCandidate: n.inventoryFlags?.zombieCandidate ?? false,
      notConnected: n.inventoryFlags?.notConnected ?? false,
      reasons: n.inventoryFlags?.reasons ?? [],
    })),
    unconfirmed: (unc.unconfirmedApplications as { id: string }[]).map((a) => a.id),
  };
}

/** Reads the sharing database. Lookups go through per-request DataLoaders; lists page by key. */
import { Knex } from 'knex';
import { groupLoader, rowLoader } from '../kit/batch';
import { PageRequest } from '../kit/connection';

export type ApplicationStatus = 'ACTIVE' | 'SUSPENDED' | 'RETIRED';
export type RequestStatus = 'PENDING' | 'APPROVED' | 'REJECTED';
export type GrantStatus = 'ACTIVE' | 'REVOKED';

/** A registered application system (政务信息系统). */
export interface ApplicationRow {
  id: string;
  department: string;
  name: string;
  function_text: string;
  scope_of_use: string;
  usage_frequency: string;
  approving_department: string | null;
  approval_date: string | null;
  funding_source: string;
  /** Registered as needing shared data (inventory-migration.ts); SQLite gives 0/1. */
  needs_shared_data?: boolean | number;
  status: ApplicationStatus;
  status_reason: string | null;
  /** Who set the status (status-transitions.ts); null before it was recorded. */
  status_set_by?: 'BUREAU' | 'OWNER' | null;
  registered_at: string;
  updated_at: string;
  /** The usage frequency the default request limits follow (domain/request-limits.ts); null: usage_frequency. */
  limits_basis: string | null;
  /** Request limits the big data bureau set; null follows limits_basis. */
  requests_per_minute: number | null;
  request_burst: number | null;
  request_concurrency: number | null;
}

/** 共享申请: one department's application, split into one request per owner. */
export interface SharingApplicationRow {
  id: string;
  department: string;
  application_id: string | null;
  purposes: string;
  justification: string;
  clear: boolean | number;
  requested_until: string | null;
  submitted_by: string | null;
  submitted_at: string;
  submitted_on: string;
  /** The approval item (政务服务事项) applied for; null: a standing application. */
  item_code?: string | null;
}

export interface SharingRequestRow {
  id: string;
  sharing_application_id: string;
  applicant: string;
  owner: string;
  items: string;
  status: RequestStatus;
  due_on: string;
  decided_at: string | null;
  decided_on: string | null;
  decided_by: string | null;
  decision_reason: string | null;
}

export interface GrantRow {
  id: string;
  department: string;
  application_id: string | null;
  coordinates: string;
  purposes: string;
  valid_from: string;
  valid_until: string | null;
  clear: boolean | number;
  status: GrantStatus;
  granted_by: string;
  source_request_id: string | null;
  granted_at: string;
  revoked_at: string | null;
  revoked_by: string | null;
  revoke_reason: string | null;
  /** Distinct subjects per application and China day (domain/subject-quota.ts). */
  subject_quota: number;
  /** 事项授权: the approval item whose data list this grant approves; null: a standing grant. */
  item_code?: string | null;
}

/** JSON list columns, parsed once per row where read. */
export function jsonList(text: string): string[] {
  const value: unknown = JSON.parse(text);
  return Array.isArray(value) ? value.map(String) : [];
}

function page<T extends { id: string }>(
  q: Knex.QueryBuilder,
  p: PageRequest,
): Knex.QueryBuilder<T, T[]> {
  if (p.afterKey) q.where('id', '>', p.afterKey);
  return q.orderBy('id').limit(p.limit + 1);
}

async function count(q: Knex.QueryBuilder): Promise<number> {
  const [{ n }] = await q.clearSelect().clearOrder().count({ n: '*' });
  return Number(n);
}

export interface ApplicationFilter {
  department: string | null;
  status: ApplicationStatus | null;
}

export interface RequestFilter {
  owner: string | null;
  applicant: string | null;
  status: RequestStatus | null;
  /** Pending requests whose reply date is before this date. */
  overdueOn?: string;
}

export interface GrantFilter {
  department: string | null;
  grantedBy: string | null;
  status: GrantStatus | null;
}

export function createSharingStore(db: Knex) {
  const application = rowLoader<ApplicationRow>(db, 'applications', 'id');
  const applicationsOf = groupLoader<ApplicationRow>(db, 'applications', 'department', ['id']);
  const sharingApplication = rowLoader<SharingApplicationRow>(db, 'sharing_applications', 'id');
  const request = rowLoader<SharingRequestRow>(db, 'sharing_requests', 'id');
  const requestsOf = groupLoader<SharingRequestRow>(
    db,
    'sharing_requests',
    'sharing_application_id',
    ['id'],
  );
  const grant = rowLoader<GrantRow>(db, 'grants', 'id');
  const grantOfRequest = rowLoader<GrantRow>(db, 'grants', 'source_request_id');

  const applicationQuery = (f: ApplicationFilter) => {
    const q = db('applications');
    if (f.department) q.where('department', f.department);
    if (f.status) q.where('status', f.status);
    return q;
  };
  const requestQuery = (f: RequestFilter) => {
    const q = db('sharing_requests');
    if (f.owner) q.where('owner', f.owner);
    if (f.applicant) q.where('applicant', f.applicant);
    if (f.status) q.where('status', f.status);
    if (f.overdueOn) q.where('status', 'PENDING').where('due_on', '<', f.overdueOn);
    return q;
  };
  const grantQuery = (f: GrantFilter) => {
    const q = db('grants');
    if (f.department) q.where('department', f.department);
    if (f.grantedBy) q.where('granted_by', f.grantedBy);
    if (f.status) q.where('status', f.status);
    return q;
  };
  const sharingApplicationQuery = (department: string | null) => {
    const q = db('sharing_applications');
    if (department) q.where('department', department);
    return q;
  };

  return {
    application,
    applicationsOf,
    sharingApplication,
    request,
    requestsOf,
    grant,
    grantOfRequest,

    async applications(f: ApplicationFilter, p: PageRequest): Promise<ApplicationRow[]> {
      const rows: ApplicationRow[] = await page<ApplicationRow>(applicationQuery(f).select('*'), p);
      rows.forEach((r) => application.prime(r.id, r));
      return rows;
    },
    countApplications: (f: ApplicationFilter) => count(applicationQuery(f)),

    async sharingApplications(
      department: string | null,
      p: PageRequest,
    ): Promise<SharingApplicationRow[]> {
      const rows: SharingApplicationRow[] = await page<SharingApplicationRow>(
        sharingApplicationQuery(department).select('*'),
        p,
      );
      rows.forEach((r) => sharingApplication.prime(r.id, r));
      return rows;
    },
    countSharingApplications: (department: string | null) =>
      count(sharingApplicationQuery(department)),

    async requests(f: RequestFilter, p: PageRequest): Promise<SharingRequestRow[]> {
      const rows: SharingRequestRow[] = await page<SharingRequestRow>(
        requestQuery(f).select('*'),
        p,
      );
      rows.forEach((r) => request.prime(r.id, r));
      return rows;
    },
    countRequests: (f: RequestFilter) => count(requestQuery(f)),

    async grants(f: GrantFilter, p: PageRequest): Promise<GrantRow[]> {
      const rows: GrantRow[] = await page<GrantRow>(grantQuery(f).select('*'), p);
      rows.forEach((r) => grant.prime(r.id, r));
      return rows;
    },
    countGrants: (f: GrantFilter) => count(grantQuery(f)),
  };
}

export type SharingStore = ReturnType<typeof createSharingStore>;

/**
 * How a record is laid out in the audit database, and how the verifier rebuilds it: one column
 * per record property (lists as JSON text), subjects as rows of their own. Rebuilding from the
 * columns alone, never from a stored copy of the whole record, is what makes a change to any
 * column, or the removal of a subject row, change the hash the verifier computes.
 *
 * Times are stored in UTC as `YYYY-MM-DD HH:MM:SS.mmm` (DATETIME(3) on MariaDB, TEXT on
 * SQLite), which sorts and compares the same in both.
 */
import type { LookupMissesRecord, QuotaRefusalRecord } from '../../domain/subject-quota';
import type {
  AuditOutcome,
  AuditRecord,
  DeniedField,
  SubjectHashRef,
  SubjectKind,
} from './audit-record';
import type { Checkpoint } from './checkpoint';

export const RECORDS_TABLE = 'audit_records';
export const SUBJECTS_TABLE = 'audit_subjects';
export const DOCUMENTS_TABLE = 'audit_documents';
export const CHECKPOINTS_TABLE = 'audit_checkpoints';

export interface RecordRow {
  id: string;
  time: string;
  chain: string;
  seq: number;
  prev_hash: string;
  hash: string;
  format_version: number;
  request_id: string;
  instance: string;
  department: string | null;
  application: string | null;
  operator: string | null;
  roles: string;
  client_address: string | null;
  operation_name: string | null;
  document_hash: string | null;
  variables_hash: string | null;
  purpose: string | null;
  fields_requested: string;
  fields_served: string;
  fields_masked: string;
  fields_denied: string;
  subgraphs: string;
  outcome: string;
  http_status: number;
  error_codes: string;
  latency_ms: number;
  response_bytes: number;
  /** JSON; NULL when the record has none (all records before subject quotas). */
  quota_refusals?: string | null;
  lookup_misses?: string | null;
  /** 办件编号 and 事项编码 (record-case.ts); NULL on records that served no case. */
  case_number?: string | null;
  item_code?: string | null;
  /** EXPORT_CSV or EXPORT_XLSX (record-delivery.ts); NULL on records of ordinary responses. */
  delivery?: string | null;
  /** The W3C trace id (record-trace.ts); NULL on records of untraced requests. */
  trace_id?: string | null;
}

export interface SubjectRow {
  record_id: string;
  time: string;
  kind: string;
  subject_hash: string;
}

export interface DocumentRow {
  hash: string;
  text: string;
  first_seen: string;
}

export interface CheckpointRow {
  chain: string;
  seq: number;
  hash: string;
  time: string;
  key_id: string;
  signature: string;
  format_version: number;
}

const ISO = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2}\.\d{3})Z$/;
const DB = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?Z?$/;

export function dbTime(iso: string): string {
  const m = ISO.exec(iso);
  if (!m) throw new TypeError(`not an audit time (YYYY-MM-DDTHH:MM:SS.mmmZ): ${iso}`);
  return `${m[1]} ${m[2]}`;
}

export function isoTime(db: string | Date): string {
  if (db instanceof Date) return db.toISOString();
  const m = DB.exec(db);
  if (!m) throw new TypeError(`not a stored time: ${db}`);
  return `${m[1]}T${m[2]}.${(m[3] ?? '').padEnd(3, '0').slice(0, 3)}Z`;
}

export function recordToRow(r: AuditRecord): RecordRow {
  return {
    id: r.id,
    time: dbTime(r.time),
    chain: r.chain,
    seq: r.seq,
    prev_hash: r.prevHash,
    hash: r.hash,
    format_version: r.v,
    request_id: r.requestId,
    instance: r.instance,
    department: r.department,
    application: r.application,
    operator: r.operator,
    roles: JSON.stringify(r.roles),
    client_address: r.clientAddress,
    operation_name: r.operationName,
    document_hash: r.documentHash,
    variables_hash: r.variablesHash,
    purpose: r.purpose,
    fields_requested: JSON.stringify(r.fieldsRequested),
    fields_served: JSON.stringify(r.fieldsServed),
    fields_masked: JSON.stringify(r.fieldsMasked),
    fields_denied: JSON.stringify(r.fieldsDenied),
    subgraphs: JSON.stringify(r.subgraphs),
    outcome: r.outcome,
    http_status: r.httpStatus,
    error_codes: JSON.stringify(r.errorCodes),
    latency_ms: r.latencyMs,
    response_bytes: r.responseBytes,
    quota_refusals: r.quotaRefusals ? JSON.stringify(r.quotaRefusals) : null,
    lookup_misses: r.lookupMisses ? JSON.stringify(r.lookupMisses) : null,
    case_number: r.caseNumber ?? null,
    item_code: r.itemCode ?? null,
    delivery: r.delivery ?? null,
    // Only when traced: a row for a table migrated before 006 (e.g. a replayed old chain) still inserts.
    ...(r.traceId ? { trace_id: r.traceId } : {}),
  };
}

export function subjectRows(r: AuditRecord): SubjectRow[] {
  const time = dbTime(r.time);
  return r.subjects.map((s) => ({ record_id: r.id, time, kind: s.kind, subject_hash: s.hash }));
}

function list(text: string, column: string): string[] {
  const value: unknown = JSON.parse(text);
  if (!Array.isArray(value)) throw new TypeError(`${column} is not a JSON array`);
  return value as string[];
}

/** Drivers may hand back BIGINTs as strings; the hash is over numbers. */
function int(value: unknown): number {
  return typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : (value as number);
}

function present(value: string | null | undefined): value is string {
  return value !== null && value !== undefined;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Rebuilds the record exactly as it was hashed. Throws when a column cannot even be read
 * (invalid JSON, a malformed time): the verifier reports that record as modified.
 */
export function rowToRecord(row: RecordRow, subjects: readonly SubjectRow[]): AuditRecord {
  const subjectRefs: SubjectHashRef[] = subjects
    .map((s) => ({ kind: s.kind as SubjectKind, hash: s.subject_hash }))
    .sort((a, b) => compare(a.kind, b.kind) || compare(a.hash, b.hash));
  return {
    v: int(row.format_version) as 1,
    id: row.id,
    time: isoTime(row.time),
    requestId: row.request_id,
    instance: row.instance,
    department: row.department,
    application: row.application,
    operator: row.operator,
    roles: list(row.roles, 'roles'),
    clientAddress: row.client_address,
    operationName: row.operation_name,
    documentHash: row.document_hash,
    variablesHash: row.variables_hash,
    purpose: row.purpose,
    fieldsRequested: list(row.fields_requested, 'fields_requested'),
    fieldsServed: list(row.fields_served, 'fields_served'),
    fieldsMasked: list(row.fields_masked, 'fields_masked'),
    fieldsDenied: list(row.fields_denied, 'fields_denied') as unknown as DeniedField[],
    subgraphs: list(row.subgraphs, 'subgraphs'),
    outcome: row.outcome as AuditOutcome,
    httpStatus: int(row.http_status),
    errorCodes: list(row.error_codes, 'error_codes'),
    latencyMs: int(row.latency_ms),
    responseBytes: int(row.response_bytes),
    subjects: subjectRefs,
    ...(row.quota_refusals
      ? { quotaRefusals: JSON.parse(row.quota_refusals) as QuotaRefusalRecord[] }
      : {}),
    ...(row.lookup_misses
      ? { lookupMisses: JSON.parse(row.lookup_misses) as LookupMissesRecord }
      : {}),
    // Any stored value, even an empty one, is part of the record: a case written into an old
    // record's row changes the hash the verifier computes.
    ...(present(row.case_number) ? { caseNumber: row.case_number } : {}),
    ...(present(row.item_code) ? { itemCode: row.item_code } : {}),
    ...(present(row.delivery) ? { delivery: row.delivery } : {}),
    ...(present(row.trace_id) ? { traceId: row.trace_id } : {}),
    chain: row.chain,
    seq: int(row.seq),
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

export function checkpointToRow(cp: Checkpoint): CheckpointRow {
  return {
    chain: cp.chain,
    seq: cp.seq,
    hash: cp.hash,
    time: dbTime(cp.time),
    key_id: cp.keyId,
    signature: cp.signature,
    format_version: cp.v,
  };
}

export function rowToCheckpoint(row: CheckpointRow): Checkpoint {
  return {
    v: int(row.format_version) as 1,
    chain: row.chain,
    seq: int(row.seq),
    hash: row.hash,
    time: isoTime(row.time),
    keyId: row.key_id,
    signature: row.signature,
  };
}

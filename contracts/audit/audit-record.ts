/**
 * One audit record per GraphQL request: what the gateway passes in (`AuditEntry`, raw), and
 * what is journalled, shipped, hashed and verified (`AuditRecord`, flat so that each property
 * is one database column and the verifier can rebuild the record from a row).
 *
 * Personal data never enters a record in clear: data subjects and variables are stored as
 * keyed hashes (keyed-hash.ts), the document once per hash in its own table.
 */
import type { LookupMissesRecord, QuotaRefusalRecord } from '../../domain/subject-quota';
import { AuditKey, documentHash, subjectHash, variablesHash } from './keyed-hash';
import { type CaseRef, recordCase } from './record-case';
import { type Delivery, recordDelivery } from './record-delivery';
import { recordTrace } from './record-trace';
import { uuidV7 } from './record-id';
import { optionalText, storableText, TEXT_LIMITS } from './storable-text';
import { SUBJECT_KINDS, SubjectKind } from './subject-kind';

export { SUBJECT_KINDS } from './subject-kind';
export type { SubjectKind } from './subject-kind';
export { storableText, TEXT_LIMITS } from './storable-text';
export type { CaseRef } from './record-case';
export type { Delivery } from './record-delivery';

export interface SubjectRef {
  readonly kind: SubjectKind;
  /** The identifier in clear; hashed before the record is built, never written. */
  readonly id: string;
}

export interface DeniedField {
  /** Schema coordinate, `Person.phone`. */
  readonly coordinate: string;
  /** Why the sharing policy withheld it (e.g. `NO_APPLICATION`, `NOT_SHARED`). */
  readonly reason: string;
}

/**
 * What became of the request (gateway/audit-capture/audit-outcome.ts decides):
 * - ok: served in full; partial: data with errors; denied-fields: served, some fields withheld
 *   by the sharing policy; subgraph-failed: a subgraph could not answer (data partial or none);
 *   error: no data (the gateway's own failure, or errors only);
 * - refused: rejected before execution (403, 429 over a rate limit, the whole operation withheld, registry down …);
 *   unauthenticated: no valid token (401); invalid: a bad body, unparsable or invalid operation (400).
 * At most 16 characters (the column).
 */
export type AuditOutcome =
  | 'ok'
  | 'partial'
  | 'denied-fields'
  | 'subgraph-failed'
  | 'error'
  | 'refused'
  | 'unauthenticated'
  | 'invalid';
export const AUDIT_OUTCOMES: readonly AuditOutcome[] = [
  'ok',
  'partial',
  'denied-fields',
  'subgraph-failed',
  'error',
  'refused',
  'unauthenticated',
  'invalid',
];

/** What the gateway knows about one request, in clear. `append` hashes what must not be stored. */
export interface AuditEntry {
  /** The gateway's request id (GatewayContext.requestId). */
  readonly requestId: string;
  /** When the request arrived: epoch milliseconds or a Date. */
  readonly time: number | Date;
  readonly caller: {
    readonly department?: string | null;
    readonly application?: string | null;
    readonly operator?: string | null;
    readonly roles?: readonly string[];
    readonly clientAddress?: string | null;
  };
  readonly operationName?: string | null;
  /** The GraphQL document as received; stored once per SHA-256 in audit_documents. */
  readonly document?: string | null;
  /** The request's variables; only their keyed hash is kept. */
  readonly variables?: Readonly<Record<string, unknown>> | null;
  /** 用途: the purpose the caller declared. */
  readonly purpose?: string | null;
  readonly fields?: {
    readonly requested?: readonly string[];
    readonly served?: readonly string[];
    readonly masked?: readonly string[];
    readonly denied?: readonly DeniedField[];
  };
  readonly subgraphs?: readonly string[];
  readonly outcome: AuditOutcome;
  readonly httpStatus: number;
  readonly errorCodes?: readonly string[];
  readonly latencyMs: number;
  readonly responseBytes: number;
  /** People and legal entities whose data was returned (subjects-from-result.ts). */
  readonly subjects?: readonly SubjectRef[];
  /** Grant-reliant data withheld past a subject quota (gateway/quotas/); subjects already keyed hashes. */
  readonly quotaRefusals?: readonly QuotaRefusalRecord[];
  /** Lookups that found nothing or were malformed: the audit subgraph's probing signal. */
  readonly lookupMisses?: LookupMissesRecord;
  /** 办件: the approval case a case-bound request served, and its item (record-case.ts). */
  readonly case?: CaseRef | null;
  /** 导出: the response went out as a file (record-delivery.ts); absent for the JSON response. */
  readonly delivery?: Delivery | null;
  /** The W3C trace id of the request's trace (record-trace.ts); absent when it was not traced. */
  readonly traceId?: string | null;
}

export interface SubjectHashRef {
  readonly kind: SubjectKind;
  /** HMAC-SHA256 of the identifier under the audit key, lower-case hex. */
  readonly hash: string;
}

export const RECORD_FORMAT_VERSION = 1;

/** A record before it takes its place in the chain. Every property is hashed. */
export interface AuditRecordBody {
  readonly v: typeof RECORD_FORMAT_VERSION;
  /** Unique record id (UUIDv7, time-ordered); shipping is idempotent on it. */
  readonly id: string;
  /** UTC, millisecond precision: `2026-11-26T18:32:22.123Z`. */
  readonly time: string;
  readonly requestId: string;
  readonly instance: string;
  readonly department: string | null;
  readonly application: string | null;
  readonly operator: string | null;
  readonly roles: readonly string[];
  readonly clientAddress: string | null;
  readonly operationName: string | null;
  readonly documentHash: string | null;
  readonly variablesHash: string | null;
  readonly purpose: string | null;
  readonly fieldsRequested: readonly string[];
  readonly fieldsServed: readonly string[];
  readonly fieldsMasked: readonly string[];
  readonly fieldsDenied: readonly DeniedField[];
  readonly subgraphs: readonly string[];
  readonly outcome: AuditOutcome;
  readonly httpStatus: number;
  readonly errorCodes: readonly string[];
  readonly latencyMs: number;
  readonly responseBytes: number;
  readonly subjects: readonly SubjectHashRef[];
  /**
   * Present only when something was refused or missed: a record without them has exactly the
   * properties, and so the hash, it had before they existed, and old records still verify.
   */
  readonly quotaRefusals?: readonly QuotaRefusalRecord[];
  readonly lookupMisses?: LookupMissesRecord;
  /** 办件编号 and 事项编码 of a case-bound request; absent on every other record, likewise. */
  readonly caseNumber?: string;
  readonly itemCode?: string;
  /** EXPORT_CSV or EXPORT_XLSX for a workbench export; absent on every other record, likewise. */
  readonly delivery?: string;
  /** The request's W3C trace id (32 lower-case hex) when it was traced; absent otherwise, likewise. */
  readonly traceId?: string;
}

/** A record in its chain: the position and both hashes are part of the evidence. */
export interface AuditRecord extends AuditRecordBody {
  readonly chain: string;
  /** 1, 2, 3 … within the chain, without gaps. */
  readonly seq: number;
  /** `hash` of the record at seq − 1; 64 zeros for seq 1. */
  readonly prevHash: string;
  /** SHA-256 of the canonical JSON of every other property (record-chain.ts). */
  readonly hash: string;
}

/** Sets are stored sorted and without repeats, so a record has one form and rows rebuild it. */
function sortedSet(values: readonly string[] | undefined): string[] {
  return [
    ...new Set((values ?? []).map((v) => storableText(String(v), Number.MAX_SAFE_INTEGER))),
  ].sort();
}

/**
 * The field lists of a record come from the sharing policy's plan, which is cached per document
 * and grant: the same arrays, never changed once made, for every request the plan serves, and
 * wide (an applicant profile's lists some seventy fields). Their canonical form is made once per
 * array rather than once per record; it is frozen, since every record of the plan shares it.
 */
const canonicalForms = new WeakMap<readonly unknown[], readonly unknown[]>();

function canonicalOnce<T>(
  values: readonly T[] | undefined,
  canonical: (values: readonly T[]) => T[],
): readonly T[] {
  if (values === undefined || values.length === 0) return [];
  let form = canonicalForms.get(values) as readonly T[] | undefined;
  if (form === undefined) canonicalForms.set(values, (form = Object.freeze(canonical(values))));
  return form;
}

/** Each (coordinate, reason) once, in that order. */
function canonicalDenied(values: readonly DeniedField[]): DeniedField[] {
  const unique = new Map<string, DeniedField>();
  for (const d of values) {
    const field = {
      coordinate: storableText(d.coordinate, Number.MAX_SAFE_INTEGER),
      reason: storableText(d.reason, Number.MAX_SAFE_INTEGER),
    };
    unique.set(`${field.coordinate}\0${field.reason}`, field);
  }
  return [...unique.values()].sort(
    (a, b) => compare(a.coordinate, b.coordinate) || compare(a.reason, b.reason),
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function count(value: number, what: string): number {
  if (!Number.isFinite(value))
    throw new TypeError(`audit entry ${what} must be a finite number, got ${value}`);
  return Math.max(0, Math.min(Number.MAX_SAFE_INTEGER, Math.round(value)));
}

/** ISO 8601 UTC with milliseconds; the database keeps exactly this precision. */
export function auditTime(time: number | Date): string {
  const ms = typeof time === 'number' ? time : time.getTime();
  if (!Number.isFinite(ms))
    throw new TypeError(`audit entry time is not a valid time: ${String(time)}`);
  return new Date(Math.trunc(ms)).toISOString();
}

export interface BuildContext {
  readonly instance: string;
  readonly key: AuditKey;
  /** @default a new UUIDv7 (record-id.ts) */
  readonly id?: string;
}

/** Hashes what must not be stored in clear and puts the entry in its one canonical form. */
export function buildRecordBody(entry: AuditEntry, context: BuildContext): AuditRecordBody {
  if (!AUDIT_OUTCOMES.includes(entry.outcome))
    throw new TypeError(
      `audit entry outcome must be one of ${AUDIT_OUTCOMES.join(', ')}, got "${entry.outcome}"`,
    );
  // Each kind's hashes once, then in (kind, hash) order: plain string sorts, no comparator.
  const hashesOf = new Map<SubjectKind, Set<string>>();
  for (const s of entry.subjects ?? []) {
    let hashes = hashesOf.get(s.kind);
    if (!hashes) {
      if (!SUBJECT_KINDS.includes(s.kind))
        throw new TypeError(
          `audit subject kind must be one of ${SUBJECT_KINDS.join(', ')}, got "${s.kind}"`,
        );
      hashesOf.set(s.kind, (hashes = new Set()));
    }
    hashes.add(subjectHash(context.key, s.kind, s.id));
  }
  const subjects: SubjectHashRef[] = [];
  for (const kind of [...hashesOf.keys()].sort())
    // Members in canonical order (hash, kind), as canonical-json.ts writes fastest.
    for (const hash of [...hashesOf.get(kind)!].sort()) subjects.push({ hash, kind });
  const quotaRefusals = (entry.quotaRefusals ?? [])
    .map((q) => ({
      coordinates: sortedSet(q.coordinates),
      day: storableText(q.day, 10),
      grantId: storableText(q.grantId, 100),
      quota: count(q.quota, 'quota'),
      subjects: sortedSet(q.subjects),
    }))
    .sort((a, b) => compare(a.grantId, b.grantId) || compare(a.day, b.day));
  const misses = entry.lookupMisses;
  const lookupMisses =
    misses && (misses.notFound > 0 || misses.badInput > 0)
      ? {
          badInput: count(misses.badInput, 'badInput'),
          notFound: count(misses.notFound, 'notFound'),
        }
      : null;
  const hasVariables =
    entry.variables !== null &&
    entry.variables !== undefined &&
    Object.keys(entry.variables).length > 0;
  return {
    v: RECORD_FORMAT_VERSION,
    id: context.id ?? uuidV7(),
    time: auditTime(entry.time),
    requestId: storableText(entry.requestId, TEXT_LIMITS.requestId),
    instance: storableText(context.instance, TEXT_LIMITS.instance),
    department: optionalText(entry.caller.department, TEXT_LIMITS.department),
    application: optionalText(entry.caller.application, TEXT_LIMITS.application),
    operator: optionalText(entry.caller.operator, TEXT_LIMITS.operator),
    roles: sortedSet(entry.caller.roles),
    clientAddress: optionalText(entry.caller.clientAddress, TEXT_LIMITS.clientAddress),
    operationName: optionalText(entry.operationName, TEXT_LIMITS.operationName),
    documentHash:
      entry.document === null || entry.document === undefined ? null : documentHash(entry.document),
    variablesHash: hasVariables ? variablesHash(context.key, entry.variables!) : null,
    purpose: optionalText(entry.purpose, TEXT_LIMITS.purpose),
    fieldsRequested: canonicalOnce(entry.fields?.requested, sortedSet),
    fieldsServed: canonicalOnce(entry.fields?.served, sortedSet),
    fieldsMasked: canonicalOnce(entry.fields?.masked, sortedSet),
    fieldsDenied: canonicalOnce(entry.fields?.denied, canonicalDenied),
    subgraphs: sortedSet(entry.subgraphs),
    outcome: entry.outcome,
    httpStatus: count(entry.httpStatus, 'httpStatus'),
    errorCodes: sortedSet(entry.errorCodes),
    latencyMs: count(entry.latencyMs, 'latencyMs'),
    responseBytes: count(entry.responseBytes, 'responseBytes'),
    subjects,
    ...(quotaRefusals.length > 0 ? { quotaRefusals } : {}),
    ...(lookupMisses ? { lookupMisses } : {}),
    ...recordCase(entry.case),
    ...recordDelivery(entry.delivery),
    ...recordTrace(entry.traceId),
  };
}

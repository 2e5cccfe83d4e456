/**
 * The trace a request ran in, as its audit record keeps it (issue 12): the W3C trace id
 * (https://www.w3.org/TR/trace-context/#trace-id, 32 lower-case hex digits, not all zeros) of
 * the gateway's span for the request, so an operator goes from a piece of evidence to the trace
 * that shows where its time went, across the gateway and the subgraphs.
 *
 * The property is left out when the request was not traced (tracing off), exactly as the
 * delivery (record-delivery.ts) is left out of an ordinary response's record: such a record has
 * the properties, and so the canonical JSON and the hash, it had before traces existed, and
 * every chain written before still verifies. The trace id is a random number, not personal data.
 */

const TRACE_ID = /^[0-9a-f]{32}$/;
const INVALID_TRACE_ID = '0'.repeat(32);

/** A W3C trace id: 32 lower-case hex digits, not all zeros (the spec's invalid value). */
export function isTraceId(value: unknown): value is string {
  return typeof value === 'string' && TRACE_ID.test(value) && value !== INVALID_TRACE_ID;
}

/** The record's trace property: present only for a request that was traced. */
export interface RecordTraceFields {
  readonly traceId?: string;
}

export function recordTrace(traceId: string | null | undefined): RecordTraceFields {
  return isTraceId(traceId) ? { traceId } : {};
}

/** The audit_records column that holds it (NULL on records of untraced requests). */
export const TRACE_ID_COLUMN = 'trace_id';

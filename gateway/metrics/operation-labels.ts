/**
 * Label values for one request, each from a closed set: a label whose values a caller could
 * choose (an operation name, a subgraph or error code echoed from a response) would let anyone
 * grow the exposition without bound, and could carry personal data into it.
 */
import { Kind, type DocumentNode } from 'graphql';
import { ErrorCode } from '../../domain/error-codes';
import { SUBGRAPHS } from '../../contracts/subgraph-directory';

export type OperationType = 'query' | 'mutation' | 'subscription' | 'unknown';

/** The type of the operation that ran; `unknown` when the request never got that far. */
export function operationTypeOf(
  document: DocumentNode | undefined,
  operationName: string | null,
): OperationType {
  if (!document) return 'unknown';
  for (const def of document.definitions) {
    if (def.kind !== Kind.OPERATION_DEFINITION) continue;
    if (operationName === null || def.name?.value === operationName) return def.operation;
  }
  return 'unknown';
}

const NAME = /^[_A-Za-z][_0-9A-Za-z]{0,63}$/;

/**
 * The operation name label: only for persisted documents, whose names come from the registered
 * set (gateway/persisted-documents/); any other request's name is the caller's to choose.
 */
export function operationNameLabel(persisted: boolean, operationName: string | null): string {
  return persisted && operationName !== null && NAME.test(operationName) ? operationName : '';
}

const SUBGRAPH_NAMES: ReadonlySet<string> = new Set(SUBGRAPHS.map((s) => s.name));

/** A subgraph of the directory, or `other` (a supergraph composed with a stand-in, in tests). */
export function subgraphLabel(name: string): string {
  return SUBGRAPH_NAMES.has(name) ? name : 'other';
}

const ERROR_CODES: ReadonlySet<string> = new Set(Object.values(ErrorCode));

/** One of the shared error codes (domain/error-codes.ts), or `OTHER`. */
export function errorCodeLabel(code: string): string {
  return ERROR_CODES.has(code) ? code : 'OTHER';
}

const FAILURE = /^[A-Z][A-Z_]{0,31}$/;

/** Why a subgraph fetch failed (TIMEOUT, CONNECTION_REFUSED …), or `OTHER` for anything unexpected. */
export function failureLabel(failure: string): string {
  return FAILURE.test(failure) ? failure : 'OTHER';
}

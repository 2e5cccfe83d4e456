/**
 * One access line per GraphQL request, at info: enough to follow traffic and match a complaint
 * (quoted X-Request-Id) to the audit record, and nothing more. Never the variables, the document
 * or the caller's identity: who asked for whose data is the audit trail's, which is access
 * controlled, chained and kept by law; a log line is copied to places that are none of these.
 */
import type { GatewayLogger } from './gateway-logger';

export interface AccessEntry {
  readonly requestId: string;
  readonly method: string;
  readonly status: number;
  readonly operationType: string;
  /** Only a persisted document's registered name (metrics/operation-labels.ts); else absent. */
  readonly operationName?: string;
  /** The audit's outcome: ok, partial, denied-fields, refused … */
  readonly outcome: string;
  readonly durationMs: number;
}

export function logAccess(logger: GatewayLogger, entry: AccessEntry): void {
  logger.info({ component: 'access', ...entry }, 'graphql request');
}

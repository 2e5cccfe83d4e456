/**
 * Watches every GraphQL request and subgraph fetch for the gateway's Prometheus metrics
 * (gateway/metrics/) and its access log, and serves GET /metrics. It changes nothing and
 * refuses nothing. It counts a request when it is delivered (onDelivered), so what it counts is
 * what the caller got: a response the audit withheld counts as the 503 AUDIT_UNAVAILABLE sent.
 */
import type http from 'node:http';
import { ErrorCode } from '../../domain/error-codes';
import type { HttpRoute } from '../http/http-route';
import {
  AuditGaugeReading,
  createGatewayMetrics,
  errorCodeLabel,
  failureLabel,
  GatewayMetrics,
  mayReadMetrics,
  operationNameLabel,
  operationTypeOf,
  requestOutcome,
  subgraphLabel,
} from '../metrics';
import { logAccess, structuredLoggerOf } from '../logging';
import type { AuditTrail } from '../audit';
import { sharingPlanOf } from './enforce-sharing-policy';
import { persistedRequest } from './resolve-persisted-documents';
import type { GatewayHooks, RequestOutcome } from './stage-hooks';

export const METRICS_PATH = '/metrics';

export interface MetricsStageOptions {
  /** METRICS_TOKEN: lets non-loopback scrapers in; null: loopback only. */
  readonly token: string | null;
  /** The grants' mode, read when scraped. @default none (no grant gauge) */
  readonly grantMode?: () => string;
  /** Age of the oldest grant snapshot served (ms), read when scraped. @default none */
  readonly grantAgeMs?: () => number | null;
  /** The open audit trail, read when scraped. @default none (no audit gauges) */
  readonly auditTrail?: () => AuditTrail | null;
  /**
   * The process's line log: when it writes through the structured logger (gateway/logging/
   * lineLog), one access line per request goes there too. @default none
   */
  readonly log?: (line: string) => void;
}

export interface MetricsStage extends GatewayHooks {
  readonly metrics: GatewayMetrics;
  /** GET /metrics, for the gateway's routes. */
  readonly metricsRoute: HttpRoute;
  /** For the audit trail's `onGroupCommit` (AuditTrailOptions): times each journal write and fsync. */
  readonly observeJournalCommit: (records: number, durationMs: number) => void;
}

/** OpenTelemetry's rule: known methods by name, anything else `_OTHER`. */
const METHODS: ReadonlySet<string> = new Set(['GET', 'POST']);

/** Denial reasons are a closed union (policy/field-decision.ts); the check keeps it so. */
const REASON = /^[A-Z][A-Z_]{0,39}$/;

function auditReading(trail: AuditTrail | null): AuditGaugeReading | null {
  if (!trail) return null;
  const { journal, shipping } = trail.health();
  return {
    journalAvailable: journal.available,
    journalSeq: journal.seq,
    lastShippedSeq: shipping.lastShippedSeq,
    shippedRecords: shipping.shippedRecords,
    caughtUp: shipping.caughtUp,
    lastShippedAt: shipping.lastShippedAt,
  };
}

function countPolicy(metrics: GatewayMetrics, response: RequestOutcome): void {
  const plan = sharingPlanOf(response.context);
  if (!plan) return;
  const { served, masked } = plan.coordinates;
  if (served.length > 0)
    metrics.fieldDecisions.inc({ decision: 'serve', reason: 'none' }, served.length);
  if (masked.length > 0) {
    metrics.fieldDecisions.inc({ decision: 'mask', reason: 'none' }, masked.length);
    metrics.maskedFields.inc(masked.length);
  }
  for (const d of plan.denied)
    metrics.fieldDecisions.inc({
      decision: 'deny',
      reason: REASON.test(d.reason) ? d.reason : 'OTHER',
    });
}

function metricsRoute(metrics: GatewayMetrics, token: string | null): HttpRoute {
  return {
    method: 'GET',
    path: METRICS_PATH,
    async handle(req: http.IncomingMessage, res: http.ServerResponse) {
      const caller = {
        remoteAddress: req.socket.remoteAddress ?? null,
        authorization: req.headers.authorization,
      };
      if (!mayReadMetrics(caller, token)) {
        res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' });
        return void res.end('metrics are served to loopback callers and METRICS_TOKEN holders\n');
      }
      const body = await metrics.registry.metrics();
      res.writeHead(200, {
        'content-type': metrics.registry.contentType,
        'cache-control': 'no-store',
      });
      res.end(body);
    },
  };
}

export function createMetricsStage(options: MetricsStageOptions): MetricsStage {
  const trail = options.auditTrail;
  const metrics = createGatewayMetrics({
    grantMode: options.grantMode,
    grantAgeMs: options.grantAgeMs,
    audit: trail ? () => auditReading(trail()) : undefined,
  });
  const logger = options.log ? structuredLoggerOf(options.log) : null;
  return {
    name: 'observe-metrics',
    metrics,
    metricsRoute: metricsRoute(metrics, options.token),
    observeJournalCommit: (_records, durationMs) =>
      metrics.journalCommit.observe(durationMs / 1000),

    onSubgraphResponse({ subgraph, durationMs, status, failure }) {
      const label = subgraphLabel(subgraph);
      metrics.subgraphDuration.observe(
        { subgraph: label, http_response_status_code: status === null ? 'none' : String(status) },
        durationMs / 1000,
      );
      if (failure !== null)
        metrics.subgraphErrors.inc({ subgraph: label, failure: failureLabel(failure) });
    },

    onDelivered(response) {
      const { context } = response;
      const durationMs = Date.now() - context.receivedAt;
      const { outcome, errorCodes } = requestOutcome(response);
      const operationName = context.operation?.operationName ?? null;
      const type = operationTypeOf(context.operation?.document, operationName);
      const name = operationNameLabel(persistedRequest(context) !== undefined, operationName);
      metrics.requestDuration.observe(
        {
          http_request_method: METHODS.has(context.http.method) ? context.http.method : '_OTHER',
          http_response_status_code: String(response.status),
          graphql_operation_type: type,
          graphql_operation_name: name,
          outcome,
        },
        durationMs / 1000,
      );
      metrics.requests.inc({ graphql_operation_type: type, outcome });
      // `SUBGRAPH_UNAVAILABLE:<subgraph>` repeats a code with a name: the fetch metrics count those.
      for (const code of errorCodes)
        if (!code.includes(':')) metrics.errors.inc({ code: errorCodeLabel(code) });
      if (errorCodes.includes(ErrorCode.RATE_LIMITED)) metrics.rateLimited.inc();
      if (errorCodes.includes(ErrorCode.QUOTA_EXCEEDED)) metrics.quotaExceeded.inc();
      countPolicy(metrics, response);
      if (logger)
        logAccess(logger, {
          requestId: context.requestId,
          method: context.http.method,
          status: response.status,
          operationType: type,
          ...(name ? { operationName: name } : {}),
          outcome,
          durationMs,
        });
    },
  };
}

/** The /metrics routes of the metrics stages among `hooks` (none when the stage is not installed). */
export function metricsRoutes(hooks: readonly GatewayHooks[] = []): HttpRoute[] {
  return hooks.flatMap((h) => ('metricsRoute' in h ? [(h as MetricsStage).metricsRoute] : []));
}

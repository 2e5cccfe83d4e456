/**
 * The gateway's Prometheus metrics, in a registry of its own per gateway (never prom-client's
 * global one), so several gateways in one process (tests, a rolling restart) do not collide.
 * Names follow the OpenTelemetry HTTP and GraphQL semantic conventions where they exist
 * (`http_server_request_duration_seconds`, `http_request_method`, `graphql_operation_type` …)
 * and are `shujutong_*` otherwise. Every label takes its values from a closed set
 * (operation-labels.ts): no caller can add series, and no personal data reaches the exposition.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Seconds; from a cached policy decision (sub-millisecond) to the subgraph timeout. */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** What the gauges read when scraped (cheap: both are in-memory status reads). */
export interface MetricsSources {
  /** The grants' mode (gateway/grants/grant-source.ts): LOCAL, REDIS or DEGRADED. @default none */
  readonly grantMode?: () => string;
  /** Age of the oldest grant snapshot served, ms, null when none (grant-cache.ts oldestAgeMs). @default none */
  readonly grantAgeMs?: () => number | null;
  /** The audit trail's health (audit-trail.ts `health()`), or null while it is closed. @default none */
  readonly audit?: () => AuditGaugeReading | null;
  /** @default Date.now */
  readonly now?: () => number;
}

export interface AuditGaugeReading {
  readonly journalAvailable: boolean;
  /** Sequence number of the last record on stable storage. */
  readonly journalSeq: number;
  /** The last record this process shipped; null before the first. */
  readonly lastShippedSeq: number | null;
  readonly shippedRecords: number;
  readonly caughtUp: boolean;
  readonly lastShippedAt: Date | null;
}

export const GRANT_MODES = ['LOCAL', 'REDIS', 'DEGRADED'] as const;

export interface GatewayMetrics {
  readonly registry: Registry;
  readonly requestDuration: Histogram<
    | 'http_request_method'
    | 'http_response_status_code'
    | 'graphql_operation_type'
    | 'graphql_operation_name'
    | 'outcome'
  >;
  readonly requests: Counter<'graphql_operation_type' | 'outcome'>;
  readonly errors: Counter<'code'>;
  readonly rateLimited: Counter;
  readonly quotaExceeded: Counter;
  readonly subgraphDuration: Histogram<'subgraph' | 'http_response_status_code'>;
  readonly subgraphErrors: Counter<'subgraph' | 'failure'>;
  readonly fieldDecisions: Counter<'decision' | 'reason'>;
  readonly maskedFields: Counter;
  /** Write and fdatasync of one group of audit records: every response waits for its group. */
  readonly journalCommit: Histogram;
}

export function createGatewayMetrics(sources: MetricsSources = {}): GatewayMetrics {
  const registry = new Registry();
  const registers = [registry];
  const now = sources.now ?? Date.now;
  collectDefaultMetrics({ register: registry });

  const metrics: GatewayMetrics = {
    registry,
    requestDuration: new Histogram({
      name: 'http_server_request_duration_seconds',
      help: 'GraphQL requests from arrival until the response is ready (before its audit record is written), by outcome',
      labelNames: [
        'http_request_method',
        'http_response_status_code',
        'graphql_operation_type',
        'graphql_operation_name',
        'outcome',
      ],
      buckets: DURATION_BUCKETS,
      registers,
    }),
    requests: new Counter({
      name: 'shujutong_graphql_requests_total',
      help: 'GraphQL requests by operation type and audit outcome (ok, partial, denied-fields, refused …)',
      labelNames: ['graphql_operation_type', 'outcome'],
      registers,
    }),
    errors: new Counter({
      name: 'shujutong_graphql_errors_total',
      help: 'Error codes in GraphQL responses, once per request and code',
      labelNames: ['code'],
      registers,
    }),
    rateLimited: new Counter({
      name: 'shujutong_rate_limited_requests_total',
      help: 'Requests refused over a rate or concurrency limit (RATE_LIMITED)',
      registers,
    }),
    quotaExceeded: new Counter({
      name: 'shujutong_quota_exceeded_requests_total',
      help: "Requests with values withheld past a grant's subject quota (QUOTA_EXCEEDED)",
      registers,
    }),
    subgraphDuration: new Histogram({
      name: 'shujutong_subgraph_fetch_duration_seconds',
      help: 'Subgraph fetches from sending to the end of the answer',
      labelNames: ['subgraph', 'http_response_status_code'],
      buckets: DURATION_BUCKETS,
      registers,
    }),
    subgraphErrors: new Counter({
      name: 'shujutong_subgraph_fetch_errors_total',
      help: 'Subgraph fetches that failed (TIMEOUT, CONNECTION_REFUSED, BAD_STATUS …)',
      labelNames: ['subgraph', 'failure'],
      registers,
    }),
    fieldDecisions: new Counter({
      name: 'shujutong_policy_field_decisions_total',
      help: 'Sharing policy decisions per requested field: allow, mask or deny (with the denial reason)',
      labelNames: ['decision', 'reason'],
      registers,
    }),
    maskedFields: new Counter({
      name: 'shujutong_policy_masked_fields_total',
      help: 'Fields served masked by the sharing policy',
      registers,
    }),
    journalCommit: new Histogram({
      name: 'shujutong_audit_journal_commit_duration_seconds',
      help: 'Write and fsync of one group of audit records (every response waits for its group)',
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers,
    }),
  };

  if (sources.grantMode) {
    const mode = sources.grantMode;
    new Gauge({
      name: 'shujutong_grant_cache_mode',
      help: 'How grants are cached: 1 for the current mode (DEGRADED: Redis unreachable, short lifetimes)',
      labelNames: ['mode'],
      registers,
      collect() {
        const current = mode();
        for (const m of GRANT_MODES) this.set({ mode: m }, m === current ? 1 : 0);
      },
    });
  }
  if (sources.grantAgeMs) {
    const age = sources.grantAgeMs;
    new Gauge({
      name: 'shujutong_grant_cache_oldest_age_seconds',
      help: 'Age of the oldest grant snapshot served: how late a grant change may yet apply',
      registers,
      collect() {
        this.set((age() ?? 0) / 1000);
      },
    });
  }
  if (sources.audit) addAuditGauges(registry, sources.audit, now);
  return metrics;
}

function addAuditGauges(
  registry: Registry,
  read: () => AuditGaugeReading | null,
  now: () => number,
): void {
  const registers = [registry];
  const gauge = (name: string, help: string, value: (r: AuditGaugeReading) => number) =>
    new Gauge({
      name,
      help,
      registers,
      collect() {
        const reading = read();
        if (reading) this.set(value(reading));
        else this.reset();
      },
    });
  gauge(
    'shujutong_audit_journal_available',
    'The audit journal can be written (0: the gateway answers 503 AUDIT_UNAVAILABLE)',
    (r) => (r.journalAvailable ? 1 : 0),
  );
  gauge(
    'shujutong_audit_journal_records',
    'Sequence number of the last audit record on stable storage',
    (r) => r.journalSeq,
  );
  gauge(
    'shujutong_audit_shipped_records',
    'Audit records this process has shipped to the audit database',
    (r) => r.shippedRecords,
  );
  // Before this process shipped anything, caught up means nothing waits; otherwise how much
  // waits is unknown (the database has been away since start): NaN, rather than a made-up 0.
  gauge(
    'shujutong_audit_unshipped_records',
    'Audit records journalled but not yet in the audit database (NaN: unknown)',
    (r) =>
      r.lastShippedSeq !== null
        ? Math.max(0, r.journalSeq - r.lastShippedSeq)
        : r.caughtUp
          ? 0
          : Number.NaN,
  );
  gauge(
    'shujutong_audit_shipping_caught_up',
    'The last shipping run found nothing more to ship',
    (r) => (r.caughtUp ? 1 : 0),
  );
  // Lag is no outage (records wait in the journal), but a growing one means the database is away.
  gauge(
    'shujutong_audit_shipping_lag_seconds',
    'Seconds since the last shipment while records wait; 0 when caught up',
    (r) =>
      r.caughtUp
        ? 0
        : r.lastShippedAt
          ? Math.max(0, (now() - r.lastShippedAt.getTime()) / 1000)
          : 0,
  );
}

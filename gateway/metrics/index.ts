/** Prometheus metrics of the gateway (GET /metrics): the metric set, its labels and who may read it. */
export { createGatewayMetrics, GRANT_MODES } from './gateway-metrics';
export type { AuditGaugeReading, GatewayMetrics, MetricsSources } from './gateway-metrics';
export { isLoopback, mayReadMetrics } from './metrics-access';
export type { MetricsCaller } from './metrics-access';
export {
  errorCodeLabel,
  failureLabel,
  operationNameLabel,
  operationTypeOf,
  subgraphLabel,
} from './operation-labels';
export type { OperationType } from './operation-labels';
export { requestOutcome } from './request-outcome';

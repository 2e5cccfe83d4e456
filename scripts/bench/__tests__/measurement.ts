import type { Measurement } from '../bench-summary';

/** One measured round, with what the summaries read and no failures unless asked for. */
export function measurement(
  requestsPerSecond: number,
  options: {
    gatewayCpuMs?: number | null;
    subgraphCpuMs?: number;
    graphqlErrors?: number;
    p99?: number;
  } = {},
): Measurement {
  return {
    requestsPerSecond,
    requests: requestsPerSecond * 5,
    p50: 10,
    p99: options.p99 ?? 40,
    failures: { errors: 0, non2xx: 0, graphqlErrors: options.graphqlErrors ?? 0 },
    gatewayCpuMs: options.gatewayCpuMs === undefined ? 2 : options.gatewayCpuMs,
    subgraphCpuMs: options.subgraphCpuMs ?? 1,
  };
}

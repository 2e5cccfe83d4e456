/** One measurement of one cell: a load run, with the CPU the gateway and the subgraphs spent on it. */
import type { Measurement } from './bench-summary';
import { failureCount, LoadRun, runLoad } from './load-test';
import { cpuSeconds, totalCpuSeconds } from './process-cpu';

/** `gatewayPid` is null for a direct target: the subgraphs' CPU is then all there is. */
export async function measure(
  run: LoadRun,
  gatewayPid: number | null,
  subgraphPids: readonly number[],
): Promise<Measurement> {
  const gatewayBefore = gatewayPid === null ? null : cpuSeconds(gatewayPid);
  const subgraphsBefore = totalCpuSeconds(subgraphPids);
  const result = await runLoad(run);
  const gatewayAfter = gatewayPid === null ? null : cpuSeconds(gatewayPid);
  const subgraphsAfter = totalCpuSeconds(subgraphPids);
  const perRequest = (before: number | null, after: number | null) =>
    before !== null && after !== null && result.requests > 0
      ? ((after - before) * 1000) / result.requests
      : null;
  return {
    ...result,
    gatewayCpuMs: perRequest(gatewayBefore, gatewayAfter),
    subgraphCpuMs: perRequest(subgraphsBefore, subgraphsAfter),
  };
}

/** One progress line. */
export function describeMeasurement(m: Measurement): string {
  const failed = failureCount(m);
  const cpu = [
    m.gatewayCpuMs !== null ? `gateway ${m.gatewayCpuMs.toFixed(2)}` : null,
    m.subgraphCpuMs !== null ? `subgraphs ${m.subgraphCpuMs.toFixed(2)}` : null,
  ]
    .filter(Boolean)
    .join(', ');
  return `${Math.round(m.requestsPerSecond)} req/s, p50 ${m.p50} ms, p99 ${m.p99} ms${cpu ? `, CPU ms/req ${cpu}` : ''}${failed > 0 ? `, ${failed} FAILED responses` : ''}`;
}

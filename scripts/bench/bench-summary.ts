/** A cell's rounds reduced to the figures BENCHMARKS.md records, and the ratios between targets. */
import { median } from './bench-schedule';
import { failureCount, LoadResult } from './load-test';

/** One round of one cell: the load run, and the CPU its processes spent on it. */
export interface Measurement extends LoadResult {
  /** CPU milliseconds the gateway process spent per completed request; null for a direct target or where unknown. */
  gatewayCpuMs: number | null;
  /** CPU milliseconds of all subgraph processes together per completed request; null where unknown. */
  subgraphCpuMs: number | null;
}

export interface CellSummary {
  operation: string;
  target: string;
  /** Why the cell was not measured (its check failed), or null. */
  problem: string | null;
  /** Per round, in order. */
  rounds: Measurement[];
  requestsPerSecond: number;
  p50: number;
  p99: number;
  gatewayCpuMs: number | null;
  subgraphCpuMs: number | null;
  /** Failed responses over all rounds; any is a failure of the measurement. */
  failures: number;
  requests: number;
}

function medianOrNull(values: (number | null)[]): number | null {
  return values.length > 0 && values.every((v): v is number => v !== null) ? median(values) : null;
}

export function summarise(
  operation: string,
  target: string,
  rounds: Measurement[],
  problem: string | null,
): CellSummary {
  return {
    operation,
    target,
    problem,
    rounds,
    requestsPerSecond: median(rounds.map((r) => r.requestsPerSecond)),
    p50: median(rounds.map((r) => r.p50)),
    p99: median(rounds.map((r) => r.p99)),
    gatewayCpuMs: medianOrNull(rounds.map((r) => r.gatewayCpuMs)),
    subgraphCpuMs: medianOrNull(rounds.map((r) => r.subgraphCpuMs)),
    failures: rounds.reduce((sum, r) => sum + failureCount(r), 0),
    requests: rounds.reduce((sum, r) => sum + r.requests, 0),
  };
}

/** A cell whose figures stand: checked, measured, no failed response. */
export function isValid(cell: CellSummary): boolean {
  return cell.problem === null && cell.rounds.length > 0 && cell.failures === 0;
}

export interface Ratio {
  operation: string;
  numerator: string;
  denominator: string;
  /**
   * Requests per second of the numerator over the denominator: the median of the per-round
   * ratios (each pair measured within a minute of each other, so slow drift in the machine's
   * load cancels out). Null when either cell is missing or invalid.
   */
  value: number | null;
  perRound: number[];
  /** Gateway CPU per request of the denominator over the numerator (above 1: the numerator does less work). */
  cpu: number | null;
}

export function ratio(
  cells: readonly CellSummary[],
  operation: string,
  numerator: string,
  denominator: string,
): Ratio {
  const a = cells.find((c) => c.operation === operation && c.target === numerator);
  const b = cells.find((c) => c.operation === operation && c.target === denominator);
  if (!a || !b || !isValid(a) || !isValid(b))
    return { operation, numerator, denominator, value: null, perRound: [], cpu: null };
  const perRound = a.rounds
    .map((r, i) => (b.rounds[i] ? r.requestsPerSecond / b.rounds[i].requestsPerSecond : Number.NaN))
    .filter(Number.isFinite);
  const cpu = a.gatewayCpuMs && b.gatewayCpuMs !== null ? b.gatewayCpuMs / a.gatewayCpuMs : null;
  return {
    operation,
    numerator,
    denominator,
    value: perRound.length > 0 ? median(perRound) : null,
    perRound,
    cpu,
  };
}

/** A ratio held against a goal (bench-targets.ts STAGE_RATIOS), with the p99 difference. */
export interface StageRatioResult extends Ratio {
  atLeast: number;
  /** The numerator's median p99 minus the denominator's, in ms; null when either is invalid. */
  p99DeltaMs: number | null;
  p99MaxMs: number | null;
  /** The most the numerator's gateway CPU per request may be, as a multiple of the denominator's; null: no such goal. */
  cpuAtMost: number | null;
  /** Every part of the goal met; null when not measured. */
  met: boolean | null;
}

export function stageRatio(
  cells: readonly CellSummary[],
  operation: string,
  goal: {
    numerator: string;
    denominator: string;
    atLeast: number;
    p99MaxMs?: number;
    cpuAtMost?: number;
  },
): StageRatioResult {
  const r = ratio(cells, operation, goal.numerator, goal.denominator);
  const a = cells.find((c) => c.operation === operation && c.target === goal.numerator);
  const b = cells.find((c) => c.operation === operation && c.target === goal.denominator);
  const p99DeltaMs = r.value !== null && a && b ? a.p99 - b.p99 : null;
  const p99MaxMs = goal.p99MaxMs ?? null;
  const cpuAtMost = goal.cpuAtMost ?? null;
  // r.cpu is the denominator's CPU over the numerator's: the numerator costs 1 / r.cpu times as much.
  const cpuMet = cpuAtMost === null || (r.cpu !== null && 1 / r.cpu <= cpuAtMost);
  const met =
    r.value === null
      ? null
      : r.value >= goal.atLeast &&
        (p99MaxMs === null || (p99DeltaMs !== null && p99DeltaMs <= p99MaxMs)) &&
        cpuMet;
  return { ...r, atLeast: goal.atLeast, p99DeltaMs, p99MaxMs, cpuAtMost, met };
}

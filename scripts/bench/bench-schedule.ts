/**
 * The order of measurements. On a shared two-core machine the load drifts over minutes, so
 * no target may always run first or last: each round takes the operations in turn, and within
 * an operation the targets rotate by one place per round (and operations reverse every other
 * round). Each cell is then summarised by its median over rounds.
 */

/** Cells grouped by operation (outer) and target (inner), in the order measured in `round` (0-based). */
export function roundOrder<T>(groups: readonly (readonly T[])[], round: number): T[] {
  const ops = round % 2 === 0 ? groups : [...groups].reverse();
  return ops.flatMap((targets) => {
    if (targets.length === 0) return [];
    const shift = round % targets.length;
    return [...targets.slice(shift), ...targets.slice(0, shift)];
  });
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Timing loops for the micro-benchmarks under `__bench__/`: printed numbers, never assertions. */

/** Five rounds after a warm-up; prints the fastest and the median, since a shared machine adds noise. */
export function timeRounds(
  label: string,
  n: number,
  fn: (i: number) => void,
  options: { labelWidth?: number; digits?: number } = {},
): void {
  const width = options.labelWidth ?? 64;
  const digits = options.digits ?? 2;
  for (let i = 0; i < Math.min(n, 200); i++) fn(-1 - i);
  const rounds: number[] = [];
  for (let r = 0; r < 5; r++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < n; i++) fn(r * n + i);
    rounds.push(Number(process.hrtime.bigint() - start) / 1000 / n);
  }
  rounds.sort((a, b) => a - b);
  const pad = digits + 6;
  console.log(
    `${label.padEnd(width)} min ${rounds[0].toFixed(digits).padStart(pad)} µs  median ${rounds[2].toFixed(digits).padStart(pad)} µs  (5 × ${n})`,
  );
}

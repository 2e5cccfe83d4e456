/**
 * What a gateway's resident memory did under continuous load (memory-soak.ts samples it): its
 * size once warm, at the end, its peak, and its growth per minute over the last minutes, the
 * slope of a least-squares line, so one garbage-collection swing at the end does not read as
 * a leak or hide one. Pure.
 */

export interface RssSample {
  /** Seconds since the load started. */
  seconds: number;
  /** Resident set size in KiB (VmRSS). */
  rssKiB: number;
}

/** After this the gateway counts as warm: JIT, plan caches and connection pools are filled. */
export const WARM_AFTER_S = 60;
/** The growth is the slope over this last stretch of the run. */
export const TREND_WINDOW_S = 300;
/**
 * Growth the goal tolerates, MiB per minute: "no growth" within what the collector's swings
 * leave in a 5-minute slope; a leak of 1 MiB/min would be 1.4 GiB a day.
 */
export const MAX_GROWTH_MIB_PER_MIN = 1;

/** The slope of the least-squares line through the points; null for fewer than two distinct x. */
export function leastSquaresSlope(points: readonly { x: number; y: number }[]): number | null {
  const n = points.length;
  if (n < 2) return null;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (const p of points) {
    sxx += (p.x - mx) ** 2;
    sxy += (p.x - mx) * (p.y - my);
  }
  return sxx === 0 ? null : sxy / sxx;
}

export interface RssTrend {
  samples: number;
  /** RSS of the first sample at or after WARM_AFTER_S; null when the run was shorter. */
  afterFirstMinuteMiB: number | null;
  endMiB: number | null;
  peakMiB: number | null;
  /** Seconds the slope was fitted over (the last TREND_WINDOW_S, never the first minute). */
  windowS: number;
  growthMiBPerMin: number | null;
  /** Long enough for the goal: a warm minute and a full trend window after it. */
  judged: boolean;
  met: boolean | null;
}

const mib = (kib: number) => kib / 1024;

export function rssTrend(samples: readonly RssSample[]): RssTrend {
  const last = samples.at(-1);
  const end = last?.seconds ?? 0;
  const warm = samples.find((s) => s.seconds >= WARM_AFTER_S);
  const from = Math.max(end - TREND_WINDOW_S, Math.min(WARM_AFTER_S, end / 2));
  const window = samples.filter((s) => s.seconds >= from);
  const slope = leastSquaresSlope(window.map((s) => ({ x: s.seconds / 60, y: mib(s.rssKiB) })));
  const judged = end >= WARM_AFTER_S + TREND_WINDOW_S && slope !== null;
  return {
    samples: samples.length,
    afterFirstMinuteMiB: warm ? mib(warm.rssKiB) : null,
    endMiB: last ? mib(last.rssKiB) : null,
    peakMiB: samples.length > 0 ? mib(Math.max(...samples.map((s) => s.rssKiB))) : null,
    windowS: Math.round(end - from),
    growthMiBPerMin: slope,
    judged,
    met: judged ? slope! <= MAX_GROWTH_MIB_PER_MIN : null,
  };
}

/** VmRSS in KiB from the text of /proc/<pid>/status; null when absent (a process gone). */
export function vmRssKiB(status: string): number | null {
  const m = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
  return m ? Number(m[1]) : null;
}

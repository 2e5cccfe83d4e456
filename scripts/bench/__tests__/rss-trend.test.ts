import { leastSquaresSlope, rssTrend, vmRssKiB } from '../rss-trend';

describe('leastSquaresSlope', () => {
  it('is the slope of the best line through the points', () => {
    expect(
      leastSquaresSlope([
        { x: 0, y: 1 },
        { x: 1, y: 3 },
        { x: 2, y: 5 },
      ]),
    ).toBeCloseTo(2);
    expect(
      leastSquaresSlope([
        { x: 0, y: 0 },
        { x: 1, y: 2 },
        { x: 2, y: 0 },
        { x: 3, y: 2 },
      ]),
    ).toBeCloseTo(0.4);
  });

  it('has none without two distinct x', () => {
    expect(leastSquaresSlope([{ x: 1, y: 1 }])).toBeNull();
    expect(
      leastSquaresSlope([
        { x: 1, y: 1 },
        { x: 1, y: 2 },
      ]),
    ).toBeNull();
  });
});

/** Samples every 5 s for `seconds`, RSS in MiB from `mib(t)`. */
const samples = (seconds: number, mib: (t: number) => number) =>
  Array.from({ length: seconds / 5 + 1 }, (_, i) => ({
    seconds: i * 5,
    rssKiB: mib(i * 5) * 1024,
  }));

describe('rssTrend', () => {
  it('reports a flat gateway after warm-up as met, over the last 5 minutes only', () => {
    // Grows fast in the first minute (warm-up), then holds at 200 MiB.
    const t = rssTrend(samples(600, (s) => (s < 60 ? 100 + s : 200)));
    expect(t.afterFirstMinuteMiB).toBe(200);
    expect(t.endMiB).toBe(200);
    expect(t.peakMiB).toBe(200);
    expect(t.windowS).toBe(300);
    expect(t.growthMiBPerMin).toBeCloseTo(0);
    expect(t).toMatchObject({ judged: true, met: true });
  });

  it('finds a steady leak of 2 MiB per minute', () => {
    const t = rssTrend(samples(600, (s) => 150 + (2 * s) / 60));
    expect(t.growthMiBPerMin).toBeCloseTo(2);
    expect(t.met).toBe(false);
  });

  it('does not judge a run shorter than a warm minute and a 5-minute trend', () => {
    const t = rssTrend(samples(60, () => 100));
    expect(t).toMatchObject({ judged: false, met: null, afterFirstMinuteMiB: 100 });
    expect(t.windowS).toBe(30);
  });
});

describe('vmRssKiB', () => {
  it('reads VmRSS from /proc/<pid>/status', () => {
    expect(vmRssKiB('Name:\tnode\nVmHWM:\t  300 kB\nVmRSS:\t  204800 kB\nThreads: 11\n')).toBe(
      204800,
    );
    expect(vmRssKiB('Name:\tzombie\n')).toBeNull();
  });
});

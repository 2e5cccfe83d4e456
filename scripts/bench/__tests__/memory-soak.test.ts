import { soakMarkdownSection, SoakReport, soakVerdict } from '../memory-soak';
import { rssTrend } from '../rss-trend';

function report(seconds: number, growthMiBPerMin: number): SoakReport {
  const samples = Array.from({ length: seconds / 5 + 1 }, (_, i) => ({
    seconds: i * 5,
    rssKiB: (200 + (growthMiBPerMin * i * 5) / 60) * 1024,
  }));
  return {
    date: new Date('2026-12-07T01:00:00Z'),
    command: `npm run bench -- --soak ${seconds}`,
    machine: { cores: 2, cpuModel: 'cpu', memoryGiB: 8, node: 'v20', platform: 'linux' },
    loadBefore: '1 / 1 / 1',
    loadAfter: '2 / 2 / 2',
    data: 'SQLite files in `data/bench`',
    persons: 20_000,
    target: 'ours-audited',
    operation: 'people-page',
    connections: 16,
    seconds,
    result: {
      load: {
        requestsPerSecond: 100,
        requests: 100 * seconds,
        p50: 10,
        p99: 50,
        failures: { errors: 0, non2xx: 0, graphqlErrors: 0 },
      },
      samples,
      trend: rssTrend(samples),
    },
  };
}

describe('soak report', () => {
  it('records the command, the load and the growth verdict', () => {
    const text = soakMarkdownSection(report(600, 0));
    expect(text).toContain('`npm run bench -- --soak 600`');
    expect(text).toContain('16 keep-alive connections sending people-page');
    expect(text).toMatch(
      /\| 5\. ours-audited RSS growth ≤ 1 MiB\/min over the last 5 min \| people-page \| \+0\.00 MiB\/min \(last 300 s\) \| met \|/,
    );
  });

  it('misses the goal on growth and does not judge a short trial', () => {
    expect(soakVerdict(report(600, 3).result.trend)).toBe('NOT met');
    expect(soakVerdict(report(60, 0).result.trend)).toMatch(/^not judged/);
  });
});

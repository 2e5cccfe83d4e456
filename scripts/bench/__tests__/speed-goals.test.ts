import { CellSummary, Measurement, summarise } from '../bench-summary';
import { goalSummary, speedGoals, signatureShare, SUBGRAPH_CPU_BASELINE } from '../speed-goals';
import { measurement } from './measurement';

const round = (rate: number, gatewayCpuMs: number, subgraphCpuMs: number, p99 = 40) =>
  measurement(rate, { gatewayCpuMs, subgraphCpuMs, p99 });

const cell = (target: string, m: Measurement, operation = 'people-page'): CellSummary =>
  summarise(operation, target, [m], null);

function goal(rows: ReturnType<typeof speedGoals>, prefix: string) {
  const found = rows.find((r) => r.goal.startsWith(prefix));
  if (!found) throw new Error(`no goal ${prefix}`);
  return found;
}

describe('speedGoals', () => {
  const cells = [
    cell('apollo', round(100, 10, 6)),
    cell('ours', round(200, 4, 2.9)),
    cell('ours-enforced', round(150, 6, 3.0, 50)),
    cell('ours-audited', round(140, 6.5, 3.0, 54)),
    cell('hive-rust', round(150, 5, 3)),
  ];
  const rows = speedGoals(cells, ['people-page']);

  it('holds ours-audited against apollo on CPU (at most 0.7×) and rate (at least 1.2×)', () => {
    expect(goal(rows, '1. ours-audited gateway CPU')).toMatchObject({
      value: '0.65×',
      verdict: 'met',
    });
    expect(goal(rows, '1. ours-audited req/s')).toMatchObject({ value: '1.40×', verdict: 'met' });
  });

  it('holds durable audit to 0.9× the rate and +5 ms p99 of audit off', () => {
    expect(goal(rows, '2. ours-audited req/s')).toMatchObject({ value: '0.93×', verdict: 'met' });
    expect(goal(rows, '2. ours-audited p99')).toMatchObject({ value: '+4.0 ms', verdict: 'met' });
  });

  it('compares subgraph CPU with the recorded baseline, at least halved', () => {
    const before = SUBGRAPH_CPU_BASELINE.msPerRequest['people-page'];
    const at = (share: number) =>
      goal(
        speedGoals([cell('ours-audited', round(140, 6.5, before * share))], ['people-page']),
        '3. ours-audited subgraphs',
      );
    expect(at(0.48)).toMatchObject({
      value: `${(before * 0.48).toFixed(2)} / ${before} ms = 0.48×`,
      verdict: 'met',
    });
    expect(at(0.52).verdict).toBe('NOT met');
  });

  it('estimates the signature share from signed over unsigned subgraph CPU (cross-check)', () => {
    expect(goal(rows, '3. (cross-check)')).toMatchObject({ value: '3.3%', verdict: 'cross-check' });
    expect(goalSummary(rows).some((line) => line.includes('cross-check'))).toBe(false);
    const unmeasured = speedGoals([cells[3]], ['people-page']);
    expect(goalSummary(unmeasured).some((line) => line.includes('cross-check'))).toBe(false);
  });

  it('judges the signature share from verifications per request times their measured cost', () => {
    const direct = (micros: number) =>
      goal(
        speedGoals(cells, ['people-page'], {
          microsPerVerification: micros,
          fetchesPerRequest: new Map([['people-page', 3]]),
        }),
        '3. signature verification < 10% of subgraph CPU (measured',
      );
    // 3 fetches × 20 µs = 0.06 ms of ours-enforced's 3.0 ms.
    expect(direct(20)).toMatchObject({
      value: '2.0% (3.0 fetches × 20.0 µs / 3.00 ms)',
      verdict: 'met',
    });
    expect(direct(200).verdict).toBe('NOT met');
    expect(goal(rows, '3. signature verification < 10% of subgraph CPU (measured').verdict).toBe(
      'not measured',
    );
  });

  it('misses the Hive goal when ours-audited is slower than hive-rust', () => {
    expect(goal(rows, '4.')).toMatchObject({ value: '0.93×', verdict: 'NOT met' });
  });

  it('says not measured where a target is missing or a cell failed', () => {
    const partial = speedGoals([cell('ours-audited', round(140, 6.5, 3))], ['people-page']);
    expect(goal(partial, '1. ours-audited req/s').verdict).toBe('not measured');
    expect(goal(partial, '4.').verdict).toBe('not measured');
    const failed = summarise('people-page', 'apollo', [round(100, 10, 6)], 'check failed');
    expect(
      goal(speedGoals([cells[3], failed], ['people-page']), '1. ours-audited req/s').verdict,
    ).toBe('not measured');
  });
});

describe('signatureShare', () => {
  it('takes the median of per-round shares', () => {
    const signed = summarise('op', 's', [round(1, 1, 4), round(1, 1, 5), round(1, 1, 10)], null);
    const unsigned = summarise(
      'op',
      'u',
      [round(1, 1, 3), round(1, 1, 4.5), round(1, 1, 9.5)],
      null,
    );
    expect(signatureShare(signed, unsigned)).toBeCloseTo(0.1);
  });
});

describe('goalSummary', () => {
  it('calls a goal met only when every measured operation meets it', () => {
    const rows = [
      { goal: 'g', operation: 'a', value: '1', verdict: 'met' as const },
      { goal: 'g', operation: 'b', value: '-', verdict: 'not measured' as const },
      { goal: 'h', operation: 'a', value: '1', verdict: 'NOT met' as const },
    ];
    expect(goalSummary(rows)).toEqual(['g: met (not measured on b).', 'h: NOT met on a.']);
  });
});

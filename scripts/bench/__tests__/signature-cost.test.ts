import { counterSum, verificationMicros } from '../signature-cost';

describe('counterSum', () => {
  it('adds every series of the named counter and nothing else', () => {
    const text = [
      '# HELP shujutong_subgraph_fetch_duration_seconds Subgraph fetch time',
      'shujutong_subgraph_fetch_duration_seconds_bucket{le="0.1",subgraph="population"} 9',
      'shujutong_subgraph_fetch_duration_seconds_count{subgraph="population"} 10',
      'shujutong_subgraph_fetch_duration_seconds_count{subgraph="spatial"} 5',
      'shujutong_subgraph_fetch_duration_seconds_count_other 100',
      'shujutong_subgraph_fetch_duration_seconds_sum{subgraph="spatial"} 0.5',
    ].join('\n');
    expect(counterSum(text, 'shujutong_subgraph_fetch_duration_seconds_count')).toBe(15);
    expect(counterSum('', 'x')).toBe(0);
  });
});

describe('verificationMicros', () => {
  it('verifies every signed request (a refusal would throw) and reports a positive cost', () => {
    const micros = verificationMicros(200, 1024);
    expect(Number.isFinite(micros)).toBe(true);
    expect(micros).toBeGreaterThan(0);
  });
});

import type { BenchReport } from '../bench-report';
import { stageVerdicts } from '../bench-report';
import type { StageRatioResult } from '../bench-summary';

function row(
  operation: string,
  met: boolean | null,
  p99MaxMs: number | null = null,
): StageRatioResult {
  return {
    operation,
    numerator: 'ours-audited',
    denominator: 'ours-enforced',
    value: met === null ? null : 0.9,
    perRound: [],
    cpu: null,
    atLeast: 0.85,
    p99DeltaMs: 3,
    p99MaxMs,
    cpuAtMost: null,
    met,
  };
}

const report = (stageRatios: StageRatioResult[]) => ({ stageRatios }) as unknown as BenchReport;

describe('stageVerdicts', () => {
  it('calls a goal met only when no measured operation misses it', () => {
    expect(stageVerdicts(report([row('a', true, 5), row('b', true, 5)]))).toEqual([
      'ours-audited / ours-enforced ≥ 0.85×, p99 ≤ +5 ms: met.',
    ]);
    expect(stageVerdicts(report([row('a', true), row('b', false)]))).toEqual([
      'ours-audited / ours-enforced ≥ 0.85×: NOT met on b.',
    ]);
  });

  it('names the operations it could not measure', () => {
    expect(stageVerdicts(report([row('a', true), row('b', null)]))).toEqual([
      'ours-audited / ours-enforced ≥ 0.85×: met (not measured on b).',
    ]);
    expect(stageVerdicts(report([row('a', null)]))).toEqual([
      'ours-audited / ours-enforced ≥ 0.85×: not measured.',
    ]);
  });
});

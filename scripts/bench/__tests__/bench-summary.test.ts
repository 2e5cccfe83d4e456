import { isValid, ratio, stageRatio, summarise } from '../bench-summary';
import { measurement } from './measurement';

const round = (rate: number, gatewayCpuMs: number | null = 2, failed = 0, p99 = 40) =>
  measurement(rate, { gatewayCpuMs, graphqlErrors: failed, p99 });

describe('summarise', () => {
  it('reports medians over rounds and counts every failed response', () => {
    const cell = summarise('op', 'ours', [round(100, 2), round(300, 4), round(200, 3, 1)], null);
    expect(cell.requestsPerSecond).toBe(200);
    expect(cell.gatewayCpuMs).toBe(3);
    expect(cell.failures).toBe(1);
    expect(isValid(cell)).toBe(false);
  });

  it('has no CPU figure when a round could not read it', () => {
    expect(summarise('op', 'direct', [round(100, null)], null).gatewayCpuMs).toBeNull();
  });
});

describe('ratio', () => {
  const ours = summarise('op', 'ours', [round(300, 2), round(100, 2), round(240, 2)], null);
  const apollo = summarise('op', 'apollo', [round(100, 5), round(100, 5), round(200, 5)], null);

  it('is the median of the per-round ratios, with the CPU ratio beside it', () => {
    const r = ratio([ours, apollo], 'op', 'ours', 'apollo');
    expect(r.perRound).toEqual([3, 1, 1.2]);
    expect(r.value).toBe(1.2);
    expect(r.cpu).toBe(2.5);
  });

  it('is null when either side is missing or invalid', () => {
    expect(ratio([ours], 'op', 'ours', 'apollo').value).toBeNull();
    const failed = summarise('op', 'apollo', [round(100, 5, 3)], null);
    expect(ratio([ours, failed], 'op', 'ours', 'apollo').value).toBeNull();
  });
});

describe('stageRatio', () => {
  const off = summarise('op', 'ours-enforced', [round(100), round(100)], null);

  it('is met when the rate and the p99 difference are both within the goal', () => {
    const on = summarise('op', 'ours-audited', [round(90, 2, 0, 44), round(88, 2, 0, 44)], null);
    const r = stageRatio([on, off], 'op', {
      numerator: 'ours-audited',
      denominator: 'ours-enforced',
      atLeast: 0.85,
      p99MaxMs: 5,
    });
    expect(r.value).toBeCloseTo(0.89);
    expect(r.p99DeltaMs).toBe(4);
    expect(r.met).toBe(true);
  });

  it('is not met when the p99 rises more than allowed, however good the rate', () => {
    const on = summarise('op', 'ours-audited', [round(100, 2, 0, 46), round(100, 2, 0, 46)], null);
    expect(
      stageRatio([on, off], 'op', {
        numerator: 'ours-audited',
        denominator: 'ours-enforced',
        atLeast: 0.85,
        p99MaxMs: 5,
      }).met,
    ).toBe(false);
  });

  it('is not met below the rate, and unknown when a side was not measured', () => {
    const on = summarise('op', 'ours-enforced', [round(80), round(80)], null);
    const apollo = summarise('op', 'apollo', [round(100), round(100)], null);
    expect(
      stageRatio([on, apollo], 'op', {
        numerator: 'ours-enforced',
        denominator: 'apollo',
        atLeast: 1,
      }).met,
    ).toBe(false);
    expect(
      stageRatio([on], 'op', { numerator: 'ours-enforced', denominator: 'apollo', atLeast: 1 }).met,
    ).toBeNull();
  });

  it('holds the gateway CPU per request to its goal when one is set', () => {
    const goal = {
      numerator: 'ours-audited',
      denominator: 'ours-unguarded',
      atLeast: 0,
      cpuAtMost: 1.03,
    };
    const unguarded = summarise('op', 'ours-unguarded', [round(100, 5), round(100, 5)], null);
    const within = summarise('op', 'ours-audited', [round(100, 5.1), round(100, 5.1)], null);
    expect(stageRatio([within, unguarded], 'op', goal).met).toBe(true);
    const costly = summarise('op', 'ours-audited', [round(100, 5.5), round(100, 5.5)], null);
    expect(stageRatio([costly, unguarded], 'op', goal).met).toBe(false);
  });
});

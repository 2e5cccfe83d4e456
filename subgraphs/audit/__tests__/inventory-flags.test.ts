import {
  chinaMonthOf,
  chinaMonthsBefore,
  frequencyOf,
  inventoryFlags,
  judgedMonths,
  observedFrequency,
  RegistryEntry,
} from '../inventory-flags';

const NOW = '2026-12-06T04:00:00.000Z';
const entry = (over: Partial<RegistryEntry> = {}): RegistryEntry => ({
  usageFrequency: 'DAILY',
  needsSharedData: true,
  status: 'ACTIVE',
  registeredAt: '2025-01-10T00:00:00.000Z',
  ...over,
});
const busy = (months: string[], requests = 30) => months.map((month) => ({ month, requests }));

describe('inventory flags', () => {
  it('dates months in China time: 16:00 UTC on the last day is the next month', () => {
    expect(chinaMonthOf('2026-08-31T15:59:59.999Z')).toBe('2026-08');
    expect(chinaMonthOf('2026-08-31T16:00:00.000Z')).toBe('2026-09');
    expect(judgedMonths('2026-11-30T16:30:00.000Z', { idleMonths: 3, frequencySteps: 2 })).toEqual([
      '2026-09',
      '2026-10',
      '2026-11',
    ]);
  });

  it('counts idle months back on the China calendar, clamping the day', () => {
    // 31 May 08:00 China time less 3 months: 28 February 08:00 China time.
    expect(chinaMonthsBefore('2026-05-31T00:00:00.000Z', 3)).toBe('2026-02-28T00:00:00.000Z');
    expect(chinaMonthsBefore(NOW, 3)).toBe('2026-09-06T04:00:00.000Z');
  });

  it('maps average monthly requests to a frequency', () => {
    expect(frequencyOf(0)).toBeNull();
    expect(frequencyOf(0.1)).toBe('RARELY');
    expect(frequencyOf(1 / 3)).toBe('QUARTERLY');
    expect(frequencyOf(1)).toBe('MONTHLY');
    expect(frequencyOf(4)).toBe('WEEKLY');
    expect(frequencyOf(19)).toBe('WEEKLY');
    expect(frequencyOf(20)).toBe('DAILY');
    // Months without a row count as none.
    expect(
      observedFrequency([{ month: '2026-10', requests: 60 }], ['2026-09', '2026-10', '2026-11']),
    ).toBe('DAILY');
  });

  it('does not flag a system registered last week that has not called yet as a zombie', () => {
    const flags = inventoryFlags(
      entry({ registeredAt: '2026-11-29T00:00:00.000Z' }),
      [],
      null,
      NOW,
    );
    expect(flags.zombieCandidate).toBe(false);
    // It needs shared data and never called: not connected, whatever its age.
    expect(flags).toMatchObject({ notConnected: true, reasons: ['NEVER_CALLED'] });
    expect(
      inventoryFlags(
        entry({ registeredAt: '2026-11-29T00:00:00.000Z', needsSharedData: false }),
        [],
        null,
        NOW,
      ),
    ).toEqual({ zombieCandidate: false, notConnected: false, reasons: [] });
  });

  it('flags a system idle for the configured months, to the millisecond', () => {
    const months = ['2026-09', '2026-10', '2026-11'];
    const rules = { idleMonths: 3, frequencySteps: 9 };
    const at = (last: string) => inventoryFlags(entry(), busy(months), last, NOW, rules);
    expect(at('2026-09-06T04:00:00.000Z').reasons).toEqual(['IDLE']);
    expect(at('2026-09-06T04:00:00.001Z').reasons).toEqual([]);
    // Never called and registered long ago: idle and not connected.
    expect(inventoryFlags(entry(), [], null, NOW, rules)).toEqual({
      zombieCandidate: true,
      notConnected: true,
      reasons: ['IDLE', 'NEVER_CALLED'],
    });
  });

  it('flags use far below the declared frequency over the whole months before this one', () => {
    const months = ['2026-09', '2026-10', '2026-11'];
    const last = '2026-12-01T00:00:00.000Z';
    // DAILY declared, about weekly observed: one step, not far below.
    expect(inventoryFlags(entry(), busy(months, 8), last, NOW).reasons).toEqual([]);
    // DAILY declared, monthly observed: two steps.
    expect(inventoryFlags(entry(), busy(months, 2), last, NOW).reasons).toEqual([
      'FAR_BELOW_DECLARED',
    ]);
    // This month's traffic does not count for the judged months.
    expect(
      inventoryFlags(entry(), [{ month: '2026-12', requests: 500 }], last, NOW).reasons,
    ).toEqual(['FAR_BELOW_DECLARED']);
    // RARELY declared can never be far below.
    expect(inventoryFlags(entry({ usageFrequency: 'RARELY' }), [], last, NOW).reasons).toEqual([]);
    // Registered inside the window (1 October, China time): not judged on a partial window.
    expect(
      inventoryFlags(entry({ registeredAt: '2026-09-30T16:00:00.000Z' }), [], last, NOW).reasons,
    ).toEqual([]);
    expect(
      inventoryFlags(entry({ registeredAt: '2026-08-31T15:59:59.999Z' }), [], last, NOW).reasons,
    ).toEqual(['FAR_BELOW_DECLARED']);
  });

  it('gives a retired system no flag', () => {
    expect(inventoryFlags(entry({ status: 'RETIRED' }), [], null, NOW)).toEqual({
      zombieCandidate: false,
      notConnected: false,
      reasons: [],
    });
  });
});

import { readDrainSettings } from '../drain';

describe('drain settings (GATEWAY_DRAIN_*)', () => {
  it('defaults to a 2 s delay within a 30 s bound', () => {
    expect(readDrainSettings({})).toEqual({ drainDelayMs: 2000, drainTimeoutMs: 30_000 });
  });

  it('reads both', () => {
    expect(
      readDrainSettings({ GATEWAY_DRAIN_DELAY_MS: '0', GATEWAY_DRAIN_TIMEOUT_MS: '5000' }),
    ).toEqual({ drainDelayMs: 0, drainTimeoutMs: 5000 });
  });

  it('refuses a bound no longer than the delay, and values that are not milliseconds', () => {
    expect(() =>
      readDrainSettings({ GATEWAY_DRAIN_DELAY_MS: '5000', GATEWAY_DRAIN_TIMEOUT_MS: '5000' }),
    ).toThrow(/GATEWAY_DRAIN_TIMEOUT_MS \(5000\) must be longer than GATEWAY_DRAIN_DELAY_MS/);
    expect(() => readDrainSettings({ GATEWAY_DRAIN_DELAY_MS: '2s' })).toThrow(
      /GATEWAY_DRAIN_DELAY_MS must be milliseconds/,
    );
  });
});

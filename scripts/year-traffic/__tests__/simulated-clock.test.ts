import { installSimulatedClock } from '../simulated-clock';

const START = Date.parse('2025-03-03T01:00:00Z');

describe('installSimulatedClock', () => {
  it('makes new Date() and Date.now() read the simulated time, moving only forward', () => {
    const clock = installSimulatedClock(START);
    try {
      expect(Math.abs(Date.now() - START)).toBeLessThan(1000);
      expect(new Date().getUTCFullYear()).toBe(2025);
      const later = START + 40 * 86_400_000;
      expect(clock.setTime(later)).toBeGreaterThanOrEqual(later);
      expect(new Date().toISOString().slice(0, 10)).toBe('2025-04-12');
      // Back in time is ignored: no record may be stamped before the one it follows.
      expect(clock.setTime(START)).toBeGreaterThanOrEqual(later);
    } finally {
      clock.uninstall();
    }
    expect(new Date().getUTCFullYear()).not.toBe(2025);
  });

  it('refuses a second install and uninstalls idempotently', () => {
    const clock = installSimulatedClock(START);
    try {
      expect(() => installSimulatedClock(START)).toThrow(/already installed/);
    } finally {
      clock.uninstall();
      clock.uninstall();
    }
    expect(clock.installed).toBe(false);
    expect(() => clock.setTime(START)).toThrow(/uninstalled/);
    installSimulatedClock(START).uninstall();
  });
});

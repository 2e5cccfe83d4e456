import { ReplayGuard } from '../request-signature';

describe('ReplayGuard', () => {
  it('admits a signature once within the window', () => {
    const guard = new ReplayGuard(10, 60_000);
    expect(guard.admit('a', 1000, 1000)).toBe(true);
    expect(guard.admit('a', 1000, 30_000)).toBe(false);
    expect(guard.admit('b', 1001, 30_000)).toBe(true);
  });

  it('forgets signatures once they are older than the window (they are refused as stale by then)', () => {
    const guard = new ReplayGuard(10, 60_000);
    guard.admit('a', 1000, 1000);
    guard.admit('b', 50_000, 50_000);
    guard.admit('c', 70_000, 70_000);
    expect(guard.size).toBe(2);
  });

  it('when full, drops the oldest and refuses anything signed at or before it, so nothing forgotten can be replayed', () => {
    const guard = new ReplayGuard(3, 60_000);
    for (const [sig, at] of [
      ['a', 100],
      ['b', 200],
      ['c', 300],
    ] as const)
      expect(guard.admit(sig, at, 400)).toBe(true);
    expect(guard.oldestAccepted).toBe(-Infinity);
    expect(guard.admit('d', 400, 400)).toBe(true);
    expect(guard.size).toBe(3);
    // 'a' was forgotten: the floor now refuses its timestamp.
    expect(guard.oldestAccepted).toBe(100);
    expect(guard.admit('b', 200, 400)).toBe(false);
  });
});

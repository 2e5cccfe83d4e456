/**
 * Simulated time for the year-traffic generator: the global `Date` (and nothing else) is replaced
 * by @sinonjs/fake-timers, so everything in this process that asks `new Date()` or `Date.now()`
 * at the moment it works (the gateway's request arrival, hence the audit record's time; the
 * sharing subgraph's clock for applications, due dates and error reports; token issue and
 * verification) sees the simulated day. Timers stay real: sockets, fsync groups, the audit
 * shipper and the HTTP client keep running on the machine's time.
 *
 * The simulated time flows with real time between jumps (a request's latency is real), and only
 * ever moves forward: a jump to an earlier instant is ignored, so no record is stamped before
 * the one it follows.
 *
 * Code that captured the `Date.now` function before install (e.g. `options.now ?? Date.now` in a
 * factory) keeps reading the machine's clock; in the gateway that is request signing (both of its
 * ends), the grant and registry caches' lifetimes and the subject-quota day.
 */
import { withGlobal } from '@sinonjs/fake-timers';

export interface SimulatedClock {
  /** The simulated time, epoch milliseconds. */
  now(): number;
  /** Jumps forward to `ms`; an earlier instant leaves the clock where it is. Returns the time now. */
  setTime(ms: number): number;
  /** Puts the real `Date` back; idempotent. */
  uninstall(): void;
  readonly installed: boolean;
}

let current: SimulatedClock | null = null;

/**
 * Replaces the global Date with one starting at `startMs`. Refuses a second install while one is
 * in place: two simulations fighting over one Date would stamp records at random.
 */
export function installSimulatedClock(startMs: number): SimulatedClock {
  if (current?.installed)
    throw new Error('a simulated clock is already installed: uninstall it first');
  if (!Number.isFinite(startMs)) throw new Error(`not a time: ${String(startMs)}`);
  const fake = withGlobal(globalThis).install({
    toFake: ['Date'],
    now: startMs,
    // Time passes during a request as it does for real, so latencies are real ones.
    shouldAdvanceTime: true,
    advanceTimeDelta: 5,
  });
  let installed = true;
  const clock: SimulatedClock = {
    now: () => fake.now,
    setTime(ms) {
      if (!installed) throw new Error('the simulated clock was uninstalled');
      if (ms > fake.now) fake.setSystemTime(ms);
      return fake.now;
    },
    uninstall() {
      if (!installed) return;
      installed = false;
      fake.uninstall();
      if (current === clock) current = null;
    },
    get installed() {
      return installed;
    },
  };
  current = clock;
  return clock;
}

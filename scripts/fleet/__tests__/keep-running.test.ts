import type { ChildService } from '../../start/child-service';
import { DEFAULT_BACKOFF, keepRunning, nextRestartDelay } from '../keep-running';

/** A process that exits when told to, as a crash would. */
function fakeChild(name: string) {
  let exit!: (how: { code: number | null; signal: NodeJS.Signals | null }) => void;
  let done = false;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    exit = (how) => {
      done = true;
      resolve(how);
    };
  });
  const child = {
    name,
    process: undefined as never,
    exited,
    hasExited: () => done,
    stop: jest.fn(async () => exit({ code: 0, signal: null })),
  } satisfies ChildService;
  return { child, crash: () => exit({ code: null, signal: 'SIGKILL' }) };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('keeping a fleet gateway running', () => {
  it('waits one second before the first restart, then doubles while it keeps dying quickly', () => {
    expect(nextRestartDelay(null, 10)).toBe(1000);
    expect(nextRestartDelay(1000, 10)).toBe(2000);
    expect(nextRestartDelay(16_000, 10)).toBe(30_000);
    expect(nextRestartDelay(30_000, 10)).toBe(30_000);
  });

  it('starts the backoff afresh after a process that lived a minute', () => {
    expect(nextRestartDelay(30_000, DEFAULT_BACKOFF.resetAfterMs)).toBe(1000);
  });

  it('starts a dead gateway again, under the same name, and counts the restarts', async () => {
    const started: ReturnType<typeof fakeChild>[] = [];
    const waits: number[] = [];
    const kept = keepRunning(
      () => {
        const c = fakeChild('gateway-2');
        started.push(c);
        return c.child;
      },
      { log: () => {}, sleep: async (ms) => void waits.push(ms), now: () => 0 },
    );
    started[0]!.crash();
    await flush();
    await flush();
    expect(started).toHaveLength(2);
    expect(kept.current()).toBe(started[1]!.child);
    started[1]!.crash();
    await flush();
    await flush();
    expect(started).toHaveLength(3);
    expect(waits).toEqual([1000, 2000]);
    expect(kept.restarts()).toBe(2);
  });

  it('does not start again what the fleet stopped, even while waiting to', async () => {
    const started: ReturnType<typeof fakeChild>[] = [];
    let release!: () => void;
    const kept = keepRunning(
      () => {
        const c = fakeChild('gateway-1');
        started.push(c);
        return c.child;
      },
      { log: () => {}, sleep: () => new Promise<void>((resolve) => (release = resolve)) },
    );
    started[0]!.crash();
    await flush();
    await kept.stop();
    release();
    await flush();
    expect(started).toHaveLength(1);

    const other = keepRunning(() => fakeChild('gateway-3').child, { log: () => {} });
    await other.stop();
    await flush();
    expect(other.restarts()).toBe(0);
  });
});

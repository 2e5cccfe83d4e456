import { drainOnSignal } from '../drain-on-signal';
import type { PlatformGateway } from '../platform-gateway';

function fakeGateway(drain: () => Promise<void>) {
  const calls: string[] = [];
  const running = {
    gateway: { startDraining: () => void calls.push('startDraining') },
    drain: () => {
      calls.push('drain');
      return drain();
    },
  } as unknown as PlatformGateway;
  return { running, calls };
}

function harness(drain: () => Promise<void>, settings = { drainDelayMs: 50, drainTimeoutMs: 300 }) {
  const { running, calls } = fakeGateway(drain);
  const lines: string[] = [];
  const handlers = new Map<string, () => void>();
  let resolveExit!: (code: number) => void;
  const exited = new Promise<number>((resolve) => (resolveExit = resolve));
  drainOnSignal(
    running,
    settings,
    (line) => lines.push(line),
    (code) => resolveExit(code),
    (signal, handler) => void handlers.set(signal, handler),
  );
  return { calls, lines, exited, signal: (name: string) => handlers.get(name)!() };
}

describe('drain on SIGTERM', () => {
  it('turns not ready at once, drains after the delay, and exits 0', async () => {
    const h = harness(async () => undefined);
    const started = Date.now();
    h.signal('SIGTERM');
    expect(h.calls).toEqual(['startDraining']);
    expect(await h.exited).toBe(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    expect(h.calls).toEqual(['startDraining', 'drain']);
    expect(h.lines.at(-1)).toMatch(/drained in \d+ ms: stopped/);
  });

  it('exits 1 saying so when the drain outlasts GATEWAY_DRAIN_TIMEOUT_MS', async () => {
    const h = harness(() => new Promise<void>(() => undefined));
    h.signal('SIGTERM');
    h.signal('SIGINT');
    expect(await h.exited).toBe(1);
    expect(h.calls).toEqual(['startDraining', 'drain']);
    expect(h.lines.at(-1)).toMatch(/did not finish within GATEWAY_DRAIN_TIMEOUT_MS \(300 ms\)/);
  });
});

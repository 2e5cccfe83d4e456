/**
 * A gateway of the fleet that dies is started again, as a service manager (systemd's
 * `Restart=on-failure`) would in production: nginx sends its traffic to the others meanwhile,
 * and the new process recovers the same instance's journal. Stopping the fleet stops it for
 * good. A process that keeps dying is restarted ever more slowly, so a broken configuration
 * does not spin.
 */
import type { ChildService } from '../start/child-service';

export interface RestartBackoff {
  /** Wait before the first restart. @default 1000 */
  readonly initialMs: number;
  /** The wait doubles per quick death, up to this. @default 30000 */
  readonly maxMs: number;
  /** A process that ran this long before dying starts the backoff afresh. @default 60000 */
  readonly resetAfterMs: number;
}

export const DEFAULT_BACKOFF: RestartBackoff = {
  initialMs: 1000,
  maxMs: 30_000,
  resetAfterMs: 60_000,
};

/** The wait before the next start, given the last wait and how long the process lived. */
export function nextRestartDelay(
  previousMs: number | null,
  livedMs: number,
  backoff: RestartBackoff = DEFAULT_BACKOFF,
): number {
  if (previousMs === null || livedMs >= backoff.resetAfterMs) return backoff.initialMs;
  return Math.min(previousMs * 2, backoff.maxMs);
}

export interface KeptService {
  readonly name: string;
  /** The process running now (a new one after each restart). */
  current(): ChildService;
  /** How many times it was started again. */
  restarts(): number;
  /** Stops it for good: no restart after this. */
  stop(graceMs?: number): Promise<void>;
}

export function keepRunning(
  start: () => ChildService,
  options: {
    log: (line: string) => void;
    backoff?: RestartBackoff;
    now?: () => number;
    sleep?: (ms: number) => Promise<void>;
  },
): KeptService {
  const now = options.now ?? Date.now;
  const sleep =
    options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let child = start();
  let stopped = false;
  let restarts = 0;
  let delay: number | null = null;

  const watch = (running: ChildService, startedAt: number): void => {
    void running.exited.then(async ({ code, signal }) => {
      if (stopped) return;
      delay = nextRestartDelay(delay, now() - startedAt, options.backoff);
      options.log(
        `${running.name} exited (${signal ? `signal ${signal}` : `code ${code}`}); starting it again in ${delay} ms`,
      );
      await sleep(delay);
      if (stopped) return;
      child = start();
      restarts++;
      watch(child, now());
    });
  };
  watch(child, now());

  return {
    name: child.name,
    current: () => child,
    restarts: () => restarts,
    async stop(graceMs) {
      stopped = true;
      await child.stop(graceMs);
    },
  };
}

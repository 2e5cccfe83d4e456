/**
 * Keeps the platform whole: a child that dies takes the platform down with a report, rather
 * than leaving a gateway that answers SUBGRAPH_UNAVAILABLE for a service nobody restarts; a
 * shutdown (Ctrl-C, SIGTERM) stops every child before the supervisor exits.
 */
import type { ChildService } from './child-service';

/**
 * On Ctrl-C the terminal signals the children too, and one may exit before our own handler
 * has run: wait this long before calling an exit unexpected.
 */
const SIGNAL_RACE_MS = 200;

export class Supervisor {
  private readonly children: ChildService[] = [];
  private readonly onShutdown: (() => Promise<void>)[] = [];
  private stopping: Promise<void> | null = null;

  constructor(
    private readonly log: (line: string) => void,
    private readonly exit: (code: number) => void,
  ) {}

  get isStopping(): boolean {
    return this.stopping !== null;
  }

  watch(child: ChildService): void {
    this.children.push(child);
    void child.exited.then(async ({ code, signal }) => {
      if (this.stopping) return;
      await new Promise((resolve) => setTimeout(resolve, SIGNAL_RACE_MS));
      if (this.stopping) return;
      this.log(
        `${child.name} exited unexpectedly (${signal ? `signal ${signal}` : `code ${code}`}); stopping the platform`,
      );
      await this.shutdown(1);
    });
  }

  /** Runs first on shutdown (e.g. stop the gateway before the subgraphs it calls). */
  beforeChildrenStop(fn: () => Promise<void>): void {
    this.onShutdown.push(fn);
  }

  shutdown(code: number): Promise<void> {
    this.stopping ??= (async () => {
      for (const fn of this.onShutdown)
        await fn().catch((err: unknown) => this.log(`shutdown: ${String(err)}`));
      await Promise.all(this.children.map((c) => c.stop()));
      this.exit(code);
    })();
    return this.stopping;
  }

  /** SIGINT and SIGTERM stop everything and exit 0. */
  handleSignals(): void {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        this.log(`${signal}: stopping the platform`);
        void this.shutdown(0);
      });
    }
  }
}

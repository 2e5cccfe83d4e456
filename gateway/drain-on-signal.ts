/**
 * Leaving a fleet without losing a request, on SIGTERM or SIGINT: readiness turns 503 at once
 * (and responses close their connections); after `drainDelayMs` the listener closes; requests in
 * flight finish; the audit trail is flushed and shipped as far as the database allows; exit 0.
 * The whole drain is bounded by `drainTimeoutMs`: past it, exit 1 (what the journal still holds
 * is shipped by the next start on it). A second signal does not cut the drain short.
 */
import type { DrainSettings } from './config/drain';
import type { PlatformGateway } from './platform-gateway';

export function drainOnSignal(
  running: PlatformGateway,
  settings: DrainSettings,
  log: (line: string) => void,
  exit: (code: number) => void = (code) => process.exit(code),
  onSignal: (signal: NodeJS.Signals, handler: () => void) => void = (signal, handler) =>
    void process.on(signal, handler),
): void {
  let draining = false;
  const drain = (signal: string) => {
    if (draining) return;
    draining = true;
    const started = Date.now();
    running.gateway.startDraining();
    log(
      `[gateway] ${signal}: draining (not ready; closing the listener in ${settings.drainDelayMs} ms)`,
    );
    const deadline = setTimeout(() => {
      log(
        `[gateway] drain did not finish within GATEWAY_DRAIN_TIMEOUT_MS (${settings.drainTimeoutMs} ms): exiting with requests or audit records unfinished`,
      );
      exit(1);
    }, settings.drainTimeoutMs);
    new Promise((resolve) => setTimeout(resolve, settings.drainDelayMs))
      .then(() => running.drain())
      .then(
        () => {
          clearTimeout(deadline);
          log(`[gateway] drained in ${Date.now() - started} ms: stopped`);
          exit(0);
        },
        (err: unknown) => {
          clearTimeout(deadline);
          log(`[gateway] drain failed: ${err instanceof Error ? err.message : String(err)}`);
          exit(1);
        },
      );
  };
  onSignal('SIGTERM', () => drain('SIGTERM'));
  onSignal('SIGINT', () => drain('SIGINT'));
}

/**
 * Counts the requests a server is answering, so a draining gateway can close its listener and
 * still finish them. Once the listener is closed (`closeConnections()`), every response says
 * `Connection: close`: the client (nginx) drops its kept-alive connection after that answer,
 * instead of the gateway closing a connection on which the next request may be arriving (a POST
 * lost that way could not be retried safely).
 */
import type http from 'node:http';

export interface InFlight {
  /** Wraps the server's request listener. */
  track(listener: http.RequestListener): http.RequestListener;
  readonly count: number;
  /** Readiness is false from startDraining() on. */
  readonly draining: boolean;
  startDraining(): void;
  /** From now on responses close their connection. */
  closeConnections(): void;
  /** Resolves when no request is in flight. */
  idle(): Promise<void>;
}

export function inFlightRequests(): InFlight {
  let count = 0;
  let draining = false;
  let closing = false;
  let waiters: (() => void)[] = [];
  const done = () => {
    count--;
    if (count === 0) {
      const ready = waiters;
      waiters = [];
      for (const resolve of ready) resolve();
    }
  };
  return {
    track: (listener) => (req, res) => {
      count++;
      res.once('close', done);
      if (closing) res.setHeader('connection', 'close');
      listener(req, res);
    },
    get count() {
      return count;
    },
    get draining() {
      return draining;
    },
    startDraining() {
      draining = true;
    },
    closeConnections() {
      draining = true;
      closing = true;
    },
    idle: () =>
      count === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve)),
  };
}

/**
 * The gateway's libraries log through a plain `(line: string) => void` callback (tests pass
 * their own, and the libraries stay free of a logging framework). At the process entry that
 * callback becomes this adapter: each line goes to the structured logger at the level its words
 * say, with the `[component]` prefix also as a field, so an operator can alert on `level: "error"`
 * without knowing every message.
 */
import type { GatewayLogger } from './gateway-logger';

export type LineLog = (line: string) => void;

type LineLevel = 'error' | 'warn' | 'info';

const PREFIX = /^\[([a-z][a-z0-9-]*)\] ?/;

/** Words the gateway's lines use for an outage or an attack: someone must act. */
const ERROR_WORDS =
  /^(UNAVAILABLE|SECURITY)\b|\b(failed|unhandled|internal error|could not record)\b/i;
/** Degradation and loud switches: serving, but not as configured for production. */
const WARN_WORDS =
  /^(WARNING|DEGRADED)\b|\b(could not|cannot|ignored|did not|unavailable|not for production|development (key|secret))\b/i;

/** The level a line of the gateway's libraries is logged at, read from its words. */
export function levelOfLine(message: string): LineLevel {
  if (ERROR_WORDS.test(message)) return 'error';
  if (WARN_WORDS.test(message)) return 'warn';
  return 'info';
}

/** `[audit] UNAVAILABLE: …` → component `audit`, message `UNAVAILABLE: …`. */
export function splitLine(line: string): { component: string | null; message: string } {
  const match = PREFIX.exec(line);
  return match
    ? { component: match[1], message: line.slice(match[0].length) }
    : { component: null, message: line };
}

const loggers = new WeakMap<LineLog, GatewayLogger>();

/** A line callback that writes through `logger`. */
export function lineLog(logger: GatewayLogger): LineLog {
  const log: LineLog = (line) => {
    const { component, message } = splitLine(line);
    // The whole line stays the message: what operators (and runbooks) grep for keeps matching.
    logger[levelOfLine(message)](component ? { component } : {}, line);
  };
  loggers.set(log, logger);
  return log;
}

/**
 * The structured logger behind a line callback made by lineLog, or null for any other callback
 * (a test's). Stages that write structured lines (the access log) write them only then.
 */
export function structuredLoggerOf(log: LineLog): GatewayLogger | null {
  return loggers.get(log) ?? null;
}

/**
 * The gateway's logger: JSON lines on stderr (or a given stream) with `level` as a word, `time`
 * in ISO 8601 and `msg`, which log shippers (Loki, Fluent Bit, journald) parse without a
 * pattern. Requests add their `requestId`, so a line can be matched to the caller's
 * X-Request-Id and to the audit record.
 */
import pino, { type DestinationStream, type Logger } from 'pino';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export const LOG_LEVELS: readonly LogLevel[] = [
  'fatal',
  'error',
  'warn',
  'info',
  'debug',
  'trace',
  'silent',
];

export interface GatewayLoggerOptions {
  /** Lines below this level are not written (`LOG_LEVEL`). @default 'info' */
  readonly level?: LogLevel;
  /** Where lines go. @default stderr (stdout stays free for what a command prints) */
  readonly destination?: DestinationStream;
}

export type GatewayLogger = Logger;

export function createGatewayLogger(options: GatewayLoggerOptions = {}): GatewayLogger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { service: 'gateway' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    options.destination ?? pino.destination({ fd: 2, sync: false }),
  );
}

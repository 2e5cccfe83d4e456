/** Structured JSON logs of the gateway process (pino): the logger, the line adapter and the access line. */
export { createGatewayLogger, LOG_LEVELS } from './gateway-logger';
export type { GatewayLogger, GatewayLoggerOptions, LogLevel } from './gateway-logger';
export { levelOfLine, lineLog, splitLine, structuredLoggerOf } from './line-log';
export type { LineLog } from './line-log';
export { logAccess } from './access-log';
export type { AccessEntry } from './access-log';

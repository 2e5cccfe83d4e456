/** How much the gateway process logs (gateway/logging/). */
import type { SettingsEnv } from '../../contracts/settings/setting-values';
import { LOG_LEVELS, LogLevel } from '../logging/gateway-logger';

export interface LoggingSettings {
  /**
   * Lines below this level are not written (`LOG_LEVEL`): fatal, error, warn, info, debug,
   * trace or silent. Access lines are info. @default 'info'
   */
  readonly logLevel: LogLevel;
}

function isLogLevel(value: string): value is LogLevel {
  return (LOG_LEVELS as readonly string[]).includes(value);
}

export function readLoggingSettings(env: SettingsEnv): LoggingSettings {
  const value = env.LOG_LEVEL;
  if (value === undefined || value === '') return Object.freeze({ logLevel: 'info' });
  if (!isLogLevel(value))
    throw new Error(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${value}"`);
  return Object.freeze({ logLevel: value });
}

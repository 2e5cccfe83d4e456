/**
 * Settings of error reports and corrections (校核), read and validated once from the environment
 * beside the sharing workflow's (sharing-settings.ts); an invalid value stops start-up naming the
 * variable. The working-day calendar is the workflow's (SHARING_HOLIDAYS, SHARING_MAKEUP_WORKDAYS).
 */
import type { SettingsEnv } from '../../contracts/settings/setting-values';

export interface ErrorReportSettings {
  /**
   * Working days the owner has to correct or reject a report (`SHARING_CORRECTION_WORKING_DAYS`),
   * counted like the reply to an application (working-days.ts).
   * @default 5
   */
  readonly correctionWorkingDays: number;
  /**
   * Reports one department may file per China day (`SHARING_ERROR_REPORTS_PER_DAY`): a bound on
   * flooding an owner's queue, and on using reports to make an owner handle arbitrary ID numbers.
   * @default 100
   */
  readonly reportsPerDay: number;
}

export const DEFAULT_CORRECTION_WORKING_DAYS = 5;
export const DEFAULT_ERROR_REPORTS_PER_DAY = 100;

function wholeNumber(
  env: SettingsEnv,
  variable: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const raw = env[variable];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new Error(`${variable} must be a whole number from ${min} to ${max}, got "${raw}"`);
  return value;
}

export function readErrorReportSettings(env: SettingsEnv = process.env): ErrorReportSettings {
  return Object.freeze({
    correctionWorkingDays: wholeNumber(
      env,
      'SHARING_CORRECTION_WORKING_DAYS',
      DEFAULT_CORRECTION_WORKING_DAYS,
      1,
      60,
    ),
    reportsPerDay: wholeNumber(
      env,
      'SHARING_ERROR_REPORTS_PER_DAY',
      DEFAULT_ERROR_REPORTS_PER_DAY,
      1,
      100_000,
    ),
  });
}

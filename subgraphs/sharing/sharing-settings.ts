/**
 * The sharing workflow's settings, read and validated once from the environment (with the Redis
 * of its notices in sharing-service.ts, and what every subgraph reads in kit/subgraph-config.ts).
 * An invalid value stops start-up with a message naming the variable.
 */
import path from 'node:path';
import { DEFAULT_SUBJECT_QUOTA, subjectQuotaProblem } from '../../domain/subject-quota';
import { SCHEMA_DIR } from '../../contracts/schema-files';
import type { SettingsEnv } from '../../contracts/settings/setting-values';
import { WorkingCalendar } from './working-days';

export interface SharingSettings {
  /**
   * Working days the owner has to answer (`SHARING_REPLY_WORKING_DAYS`). 国发〔2016〕51号 says 10;
   * configurable because the 2025 regulation (《政务数据共享条例》) may set another limit.
   * @default 10
   */
  readonly replyWorkingDays: number;
  /**
   * Public holidays (`SHARING_HOLIDAYS`) and make-up working days (`SHARING_MAKEUP_WORKDAYS`),
   * comma-separated YYYY-MM-DD. Statutory holidays are not built in: they are announced yearly.
   * @default none: Monday to Friday
   */
  readonly calendar: WorkingCalendar;
  /**
   * The supergraph whose classification decides what may be applied for (`SUPERGRAPH_PATH`, the
   * same variable the gateway reads, so both judge against the same schema).
   * @default schema/supergraph.graphql
   */
  readonly supergraphPath: string;
  /**
   * The daily subject quota an approval sets unless the owner chooses another
   * (`SHARING_DEFAULT_SUBJECT_QUOTA`): distinct people or legal entities per application, grant
   * and China day. Shown to the owner on the pending request. @default 1000
   */
  readonly defaultSubjectQuota: number;
}

export const DEFAULT_REPLY_WORKING_DAYS = 10;

function dateList(env: SettingsEnv, variable: string): Set<string> {
  const value = env[variable];
  const dates = new Set<string>();
  if (!value) return dates;
  for (const part of value.split(/[\s,]+/).filter(Boolean)) {
    const t = Date.parse(`${part}T00:00:00Z`);
    if (
      !/^\d{4}-\d{2}-\d{2}$/.test(part) ||
      Number.isNaN(t) ||
      new Date(t).toISOString().slice(0, 10) !== part
    ) {
      throw new Error(`${variable} must be comma-separated dates (YYYY-MM-DD), got "${part}"`);
    }
    dates.add(part);
  }
  return dates;
}

export function readSharingSettings(env: SettingsEnv = process.env): SharingSettings {
  const raw = env.SHARING_REPLY_WORKING_DAYS;
  const replyWorkingDays =
    raw === undefined || raw === '' ? DEFAULT_REPLY_WORKING_DAYS : Number(raw);
  if (!Number.isInteger(replyWorkingDays) || replyWorkingDays < 1 || replyWorkingDays > 60) {
    throw new Error(
      `SHARING_REPLY_WORKING_DAYS must be a whole number of working days from 1 to 60, got "${raw}"`,
    );
  }
  const holidays = dateList(env, 'SHARING_HOLIDAYS');
  const makeUpWorkdays = dateList(env, 'SHARING_MAKEUP_WORKDAYS');
  const both = [...holidays].filter((d) => makeUpWorkdays.has(d));
  if (both.length)
    throw new Error(`SHARING_HOLIDAYS and SHARING_MAKEUP_WORKDAYS both list ${both.join(', ')}`);
  const rawQuota = env.SHARING_DEFAULT_SUBJECT_QUOTA;
  const defaultSubjectQuota =
    rawQuota === undefined || rawQuota === '' ? DEFAULT_SUBJECT_QUOTA : Number(rawQuota);
  const quotaProblem = subjectQuotaProblem(defaultSubjectQuota);
  if (quotaProblem)
    throw new Error(
      `SHARING_DEFAULT_SUBJECT_QUOTA: ${quotaProblem.replace(String(defaultSubjectQuota), `"${rawQuota}"`)}`,
    );
  return Object.freeze({
    replyWorkingDays,
    defaultSubjectQuota,
    calendar: Object.freeze({ holidays, makeUpWorkdays }),
    supergraphPath: env.SUPERGRAPH_PATH
      ? path.resolve(env.SUPERGRAPH_PATH)
      : path.join(SCHEMA_DIR, 'supergraph.graphql'),
  });
}

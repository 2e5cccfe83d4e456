/** The grants' daily subject quotas (gateway/quotas/): how many distinct people or entities a grant may serve. */
import { SettingsEnv, switchSetting } from '../../contracts/settings/setting-values';

export interface QuotaSettings {
  /**
   * Enforce the grants' daily subject quotas (`GATEWAY_SUBJECT_QUOTAS`). Off only to measure what
   * they cost (benchmarks); the gateway then warns at every start. @default true
   */
  readonly subjectQuotas: boolean;
}

export function readQuotaSettings(env: SettingsEnv): QuotaSettings {
  return Object.freeze({ subjectQuotas: switchSetting(env, 'GATEWAY_SUBJECT_QUOTAS', true) });
}

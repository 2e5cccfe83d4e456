/** How the sharing policy enforces. */
import type { SettingsEnv } from '../../contracts/settings/setting-values';
import type { PolicyMode } from '../policy/policy-plan';

export interface PolicySettings {
  /**
   * How the sharing policy enforces (`SHARING_POLICY_MODE`): `filter` withholds fields with a
   * null and a FORBIDDEN_FIELD error each; `reject` refuses the whole operation (HTTP 403) if it
   * asks for any withheld field; `dry-run` serves everything and only reports what it would
   * withhold (rolling out the policy; it serves conditional and personal data as if granted,
   * and the gateway warns loudly at start). @default 'filter'
   */
  readonly sharingPolicyMode: PolicyMode;
}

const POLICY_MODES: readonly PolicyMode[] = ['filter', 'reject', 'dry-run'];

function isPolicyMode(value: string): value is PolicyMode {
  return (POLICY_MODES as readonly string[]).includes(value);
}

export function readPolicySettings(env: SettingsEnv): PolicySettings {
  const value = env.SHARING_POLICY_MODE;
  if (value === undefined || value === '') return Object.freeze({ sharingPolicyMode: 'filter' });
  if (!isPolicyMode(value)) {
    throw new Error(
      `SHARING_POLICY_MODE must be one of ${POLICY_MODES.join(', ')}, got "${value}"`,
    );
  }
  return Object.freeze({ sharingPolicyMode: value });
}

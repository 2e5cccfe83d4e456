/**
 * When the audit subgraph flags an application as probing (probing-flags.ts): thresholds per
 * window, read with the subgraph's other settings (audit-settings.ts). Invalid values stop
 * start-up naming the variable.
 */
export interface ProbingSettings {
  /** `AUDIT_PROBING_WINDOW_MINUTES`: the window length; windows are aligned to the epoch (UTC). @default 10 */
  readonly windowMinutes: number;
  /**
   * `AUDIT_PROBING_LOOKUP_MISSES`: lookups answered null (not found) or BAD_USER_INPUT in one
   * window from which an application is flagged. A clerk mistypes a few numbers an hour; guessing
   * birth dates behind a masked ID number misses hundreds per request. @default 100
   */
  readonly lookupMisses: number;
  /**
   * `AUDIT_PROBING_DISTINCT_SUBJECTS`: distinct people and legal entities one application received
   * data about in one window from which it is flagged. @default 300
   */
  readonly distinctSubjects: number;
}

type Env = Readonly<Record<string, string | undefined>>;

function whole(
  env: Env,
  variable: string,
  fallback: number,
  min: number,
  max: number,
  unit: string,
): number {
  const value = env[variable];
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new Error(
      `${variable} must be a whole number of ${unit} from ${min} to ${max}, got "${value}"`,
    );
  return n;
}

export function readProbingSettings(env: Env = process.env): ProbingSettings {
  return Object.freeze({
    windowMinutes: whole(env, 'AUDIT_PROBING_WINDOW_MINUTES', 10, 1, 1440, 'minutes'),
    lookupMisses: whole(env, 'AUDIT_PROBING_LOOKUP_MISSES', 100, 1, 10_000_000, 'lookups'),
    distinctSubjects: whole(env, 'AUDIT_PROBING_DISTINCT_SUBJECTS', 300, 1, 10_000_000, 'subjects'),
  });
}

/**
 * How every Shujutong process turns one environment variable into a typed value: an unset or
 * empty variable takes its default, anything else must parse or start-up stops with a message
 * naming the variable (a setting silently replaced by its default is a setting ignored).
 */

/** The environment as the readers see it: process.env, or what a test gives. */
export type SettingsEnv = Readonly<Record<string, string | undefined>>;

/** A whole number in [min, max]; `what` words the message (e.g. "a whole number of minutes"). */
export function integerSetting(
  env: SettingsEnv,
  variable: string,
  fallback: number,
  min: number,
  max: number,
  what = 'an integer',
): number {
  const value = env[variable];
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new Error(`${variable} must be ${what} from ${min} to ${max}, got "${value}"`);
  }
  return n;
}

/** A switch written as 1/0, true/false, yes/no or on/off. */
export function switchSetting(env: SettingsEnv, variable: string, fallback: boolean): boolean {
  const value = env[variable];
  if (value === undefined || value === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(value)) return true;
  if (/^(0|false|no|off)$/i.test(value)) return false;
  throw new Error(`${variable} must be true or false, got "${value}"`);
}

/**
 * A loud escape hatch (SHUJUTONG_INSECURE_...): off unless set to 1/true/yes/on, and refused
 * outright with NODE_ENV=production, where `refusal` says what the service will not do.
 */
export function insecureSwitch(env: SettingsEnv, variable: string, refusal: string): boolean {
  const value = env[variable];
  if (value === undefined || value === '' || /^(0|false|no|off)$/i.test(value)) return false;
  if (!/^(1|true|yes|on)$/i.test(value))
    throw new Error(`${variable} must be 1 or 0, got "${value}"`);
  if (isProduction(env)) {
    throw new Error(`${variable} is set and NODE_ENV=production: refusing ${refusal}. Unset it.`);
  }
  return true;
}

/** `NODE_ENV=production`: no development keys or secrets, no insecure switches. */
export function isProduction(env: SettingsEnv): boolean {
  return env.NODE_ENV === 'production';
}

/** A name that separates deployments sharing one Redis (channel and key suffixes). */
export function namespaceSetting(env: SettingsEnv, variable: string): string | null {
  const value = env[variable];
  if (!value) return null;
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(value)) {
    throw new Error(`${variable} must be 1 to 64 letters, digits, '_', '.' or '-', got "${value}"`);
  }
  return value;
}

/**
 * Composes a process's settings from its parts, keeping every part's problem, so that one
 * start-up reports every invalid setting rather than the first. `part` runs one reader; a part
 * that failed yields undefined, which is never returned: the problems are thrown instead.
 */
export function composeSettings<T>(compose: (part: <P>(read: () => P) => P) => T): T {
  const problems: string[] = [];
  const part = <P>(read: () => P): P => {
    try {
      return read();
    } catch (err) {
      problems.push(err instanceof Error ? err.message : String(err));
      return undefined as unknown as P;
    }
  };
  const settings = compose(part);
  if (problems.length > 0) throw new Error(problems.join('; '));
  return settings;
}

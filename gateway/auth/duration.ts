/**
 * Token lifetimes as people write them: `30m`, `8h`, `7d`. One number and one unit, so there is
 * no doubt what `1h30` means.
 */

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

/** The longest lifetime a token may have: a leaked token stops working within a month at most. */
export const MAX_TOKEN_TTL_SECONDS = 30 * 86_400;

export function parseDuration(text: string): number {
  const m = /^(\d{1,6})([smhd])$/.exec(text.trim());
  if (!m)
    throw new Error(
      `"${text}" is not a duration: write a whole number and a unit, e.g. 90s, 30m, 8h, 7d`,
    );
  const seconds = Number(m[1]) * UNIT_SECONDS[m[2]];
  if (seconds < 1) throw new Error(`"${text}" is not a positive duration`);
  return seconds;
}

/** A token lifetime: a duration of at most MAX_TOKEN_TTL_SECONDS. */
export function parseTokenTtl(text: string): number {
  const seconds = parseDuration(text);
  if (seconds > MAX_TOKEN_TTL_SECONDS)
    throw new Error(
      `"${text}" is longer than the ${MAX_TOKEN_TTL_SECONDS / 86_400}d a token may live`,
    );
  return seconds;
}

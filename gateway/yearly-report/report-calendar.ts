/** The report's calendar: China-time days and months (UTC+8 all year), and the day work is judged on. */
const CHINA_OFFSET_MS = 8 * 3_600_000;

/** The China-time day of an instant (ISO 8601), YYYY-MM-DD. */
export function chinaDay(iso: string): string {
  return new Date(Date.parse(iso) + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** The last day of `year`, or today (China time) while the year runs. */
export function reportAsOf(year: number, now: Date): string {
  const today = chinaDay(now.toISOString());
  const last = `${year}-12-31`;
  return today < last ? today : last;
}

export function yearMonths(year: number): string[] {
  return Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
}

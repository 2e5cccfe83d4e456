/** The report's calendar: China-time days and months (UTC+8 all year), and the day work is judged on. */
import { chinaToday } from '../../domain/china-date';

/** The China-time day of an instant (ISO 8601), YYYY-MM-DD. */
export function chinaDay(iso: string): string {
  return chinaToday(new Date(iso));
}

/** The last day of `year`, or today (China time) while the year runs. */
export function reportAsOf(year: number, now: Date): string {
  const today = chinaToday(now);
  const last = `${year}-12-31`;
  return today < last ? today : last;
}

export function yearMonths(year: number): string[] {
  return Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
}

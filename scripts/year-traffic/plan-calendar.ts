/**
 * The calendar a year plan follows, in China time: the Spring Festival and statutory holiday
 * weeks, working days, and the instants of China days and minutes.
 */

/** China Standard Time is UTC+8 all year (no daylight saving). */
export const CHINA_OFFSET_MS = 8 * 3_600_000;
export const DAY_MS = 86_400_000;

/** First day of the Spring Festival (春节); its week is off. Outside the table, no festival week. */
const SPRING_FESTIVAL: Readonly<Record<number, string>> = {
  2024: '2024-02-10',
  2025: '2025-01-29',
  2026: '2026-02-17',
  2027: '2027-02-06',
  2028: '2028-01-26',
  2029: '2029-02-13',
  2030: '2030-02-03',
};

/** The UTC day (YYYY-MM-DD) of an instant; callers shift by CHINA_OFFSET_MS for China days. */
export function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The China calendar month (1..12) of an instant. */
export function chinaMonthOf(at: number): number {
  return new Date(at + CHINA_OFFSET_MS).getUTCMonth() + 1;
}

/** The instant of `day` (YYYY-MM-DD) at `minute` minutes past midnight, China time. */
export function chinaInstant(day: string, minute: number): number {
  return Date.parse(`${day}T00:00:00Z`) - CHINA_OFFSET_MS + minute * 60_000;
}

function holidaysOf(year: number): Set<string> {
  const days = new Set<string>([`${year}-01-01`]);
  const festival = SPRING_FESTIVAL[year];
  if (festival) {
    const start = Date.parse(`${festival}T00:00:00Z`) - DAY_MS;
    for (let i = 0; i < 8; i++) days.add(isoDay(start + i * DAY_MS));
  }
  for (let d = 1; d <= 5; d++) days.add(`${year}-05-0${d}`);
  for (let d = 1; d <= 7; d++) days.add(`${year}-10-0${d}`);
  return days;
}

export interface Calendar {
  /** Every day of the month (1..12), YYYY-MM-DD. */
  days(month: number): string[];
  workingDays(month: number): string[];
  isWorkingDay(day: string): boolean;
  /** The first working day on or after `day` (the last day of the year at the latest). */
  workingOnOrAfter(day: string): string;
}

/** The working calendar of `year`: weekends and the holiday weeks above are off. */
export function calendarOf(year: number): Calendar {
  const holidays = holidaysOf(year);
  const last = `${year}-12-31`;
  const isWorkingDay = (day: string) => {
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    return weekday !== 0 && weekday !== 6 && !holidays.has(day);
  };
  const days = (month: number) => {
    const out: string[] = [];
    for (let t = Date.UTC(year, month - 1, 1); new Date(t).getUTCMonth() === month - 1; t += DAY_MS)
      out.push(isoDay(t));
    return out;
  };
  return {
    days,
    workingDays: (month) => days(month).filter(isWorkingDay),
    isWorkingDay,
    workingOnOrAfter(day) {
      let t = Date.parse(`${day}T00:00:00Z`);
      while (isoDay(t) < last && !isWorkingDay(isoDay(t))) t += DAY_MS;
      return isoDay(t) < last ? isoDay(t) : last;
    },
  };
}

/**
 * Working-day arithmetic for the reply deadline. 国发〔2016〕51号 gives the providing department
 * 10 working days to answer a conditional-sharing application. A working day is Monday to Friday,
 * except configured public holidays, plus configured make-up working days (调休: the weekend days
 * the State Council's yearly holiday notice turns into working days). The statutory holidays are
 * not built in: they change every year, so they come from configuration (SHARING_HOLIDAYS).
 * Pure functions over ISO calendar dates; no clock, no time zone.
 */

export interface WorkingCalendar {
  /** Weekdays that are not worked (public holidays), YYYY-MM-DD. */
  readonly holidays: ReadonlySet<string>;
  /** Saturdays or Sundays that are worked (调休), YYYY-MM-DD. */
  readonly makeUpWorkdays: ReadonlySet<string>;
}

/** Monday to Friday, no holidays: the calendar when none is configured. */
export const WEEKDAYS_ONLY: WorkingCalendar = Object.freeze({
  holidays: new Set<string>(),
  makeUpWorkdays: new Set<string>(),
});

const DAY_MS = 24 * 60 * 60 * 1000;

/** A bound on the search, so a calendar that declares every day a holiday fails instead of looping. */
const MAX_CALENDAR_DAYS = 3660;

function toUtc(date: string): number {
  const t = Date.parse(`${date}T00:00:00Z`);
  if (
    !/^\d{4}-\d{2}-\d{2}$/.test(date) ||
    Number.isNaN(t) ||
    new Date(t).toISOString().slice(0, 10) !== date
  ) {
    throw new RangeError(`"${date}" is not a calendar date (YYYY-MM-DD)`);
  }
  return t;
}

function fromUtc(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}

export function isWorkingDay(date: string, calendar: WorkingCalendar = WEEKDAYS_ONLY): boolean {
  if (calendar.makeUpWorkdays.has(date)) return true;
  if (calendar.holidays.has(date)) return false;
  const weekday = new Date(toUtc(date)).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/**
 * The `days`-th working day after `start`. The day of submission is not counted (a period
 * begins the day after the event, as Chinese administrative law counts periods), so an
 * application submitted on a Monday with 10 working days is due on the Monday two weeks later.
 */
export function addWorkingDays(
  start: string,
  days: number,
  calendar: WorkingCalendar = WEEKDAYS_ONLY,
): string {
  if (!Number.isInteger(days) || days < 0)
    throw new RangeError(`working days must be a whole number >= 0, got ${days}`);
  let t = toUtc(start);
  let counted = 0;
  for (let step = 0; counted < days; step++) {
    if (step >= MAX_CALENDAR_DAYS)
      throw new RangeError(
        `no ${days} working days within ${MAX_CALENDAR_DAYS} days of ${start}: check the holiday calendar`,
      );
    t += DAY_MS;
    if (isWorkingDay(fromUtc(t), calendar)) counted++;
  }
  return fromUtc(t);
}

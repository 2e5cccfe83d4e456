/**
 * Time for the sharing workflow, injectable so deadlines and overdue flags can be tested with a
 * fixed clock. Deadlines are counted in calendar dates of China Standard Time: a request
 * submitted at 23:30 Beijing time on a Friday was submitted on Friday, whatever UTC says.
 */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

/** China Standard Time is UTC+8 all year: no daylight saving since 1991. */
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

/** The calendar date (YYYY-MM-DD) in China at `instant`. */
export function chinaDate(instant: Date): string {
  return new Date(instant.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * The periods the audit queries take, checked (BAD_USER_INPUT naming the argument) and turned
 * into what the audit tables store: record times as UTC `YYYY-MM-DD HH:MM:SS.mmm`
 * (contracts/audit/audit-rows.ts), usage by China-time day and month. Evaluations follow the
 * Chinese calendar year, so a request at 2025-12-31T17:00Z counts for 1 January 2026.
 */
import { dbTime } from '../../contracts/audit/audit-rows';
import { badUserInput } from '../kit/user-input';

/** China Standard Time is UTC+8 all year (no daylight saving since 1991). */
const CHINA_OFFSET_MS = 8 * 3600 * 1000;

/** The China-time calendar day (YYYY-MM-DD) of a stored record time. */
export function chinaDay(storedTime: string): string {
  const ms = Date.parse(`${storedTime.replace(' ', 'T')}Z`);
  if (Number.isNaN(ms)) throw new TypeError(`not a stored audit time: ${storedTime}`);
  return new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

export function chinaMonth(storedTime: string): string {
  return chinaDay(storedTime).slice(0, 7);
}

/** An instant argument (already a canonical ISO string from the DateTime scalar) as stored. */
export function storedInstant(iso: string | null | undefined): string | null {
  return iso === null || iso === undefined ? null : dbTime(new Date(iso).toISOString());
}

export interface InstantRange {
  /** Inclusive, stored form; null: unbounded. */
  readonly from: string | null;
  /** Exclusive, stored form; null: unbounded. */
  readonly to: string | null;
}

export function instantRange(
  from: string | null | undefined,
  to: string | null | undefined,
): InstantRange {
  const range = { from: storedInstant(from), to: storedInstant(to) };
  if (range.from !== null && range.to !== null && range.from >= range.to)
    throw badUserInput('to', 'must be later than from', { problem: 'RANGE' });
  return range;
}

export interface DayRange {
  /** Inclusive, YYYY-MM-DD (China time). */
  readonly from: string;
  /** Inclusive. */
  readonly to: string;
}

/** Days as the Date scalar already checked them; `to` may equal `from` (one day). */
export function dayRange(from: string, to: string): DayRange {
  if (from > to)
    throw badUserInput('to', `must not be before from (${from})`, { problem: 'RANGE' });
  return { from, to };
}

/**
 * The usage-table periods that make up a day range exactly: every month wholly inside it, and
 * the days of the months it covers only in part (at most one run of days at each end).
 */
export function periodsOf(days: DayRange): { months: string[]; dayRuns: [string, string][] } {
  const months: string[] = [];
  const dayRuns: [string, string][] = [];
  const [fromYear, fromMonth] = days.from.split('-').map(Number);
  for (
    let m = new Date(Date.UTC(fromYear, fromMonth - 1, 1));
    m.toISOString().slice(0, 10) <= days.to;
    m = new Date(Date.UTC(m.getUTCFullYear(), m.getUTCMonth() + 1, 1))
  ) {
    const first = m.toISOString().slice(0, 10);
    const last = new Date(Date.UTC(m.getUTCFullYear(), m.getUTCMonth() + 1, 0))
      .toISOString()
      .slice(0, 10);
    if (days.from <= first && last <= days.to) months.push(first.slice(0, 7));
    else dayRuns.push([days.from > first ? days.from : first, days.to < last ? days.to : last]);
  }
  return { months, dayRuns };
}

export interface MonthRange {
  /** Inclusive, YYYY-MM. */
  readonly from: string;
  readonly to: string;
}

/** A whole year, or one month of it. */
export function monthRange(year: number, month: number | null | undefined): MonthRange {
  if (!Number.isInteger(year) || year < 2000 || year > 9999)
    throw badUserInput('year', `must be a year from 2000, got ${year}`, { problem: 'RANGE' });
  if (month === null || month === undefined) return { from: `${year}-01`, to: `${year}-12` };
  if (!Number.isInteger(month) || month < 1 || month > 12)
    throw badUserInput('month', `must be 1 to 12, got ${month}`, { problem: 'RANGE' });
  const m = `${year}-${String(month).padStart(2, '0')}`;
  return { from: m, to: m };
}

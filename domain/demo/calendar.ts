/**
 * Calendar arithmetic on ISO dates (YYYY-MM-DD, UTC) for demo seeders, and the day the demo
 * city is described at. Seeders date nothing after DEMO_AS_OF, so the same seed gives the same
 * rows whenever it runs; anything that depends on "today" is computed when data is read.
 */
import { Rng } from './random';

/** world.ts measures ages to this day (a legal representative is at least 18 on it). */
export const DEMO_AS_OF = '2025-01-01';

const DAY_MS = 86_400_000;

function epoch(iso: string): number {
  return Date.parse(`${iso}T00:00:00Z`);
}

export function addDays(iso: string, days: number): string {
  return new Date(epoch(iso) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Same month and day `years` later; 29 February becomes 1 March in a common year. */
export function addYears(iso: string, years: number): string {
  const d = new Date(epoch(iso));
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d.toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((epoch(to) - epoch(from)) / DAY_MS);
}

/** Whole years of age on `on` for someone born on `birthDate`. */
export function ageOn(birthDate: string, on: string): number {
  const years = Number(on.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return on.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/** A day in [from, to), or `from` itself when the range is empty. */
export function dayWithin(rng: Rng, from: string, to: string): string {
  const span = daysBetween(from, to);
  return span > 0 ? addDays(from, rng.int(span)) : from;
}

export function laterOf(a: string, b: string): string {
  return a > b ? a : b;
}

export function earlierOf(a: string, b: string): string {
  return a < b ? a : b;
}

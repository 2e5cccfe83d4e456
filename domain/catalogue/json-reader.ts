/**
 * Reads values of parsed JSON at their JSON pointers, recording a problem for each value it
 * cannot use instead of stopping at the first, so one run reports everything to fix.
 */
import { CatalogueProblem, CatalogueProblemCode, pointerSegment } from './catalogue-problem';
import { isOneOf } from './catalogue-vocabulary';

export type Json = Record<string, unknown>;
export const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads values at a JSON pointer, recording a problem for each one it cannot use. */
export class JsonReader {
  readonly problems: CatalogueProblem[] = [];
  report(code: CatalogueProblemCode, pointer: string, message: string): void {
    this.problems.push({ code, pointer, message });
  }
  object(value: unknown, at: string, what: string): Json | null {
    if (isObject(value)) return value;
    this.report('CATALOGUE_INVALID', at, `${what} must be an object`);
    return null;
  }
  text(value: unknown, at: string, what: string): string | null {
    if (typeof value === 'string' && value.trim() !== '') return value;
    this.report('CATALOGUE_INVALID', at, `${what} must be a non-empty string`);
    return null;
  }
  oneOf<T extends string>(
    values: readonly T[],
    value: unknown,
    at: string,
    what: string,
  ): T | null {
    if (isOneOf(values, value)) return value;
    this.report(
      'CATALOGUE_INVALID',
      at,
      `${what} is ${JSON.stringify(value)}: expected one of ${values.join(', ')}`,
    );
    return null;
  }
  date(value: unknown, at: string, what: string): string | null {
    const text = this.text(value, at, what);
    if (text === null) return null;
    const ok =
      /^\d{4}-\d{2}-\d{2}$/.test(text) &&
      new Date(`${text}T00:00:00Z`).toISOString().startsWith(text);
    if (!ok) this.report('CATALOGUE_INVALID', at, `${what} "${text}" is not a date (YYYY-MM-DD)`);
    return ok ? text : null;
  }
  /** Reports keys outside `allowed`, which are typos the reader would otherwise ignore. */
  onlyKeys(obj: Json, allowed: readonly string[], at: string, what: string): void {
    for (const key of Object.keys(obj))
      if (!allowed.includes(key))
        this.report(
          'CATALOGUE_INVALID',
          `${at}/${pointerSegment(key)}`,
          `${what} has an unknown key "${key}" (expected: ${allowed.join(', ')})`,
        );
  }
}

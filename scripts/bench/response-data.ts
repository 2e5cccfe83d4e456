/**
 * Reading the `data` of a benchmark answer without trusting its shape: a check must report a
 * malformed answer as its problem, not throw on it.
 */

export type Json = Record<string, unknown>;

export function obj(value: unknown): Json | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Json)
    : null;
}

export function arr(value: unknown): unknown[] | null {
  return Array.isArray(value) ? value : null;
}

/** A list's length; -1 when it is not a list. */
export function count(value: unknown): number {
  return arr(value)?.length ?? -1;
}

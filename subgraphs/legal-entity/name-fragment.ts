/**
 * `nameContains` as a SQL LIKE pattern. The caller's text is matched literally: % and _ are
 * escaped, so "100%" finds "100%" and a lone "%" cannot turn the filter into "everything".
 * The escape character is "!" rather than a backslash because SQLite and MariaDB disagree on
 * how a backslash is written inside a string literal, and "!" means the same to both.
 */
import { badUserInput } from '../kit/user-input';

export const LIKE_ESCAPE = '!';

/** Longer fragments are not names; the bound also keeps the pattern cheap to evaluate. */
export const MAX_NAME_FRAGMENT = 50;

export function containsPattern(fragment: string): string {
  return `%${fragment.replace(/[!%_]/g, (ch) => LIKE_ESCAPE + ch)}%`;
}

/** Trims the fragment and rejects one that would match everything or cannot be a name. */
export function requireNameFragment(argument: string, value: string): string {
  const fragment = value.trim();
  if (fragment.length === 0)
    throw badUserInput(argument, 'must contain at least one non-blank character', {
      problem: 'EMPTY',
    });
  if ([...fragment].length > MAX_NAME_FRAGMENT) {
    throw badUserInput(argument, `at most ${MAX_NAME_FRAGMENT} characters`, {
      problem: 'LENGTH',
      max: MAX_NAME_FRAGMENT,
    });
  }
  return fragment;
}

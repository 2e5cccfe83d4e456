/**
 * Checks on free text and code lists that callers send to the sharing subgraph. Lengths are
 * bounded so a justification or reason cannot be used to store arbitrary bulk data.
 */
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../domain/error-codes';
import { isPurposeCode, PURPOSES } from '../../domain/departments';
import { badUserInput } from '../kit/user-input';

/** Trimmed, non-empty text of at most `max` characters. */
export function requireText(
  argument: string,
  value: string | null | undefined,
  max: number,
): string {
  const text = (value ?? '').trim();
  if (text === '') throw badUserInput(argument, 'must not be empty', { problem: 'REQUIRED' });
  if (text.length > max)
    throw badUserInput(argument, `at most ${max} characters, got ${text.length}`, {
      problem: 'LENGTH',
      max,
    });
  return text;
}

/** Optional text: null stays null; given text obeys requireText. */
export function optionalText(
  argument: string,
  value: string | null | undefined,
  max: number,
): string | null {
  return value === null || value === undefined ? null : requireText(argument, value, max);
}

/** One or more use purposes from the vocabulary in domain/departments.ts, without repeats. */
export function requirePurposes(argument: string, values: readonly string[]): string[] {
  if (values.length === 0)
    throw badUserInput(argument, 'name at least one use purpose', { problem: 'REQUIRED' });
  const unknown = values.filter((v) => !isPurposeCode(v));
  if (unknown.length > 0) {
    throw badUserInput(
      argument,
      `unknown purpose ${unknown.join(', ')}; known: ${PURPOSES.map((p) => p.code).join(', ')}`,
      { problem: 'UNKNOWN', purposes: unknown },
    );
  }
  return [...new Set(values)].sort();
}

export function notFound(what: string, id: string): GraphQLError {
  return new GraphQLError(`${what} "${id}" does not exist`, {
    extensions: { code: ErrorCode.NOT_FOUND, id },
  });
}

/** An action the record's current state does not allow (approving a decided request, reviving a retired system). */
export function wrongState(argument: string, message: string, state: string): GraphQLError {
  return badUserInput(argument, message, { problem: 'STATE', state });
}

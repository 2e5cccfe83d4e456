import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../domain/error-codes';
import { idNumberProblem } from '../../domain/id-number';
import { creditCodeProblem } from '../../domain/credit-code';
import { regionByCode } from '../../domain/regions';

/** A typed BAD_USER_INPUT error naming the argument and what is wrong with it. */
export function badUserInput(
  argument: string,
  message: string,
  extra: Record<string, unknown> = {},
): GraphQLError {
  return new GraphQLError(`${argument}: ${message}`, {
    extensions: { code: ErrorCode.BAD_USER_INPUT, argumentName: argument, ...extra },
  });
}

/** Rejects a malformed ID number instead of answering "not found" for it. */
export function requireIdNumber(argument: string, value: string): string {
  const problem = idNumberProblem(value);
  if (problem) throw badUserInput(argument, problem.message, { problem: problem.kind });
  return value;
}

export function requireCreditCode(argument: string, value: string): string {
  const problem = creditCodeProblem(value);
  if (problem) throw badUserInput(argument, problem.message, { problem: problem.kind });
  return value;
}

export function requireRegionCode(argument: string, value: string): string {
  if (!/^\d{6}(\d{3})?$/.test(value)) {
    throw badUserInput(
      argument,
      'a region code is 6 digits (county level) or 9 digits (town level)',
      { problem: 'FORMAT' },
    );
  }
  if (!regionByCode(value))
    throw badUserInput(argument, `"${value}" is not a Nantong region code`, { problem: 'UNKNOWN' });
  return value;
}

/** ISO calendar date (YYYY-MM-DD). */
export function requireIsoDate(argument: string, value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (
    !m ||
    Number.isNaN(Date.parse(`${value}T00:00:00Z`)) ||
    new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value
  ) {
    throw badUserInput(argument, `"${value}" is not a date (YYYY-MM-DD)`, { problem: 'FORMAT' });
  }
  return value;
}

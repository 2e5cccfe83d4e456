/**
 * Instants, ISO 8601 in UTC on output. On input (accessLog's from/to) any ISO 8601 date-time with
 * a zone (Z or ±hh:mm) is taken and normalised to UTC; one without a zone is refused rather than
 * guessed, since 08:00 in Nantong is 00:00 UTC.
 */
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { ErrorCode } from '../../domain/error-codes';

const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

function invalid(message: string): GraphQLError {
  return new GraphQLError(`DateTime: ${message}`, {
    extensions: { code: ErrorCode.BAD_USER_INPUT },
  });
}

export function parseInstant(value: unknown): string {
  if (typeof value !== 'string') throw invalid('expected a string');
  if (!ISO_WITH_ZONE.test(value))
    throw invalid(
      `"${value.slice(0, 40)}" is not an ISO 8601 date-time with a zone (e.g. 2025-03-03T02:15:00Z)`,
    );
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw invalid(`"${value}" is not a valid time`);
  const iso = new Date(ms).toISOString();
  // Date.parse rolls 2025-02-30 over to March; a date that does not exist is refused.
  if (value.slice(0, 10) !== iso.slice(0, 10) && /Z$/.test(value))
    throw invalid(`"${value}" is not a calendar date`);
  return iso;
}

export const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  description: 'A point in time, ISO 8601 in UTC (e.g. 2025-03-03T02:15:00.000Z).',
  serialize: (v) => (v instanceof Date ? v.toISOString() : String(v)),
  parseValue: parseInstant,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw invalid('expected a string literal');
    return parseInstant(ast.value);
  },
});

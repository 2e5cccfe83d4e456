/**
 * Timestamps of the sharing records (submitted, decided, revoked), stored as ISO 8601 UTC text.
 * Output only: no argument takes a timestamp, so parsing input is refused.
 */
import { GraphQLError, GraphQLScalarType } from 'graphql';
import { ErrorCode } from '../../domain/error-codes';

function refuse(): never {
  throw new GraphQLError('DateTime: not accepted as input', {
    extensions: { code: ErrorCode.BAD_USER_INPUT },
  });
}

export const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  description: 'A point in time, ISO 8601 in UTC (e.g. 2025-03-03T02:15:00.000Z).',
  serialize: (v) => (v instanceof Date ? v.toISOString() : String(v)),
  parseValue: refuse,
  parseLiteral: refuse,
});

/**
 * Custom scalars shared by the subgraphs. They validate what callers send (BAD_USER_INPUT with
 * the reason) and serialise what the stores return. The gateway passes scalars through, so
 * the subgraph is where an argument's meaning is checked.
 */
import { GraphQLError, GraphQLScalarType, Kind, ValueNode } from 'graphql';
import { ErrorCode } from '../../domain/error-codes';
import { idNumberProblem } from '../../domain/id-number';
import { creditCodeProblem } from '../../domain/credit-code';

function invalid(type: string, message: string): GraphQLError {
  return new GraphQLError(`${type}: ${message}`, {
    extensions: { code: ErrorCode.BAD_USER_INPUT },
  });
}

function stringScalar(
  name: string,
  description: string,
  check: (v: string) => string | null,
): GraphQLScalarType {
  const parse = (value: unknown): string => {
    if (typeof value !== 'string') throw invalid(name, 'expected a string');
    const problem = check(value);
    if (problem) throw invalid(name, problem);
    return value;
  };
  return new GraphQLScalarType({
    name,
    description,
    serialize: (v) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v)),
    parseValue: parse,
    parseLiteral: (ast: ValueNode) => {
      if (ast.kind !== Kind.STRING) throw invalid(name, 'expected a string literal');
      return parse(ast.value);
    },
  });
}

function dateProblem(v: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return `"${v}" is not a date (YYYY-MM-DD)`;
  const d = new Date(`${v}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== v
    ? `"${v}" is not a calendar date`
    : null;
}

export const DateScalar = stringScalar(
  'Date',
  'A calendar date, ISO 8601 (YYYY-MM-DD).',
  dateProblem,
);
export const IdNumberScalar = stringScalar(
  'IdNumber',
  'Citizen ID number (公民身份号码), GB 11643.',
  (v) => idNumberProblem(v)?.message ?? null,
);
export const CreditCodeScalar = stringScalar(
  'CreditCode',
  'Unified social credit code (统一社会信用代码), GB 32100.',
  (v) => creditCodeProblem(v)?.message ?? null,
);

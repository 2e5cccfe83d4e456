import { parse } from 'graphql';
import {
  errorCodeLabel,
  failureLabel,
  operationNameLabel,
  operationTypeOf,
  subgraphLabel,
} from '../operation-labels';

describe('metric label values come from closed sets', () => {
  it('takes the type of the operation that ran, by name in a document of several', () => {
    const document = parse('query A { a } mutation B { b }');
    expect(operationTypeOf(document, 'B')).toBe('mutation');
    expect(operationTypeOf(document, 'A')).toBe('query');
    expect(operationTypeOf(parse('{ a }'), null)).toBe('query');
    expect(operationTypeOf(undefined, null)).toBe('unknown');
    expect(operationTypeOf(document, 'Missing')).toBe('unknown');
  });

  it('names only persisted operations; a caller-chosen name is left out', () => {
    expect(operationNameLabel(true, 'HouseholdOfPerson')).toBe('HouseholdOfPerson');
    expect(operationNameLabel(false, 'HouseholdOfPerson')).toBe('');
    expect(operationNameLabel(true, null)).toBe('');
    expect(operationNameLabel(true, 'x'.repeat(65))).toBe('');
  });

  it('keeps subgraphs, error codes and fetch failures to known values', () => {
    expect(subgraphLabel('population')).toBe('population');
    expect(subgraphLabel('110101199003077777')).toBe('other');
    expect(errorCodeLabel('RATE_LIMITED')).toBe('RATE_LIMITED');
    expect(errorCodeLabel('MADE_UP_BY_A_SUBGRAPH')).toBe('OTHER');
    expect(failureLabel('TIMEOUT')).toBe('TIMEOUT');
    expect(failureLabel('connect ECONNREFUSED 127.0.0.1:4001')).toBe('OTHER');
  });
});

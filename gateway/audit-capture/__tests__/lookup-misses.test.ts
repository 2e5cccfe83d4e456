import { GraphQLError } from 'graphql';
import { lookupMisses } from '../lookup-misses';

describe('lookup misses in a response: what probing looks like', () => {
  it('counts root lookups that found nobody and malformed keys, per lookup', () => {
    const result = {
      data: { a: null, b: { name: '张*' }, c: null, d: null },
      errors: [
        new GraphQLError('idNumber: bad check character', {
          path: ['c'],
          extensions: { code: 'BAD_USER_INPUT' },
        }),
        new GraphQLError('withheld', { path: ['d'], extensions: { code: 'FORBIDDEN_FIELD' } }),
      ],
    };
    // a: not found; c: malformed (an error, so not also "not found"); d: withheld, neither.
    expect(lookupMisses(result)).toEqual({ notFound: 1, badInput: 1 });
  });

  it('counts nothing for a response that did not execute', () => {
    expect(lookupMisses(undefined)).toEqual({ notFound: 0, badInput: 0 });
    expect(
      lookupMisses({ errors: [new GraphQLError('x', { extensions: { code: 'BAD_USER_INPUT' } })] }),
    ).toEqual({ notFound: 0, badInput: 1 });
  });
});

import { GraphQLError } from 'graphql';
import { addressCodeProblem, requireAddressCode } from '../address-code';

describe('standard address codes', () => {
  it('accepts a town code followed by a seven-digit serial', () => {
    expect(addressCodeProblem('3206020010000042')).toBeNull();
    expect(addressCodeProblem('3206121015000001')).toBeNull();
  });

  it.each([
    ['320602001000004', 'FORMAT'],
    ['32060200100000421', 'FORMAT'],
    ['320602001A000042', 'FORMAT'],
    ['3206029990000042', 'UNKNOWN_TOWN'],
    // A county code padded to nine digits is not a town.
    ['3206000000000001', 'UNKNOWN_TOWN'],
  ])('rejects %s (%s)', (code, kind) => {
    expect(addressCodeProblem(code)?.kind).toBe(kind);
  });

  it('raises BAD_USER_INPUT naming the argument', () => {
    try {
      requireAddressCode('code', '123');
      throw new Error('accepted a malformed code');
    } catch (err) {
      expect((err as GraphQLError).extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        argumentName: 'code',
        problem: 'FORMAT',
      });
    }
  });
});

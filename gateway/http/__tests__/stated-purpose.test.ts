import { HttpError } from '../../../contracts/http/http-error';
import { statedPurpose } from '../stated-purpose';

const post = (headers: Record<string, string>, body: unknown = { query: '{ a }' }) =>
  statedPurpose({ method: 'POST', url: '/graphql', headers }, Buffer.from(JSON.stringify(body)));

describe('statedPurpose', () => {
  it('is null when no purpose is stated', () => {
    expect(post({})).toBeNull();
    expect(post({ 'x-purpose': '' })).toBeNull();
  });

  it('reads header x-purpose, or extensions.purpose in a POST body or a GET extensions parameter', () => {
    expect(post({ 'x-purpose': 'SOCIAL_ASSISTANCE' })).toBe('SOCIAL_ASSISTANCE');
    expect(post({}, { query: '{ a }', extensions: { purpose: 'TAX_ADMINISTRATION' } })).toBe(
      'TAX_ADMINISTRATION',
    );
    const url = `/graphql?query=%7Ba%7D&extensions=${encodeURIComponent('{"purpose":"STATISTICS"}')}`;
    expect(statedPurpose({ method: 'GET', url, headers: {} }, Buffer.alloc(0))).toBe('STATISTICS');
  });

  it('accepts the same purpose stated twice', () => {
    expect(
      post(
        { 'x-purpose': 'STATISTICS' },
        { query: '{ a }', extensions: { purpose: 'STATISTICS' } },
      ),
    ).toBe('STATISTICS');
  });

  it.each([
    [
      'an unknown code in the header',
      () => post({ 'x-purpose': 'CURIOSITY' }),
      /header x-purpose "CURIOSITY" is not a use purpose/,
    ],
    ['a lower-case code', () => post({ 'x-purpose': 'statistics' }), /not a use purpose/],
    [
      'a number in extensions',
      () => post({}, { query: '{ a }', extensions: { purpose: 7 } }),
      /extensions.purpose number is not a use purpose/,
    ],
    [
      'two different purposes',
      () =>
        post(
          { 'x-purpose': 'STATISTICS' },
          { query: '{ a }', extensions: { purpose: 'TAX_ADMINISTRATION' } },
        ),
      /two purposes stated/,
    ],
  ])('refuses %s with 400 BAD_USER_INPUT', (_name, run, message) => {
    let error: unknown;
    try {
      run();
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({
      status: 400,
      code: 'BAD_USER_INPUT',
      message: expect.stringMatching(message),
    });
  });

  it('leaves a body that is not JSON to the GraphQL endpoint to refuse', () => {
    expect(
      statedPurpose(
        { method: 'POST', url: '/graphql', headers: {} },
        Buffer.from('{"purpose": oops'),
      ),
    ).toBeNull();
  });
});

import { HttpError } from '../../../contracts/http/http-error';
import { statedCase } from '../stated-case';

const CASE = 'NT20261206-ZF0101-000001';
const post = (headers: Record<string, string>, body: unknown = { query: '{ a }' }) =>
  statedCase({ method: 'POST', url: '/graphql', headers }, Buffer.from(JSON.stringify(body)));

describe('statedCase', () => {
  it('is null when no case is named', () => {
    expect(post({})).toBeNull();
    expect(post({ 'x-case': '' })).toBeNull();
  });

  it('reads header x-case, or extensions.case in a POST body or a GET extensions parameter', () => {
    expect(post({ 'x-case': CASE })).toBe(CASE);
    expect(post({}, { query: '{ a }', extensions: { case: CASE } })).toBe(CASE);
    const url = `/graphql?query=%7Ba%7D&extensions=${encodeURIComponent(JSON.stringify({ case: CASE }))}`;
    expect(statedCase({ method: 'GET', url, headers: {} }, Buffer.alloc(0))).toBe(CASE);
  });

  it.each([
    ['a malformed number', () => post({ 'x-case': 'NT2026-ZF0101-1' }), /not a case number/],
    [
      'a number in extensions',
      () => post({}, { query: '{ a }', extensions: { case: 7 } }),
      /must be a case number/,
    ],
    [
      'two different cases',
      () =>
        post(
          { 'x-case': CASE },
          { query: '{ a }', extensions: { case: 'NT20261206-ZF0101-000002' } },
        ),
      /two cases named/,
    ],
  ])('refuses %s with 400 BAD_USER_INPUT', (_name, run, message) => {
    let error: unknown;
    try {
      run();
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).status).toBe(400);
    expect((error as HttpError).code).toBe('BAD_USER_INPUT');
    expect((error as HttpError).message).toMatch(message);
  });
});

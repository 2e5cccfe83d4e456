import { requestParams } from '../request-params';

const post = (body: string, contentType = 'application/json') =>
  requestParams({ method: 'POST', url: '/graphql', contentType }, Buffer.from(body));

describe('the GraphQL request as sent, read again for the record', () => {
  it('reads a JSON POST body', () => {
    expect(
      post(JSON.stringify({ query: '{ a }', operationName: 'A', variables: { id: 1 } })),
    ).toEqual({ query: '{ a }', operationName: 'A', variables: { id: 1 } });
  });

  it('reads a GET query string', () => {
    const url = `/graphql?query=${encodeURIComponent('{ a }')}&variables=${encodeURIComponent('{"id":1}')}`;
    expect(requestParams({ method: 'GET', url, contentType: undefined }, Buffer.alloc(0))).toEqual({
      query: '{ a }',
      operationName: null,
      variables: { id: 1 },
    });
  });

  it.each([
    ['not JSON', '{ nope', 'application/json'],
    ['a JSON array (a batch)', '[{"query":"{ a }"}]', 'application/json'],
    ['another content type', '{"query":"{ a }"}', 'text/plain'],
  ])('reads nothing from a body that is %s', (_name, body, type) => {
    expect(post(body, type)).toEqual({ query: null, operationName: null, variables: null });
  });

  it('ignores fields of the wrong type', () => {
    expect(post(JSON.stringify({ query: 5, operationName: ['x'], variables: 'id=1' }))).toEqual({
      query: null,
      operationName: null,
      variables: null,
    });
  });
});

import { classifyFetchError } from '../subgraph-failure';
import { readGraphQLResponse } from '../subgraph-response';

describe('readGraphQLResponse', () => {
  it('passes on a GraphQL body whatever the status (GraphQL over HTTP puts errors on 400s)', () => {
    const body = JSON.stringify({
      errors: [{ message: 'bad', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }],
    });
    expect(readGraphQLResponse(400, body)).toEqual({
      data: undefined,
      errors: [{ message: 'bad', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }],
      extensions: undefined,
    });
  });

  it('calls an error status without a GraphQL body an HTTP_STATUS failure', () => {
    expect(readGraphQLResponse(502, '<html>Bad Gateway</html>')).toMatchObject({
      reason: 'HTTP_STATUS',
      status: 502,
    });
  });

  it.each([['not json'], ['[1,2]'], ['{"hello":1}'], ['null']])(
    'calls the 200 body %s a BAD_RESPONSE',
    (text) => {
      expect(readGraphQLResponse(200, text)).toMatchObject({ reason: 'BAD_RESPONSE' });
    },
  );
});

describe('classifyFetchError', () => {
  it('reports our own deadline as TIMEOUT, whatever error the abort produced', () => {
    expect(classifyFetchError(new Error('aborted'), true, 900)).toEqual({
      reason: 'TIMEOUT',
      detail: 'no answer within 900 ms',
    });
  });

  it.each([
    ['ECONNREFUSED', 'CONNECTION_REFUSED'],
    ['UND_ERR_CONNECT_TIMEOUT', 'CONNECT_TIMEOUT'],
    ['UND_ERR_HEADERS_TIMEOUT', 'TIMEOUT'],
    ['UND_ERR_BODY_TIMEOUT', 'TIMEOUT'],
    ['UND_ERR_SOCKET', 'CONNECTION_FAILED'],
    ['ECONNRESET', 'CONNECTION_FAILED'],
  ])('classifies %s as %s', (code, reason) => {
    expect(classifyFetchError(Object.assign(new Error('x'), { code }), false, 1000).reason).toBe(
      reason,
    );
  });
});

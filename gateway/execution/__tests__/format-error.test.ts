import { GraphQLError } from 'graphql';
import { gatewayErrorFormatter } from '../format-error';

describe('gatewayErrorFormatter', () => {
  it('names the subgraph an error came from in extensions.subgraph', () => {
    const format = gatewayErrorFormatter(() => {});
    const out = format(
      {
        message: 'idNumber: bad',
        extensions: { code: 'BAD_USER_INPUT', serviceName: 'population' },
      },
      new GraphQLError('x'),
    );
    expect(out.extensions).toEqual({ code: 'BAD_USER_INPUT', subgraph: 'population' });
  });

  it('passes coded request errors through unchanged', () => {
    const formatted = {
      message: 'Cannot query field "x" on type "Query".',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    };
    expect(gatewayErrorFormatter(() => {})(formatted, new GraphQLError('x'))).toBe(formatted);
  });

  it('hides the detail of the gateway’s own internal errors from the caller and logs it', () => {
    const lines: string[] = [];
    const out = gatewayErrorFormatter((l) => lines.push(l))(
      {
        message: 'SELECT * FROM secret failed',
        path: ['a'],
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      },
      new Error('SELECT * FROM secret failed'),
    );
    expect(out).toEqual({
      message: 'internal error in the gateway',
      path: ['a'],
      locations: undefined,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(lines.join('\n')).toContain('SELECT * FROM secret');
  });
});

import { buildSchema } from 'graphql';
import { HttpError } from '../../../contracts/http/http-error';
import { openDocument, openRequestBody } from '../open-document';

const schema = buildSchema(`
  type Region { code: ID! name: String! }
  type Query { regions: [Region!]! }
`);

function refusal(query: string): HttpError {
  try {
    openDocument(schema, { query }, 1000);
  } catch (err) {
    if (err instanceof HttpError) return err;
    throw err;
  }
  throw new Error(`accepted: ${query}`);
}

describe('an anonymous document against the open schema', () => {
  it('takes only query, variables and operationName from the body', () => {
    expect(
      openRequestBody({
        query: '{ regions { code } }',
        variables: { a: 1 },
        extensions: { purpose: 'LAW_ENFORCEMENT', persistedQuery: { sha256Hash: 'x' } },
        documentId: 'x',
      }),
    ).toEqual({ query: '{ regions { code } }', variables: { a: 1 } });
    expect(() => openRequestBody({ extensions: {} })).toThrow(HttpError);
    expect(() => openRequestBody([])).toThrow(HttpError);
  });

  it('refuses a field the open schema lacks as unknown', () => {
    const err = refusal('{ regions { code name population } }');
    expect(err).toMatchObject({ status: 400, code: 'GRAPHQL_VALIDATION_FAILED' });
    expect(err.message).toMatch(/^Cannot query field "population" on type "Region"/);
  });

  it('refuses mutations and subscriptions, which validation alone would let through', () => {
    for (const q of [
      'mutation { anything { id } }',
      'subscription { anything }',
      '{ regions { code } } mutation M { x }',
    ])
      expect(refusal(q)).toMatchObject({ status: 400, code: 'GRAPHQL_VALIDATION_FAILED' });
  });

  it('answers introspection alone from the open schema, and refuses it mixed with data', () => {
    expect(openDocument(schema, { query: '{ __schema { types { name } } }' }, 1000).kind).toBe(
      'introspection',
    );
    expect(openDocument(schema, { query: '{ __typename regions { code } }' }, 1000).kind).toBe(
      'data',
    );
    expect(refusal('{ regions { code } __type(name: "Region") { name } }').status).toBe(400);
    expect(
      refusal('{ ...F regions { code } } fragment F on Query { __schema { queryType { name } } }')
        .status,
    ).toBe(400);
  });

  it('stops parsing at the token limit', () => {
    expect(() => openDocument(schema, { query: '{ regions { code name } }' }, 5)).toThrow(
      expect.objectContaining({ status: 400, code: 'GRAPHQL_PARSE_FAILED' }),
    );
  });
});

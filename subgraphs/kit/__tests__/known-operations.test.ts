import type http from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { GraphQLError, parse } from 'graphql';
import { executeWithApollo } from '../../../contracts/http/http-adapter';
import { KnownOperations } from '../known-operations';
import { redactInternalError } from '../subgraph-server';

const typeDefs = parse(`
  type Query { person(idNumber: ID!): Person }
  type Person @key(fields: "idNumber") { idNumber: ID! name: String }
`);

let resolved = 0;

const resolvers = {
  Query: {
    person: (_: unknown, { idNumber }: { idNumber: string }) => {
      resolved++;
      if (idNumber === 'bad')
        throw new GraphQLError('not an ID number', { extensions: { code: 'BAD_USER_INPUT' } });
      if (idNumber === 'broken') throw new Error('SELECT * FROM people: disk I/O error');
      return { idNumber, name: `name of ${idNumber}` };
    },
  },
};

const QUERY = 'query Person($id: ID!) { person(idNumber: $id) { idNumber name } }';

/** What the gateway sends. */
function gatewayRequest(
  method = 'POST',
  headers: http.IncomingHttpHeaders = {},
): http.IncomingMessage {
  return {
    method,
    url: '/graphql',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
  } as http.IncomingMessage;
}

describe('known operations', () => {
  const formatError = redactInternalError('test', () => {});
  let known: KnownOperations;
  let apollo: ApolloServer;
  const context = async () => ({});

  beforeAll(async () => {
    known = new KnownOperations(buildSubgraphSchema({ typeDefs, resolvers }), formatError);
    apollo = new ApolloServer({
      schema: buildSubgraphSchema({ typeDefs, resolvers }),
      includeStacktraceInErrorResponses: false,
      formatError,
      plugins: [ApolloServerPluginInlineTraceDisabled(), known.plugin()],
    });
    await apollo.start();
  });
  afterAll(() => apollo.stop());

  async function viaApollo(body: unknown, req = gatewayRequest()) {
    const response = await executeWithApollo(apollo, req, body, context);
    if (response.body.kind !== 'complete') throw new Error('expected a complete body');
    return {
      status: response.status ?? 200,
      headers: Object.fromEntries(response.headers),
      body: response.body.string,
    };
  }

  it('leaves a document to Apollo Server until Apollo Server has resolved it', async () => {
    const body = { query: `${QUERY} `, operationName: 'Person', variables: { id: '1' } };
    expect(await known.execute(gatewayRequest(), body, context)).toBeNull();
    await viaApollo(body);
    expect(await known.execute(gatewayRequest(), body, context)).not.toBeNull();
  });

  it.each([
    ['data', { id: '320602195601017330' }],
    ['a user input error', { id: 'bad' }],
    ['an internal error, redacted', { id: 'broken' }],
  ])('answers with %s exactly as Apollo Server does', async (_, variables) => {
    const body = { query: QUERY, operationName: 'Person', variables };
    const expected = await viaApollo(body);
    const answer = await known.execute(gatewayRequest(), body, context);
    expect(answer).toEqual(expected);
    expect(answer!.body).not.toContain('disk I/O');
  });

  it('runs no resolver and leaves the answer to Apollo Server when the variables do not fit', async () => {
    const body = { query: QUERY, operationName: 'Person', variables: { id: 'x' } };
    await viaApollo(body);
    const before = resolved;
    const misfit = { ...body, variables: { id: null } };
    expect(await known.execute(gatewayRequest(), misfit, context)).toBeNull();
    expect(resolved).toBe(before);
    const refused = await viaApollo(misfit);
    expect(refused.status).toBe(400);
    expect(JSON.parse(refused.body).errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it.each([
    ['a GET request', gatewayRequest('GET'), {}],
    ['another content type', gatewayRequest('POST', { 'content-type': 'text/plain' }), {}],
    [
      'another accept header',
      gatewayRequest('POST', { accept: 'application/graphql-response+json' }),
      {},
    ],
    ['another operation name', gatewayRequest(), { operationName: 'Other' }],
    ['extensions', gatewayRequest(), { extensions: { persistedQuery: { version: 1 } } }],
    ['variables that are not an object', gatewayRequest(), { variables: '{"id":"1"}' }],
  ])('leaves %s to Apollo Server', async (_, req, extra) => {
    const body = { query: QUERY, operationName: 'Person', variables: { id: '1' } };
    await viaApollo(body);
    expect(await known.execute(req, { ...body, ...extra }, context)).toBeNull();
  });
});

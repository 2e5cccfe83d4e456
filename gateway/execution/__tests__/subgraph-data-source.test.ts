import http from 'node:http';
import net from 'node:net';
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLDataSourceRequestKind } from '@apollo/gateway/dist/datasources/types';
import { ApolloContextValue, GatewayContext } from '../../stages/request-context';
import { hookPipeline } from '../../stages/stage-hooks';
import { SubgraphDataSource } from '../subgraph-data-source';

type Handler = (req: http.IncomingMessage, body: string, res: http.ServerResponse) => void;

async function serve(
  handler: Handler,
): Promise<{ url: string; sockets: () => number; close(): Promise<void> }> {
  let sockets = 0;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => handler(req, body, res));
  });
  server.on('connection', () => sockets++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    sockets: () => sockets,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function operation(query = '{ a }'): GraphQLDataSourceProcessOptions<ApolloContextValue> {
  const context: ApolloContextValue = { gateway: { requestId: 'r1' } as GatewayContext };
  return {
    kind: GraphQLDataSourceRequestKind.INCOMING_OPERATION,
    request: { query, variables: { x: 1 } },
    context,
    incomingRequestContext: {} as never,
  };
}

function client(
  url: string,
  extra: Partial<ConstructorParameters<typeof SubgraphDataSource>[0]> = {},
) {
  return new SubgraphDataSource({
    name: 'population',
    url,
    // Generous: the suite may share the machine with load tests; the deadline test sets its own.
    timeoutMs: 10_000,
    connectTimeoutMs: 1000,
    connections: 4,
    hooks: hookPipeline(),
    ...extra,
  });
}

describe('SubgraphDataSource', () => {
  it('posts the operation as JSON and returns the subgraph’s GraphQL result', async () => {
    const server = await serve((req, body, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          data: { echo: JSON.parse(body), contentType: req.headers['content-type'] },
        }),
      );
    });
    const source = client(server.url);
    try {
      const result = await source.process(operation('{ person { name } }'));
      expect(result.data).toEqual({
        echo: { query: '{ person { name } }', variables: { x: 1 } },
        contentType: 'application/json',
      });
    } finally {
      await source.close();
      await server.close();
    }
  });

  it('reuses keep-alive connections instead of opening one per fetch', async () => {
    const server = await serve((_req, _body, res) => res.end('{"data":{"a":1}}'));
    const source = client(server.url);
    try {
      for (let i = 0; i < 50; i++)
        expect((await source.process(operation())).data).toEqual({ a: 1 });
      // undici's pool may open a second socket while the first finishes its response; never more.
      expect(server.sockets()).toBeLessThanOrEqual(2);
    } finally {
      await source.close();
      await server.close();
    }
  });

  it('gives up at the deadline with SUBGRAPH_UNAVAILABLE (TIMEOUT) naming the subgraph', async () => {
    const server = await serve(() => {});
    const source = client(server.url, { timeoutMs: 300 });
    try {
      const started = Date.now();
      const result = await source.process(operation());
      expect(Date.now() - started).toBeLessThan(1500);
      expect(result.data).toBeUndefined();
      expect(result.errors).toEqual([
        {
          message: 'The population subgraph is unavailable: no answer within 300 ms',
          extensions: { code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'population', reason: 'TIMEOUT' },
        },
      ]);
    } finally {
      await source.close();
      await server.close();
    }
  });

  it('reports a refused connection as SUBGRAPH_UNAVAILABLE (CONNECTION_REFUSED)', async () => {
    const server = await serve(() => {});
    const url = server.url;
    await server.close();
    const source = client(url);
    try {
      expect((await source.process(operation())).errors?.[0].extensions).toMatchObject({
        code: 'SUBGRAPH_UNAVAILABLE',
        reason: 'CONNECTION_REFUSED',
      });
    } finally {
      await source.close();
    }
  });

  it('reports an error status without a GraphQL body as SUBGRAPH_UNAVAILABLE (HTTP_STATUS)', async () => {
    const server = await serve((_req, _body, res) => {
      res.statusCode = 502;
      res.end('<html>bad gateway</html>');
    });
    const source = client(server.url);
    try {
      expect((await source.process(operation())).errors?.[0].extensions).toMatchObject({
        code: 'SUBGRAPH_UNAVAILABLE',
        reason: 'HTTP_STATUS',
        status: 502,
      });
    } finally {
      await source.close();
      await server.close();
    }
  });

  it('lets an onSubgraphRequest hook add headers computed over exactly the bytes sent', async () => {
    const seen: { signature?: string; body?: string }[] = [];
    const server = await serve((req, body, res) => {
      seen.push({ signature: req.headers['x-signature'] as string, body });
      res.end('{"data":{}}');
    });
    const hooks = hookPipeline([
      {
        name: 'signer',
        onSubgraphRequest(request) {
          request.headers['x-signature'] =
            `${request.subgraph}:${request.context?.requestId}:${request.body.length}:${request.body}`;
        },
      },
    ]);
    const source = client(server.url, { hooks });
    try {
      await source.process(operation('{ b }'));
      expect(seen).toHaveLength(1);
      expect(seen[0].signature).toBe(`population:r1:${seen[0].body!.length}:${seen[0].body}`);
    } finally {
      await source.close();
      await server.close();
    }
  });
});

describe('onSubgraphResponse', () => {
  it('tells observers how each fetch ended, answered or failed, without changing the answer', async () => {
    const server = await serve((_req, _body, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ data: { a: 1 } }));
    });
    const seen: { subgraph: string; status: number | null; failure: string | null; ms: number }[] =
      [];
    const hooks = hookPipeline([
      {
        name: 'observer',
        onSubgraphRequest: ({ headers }) => void (headers['x-seen'] = 'yes'),
        onSubgraphResponse: ({ subgraph, status, failure, durationMs, headers, context }) => {
          expect(headers['x-seen']).toBe('yes');
          expect(context?.requestId).toBe('r1');
          seen.push({ subgraph, status, failure, ms: durationMs });
        },
      },
      {
        name: 'broken observer',
        onSubgraphResponse: () => {
          throw new Error('an observer that throws changes nothing');
        },
      },
    ]);
    const source = client(server.url, { hooks });
    const closed = client('http://127.0.0.1:1/graphql', { hooks });
    try {
      expect((await source.process(operation())).data).toEqual({ a: 1 });
      const failed = await closed.process(operation());
      expect(failed.errors?.[0].extensions?.code).toBe('SUBGRAPH_UNAVAILABLE');
      expect(seen).toEqual([
        { subgraph: 'population', status: 200, failure: null, ms: expect.any(Number) },
        {
          subgraph: 'population',
          status: null,
          failure: 'CONNECTION_REFUSED',
          ms: expect.any(Number),
        },
      ]);
      expect(seen[0].ms).toBeGreaterThan(0);
    } finally {
      await source.close();
      await closed.close();
      await server.close();
    }
  });
});

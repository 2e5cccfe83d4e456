import type http from 'node:http';
import { AssetStore } from '../../graphiql/graphiql-assets';
import type { HttpRoute } from '../http-route';
import { PAGE_ROUTE_PATH, requestRouter } from '../request-router';

interface Answer {
  status: number;
  body: string;
  by: string;
}

/** Runs one request through the router with stand-ins that say who answered it. */
function ask(
  routes: HttpRoute[],
  method: string,
  url: string,
  accept = 'text/html',
  graphiql = true,
): Promise<Answer> {
  return new Promise((resolve) => {
    const answer: Answer = { status: 0, body: '', by: '' };
    const res = {
      headersSent: false,
      writeHead(status: number) {
        answer.status = status;
        return res;
      },
      setHeader() {},
      end(body?: string | Buffer) {
        answer.body = body ? String(body) : '';
        resolve(answer);
      },
      destroy() {},
    } as unknown as http.ServerResponse;
    const req = { method, url, headers: { accept, host: '127.0.0.1' } } as http.IncomingMessage;
    const by = (who: string) => async (_req: unknown, r: http.ServerResponse) => {
      answer.by = who;
      r.writeHead(200);
      r.end();
    };
    requestRouter({
      graphql: by('graphql'),
      graphiql: graphiql ? { page: '<p>plain GraphiQL</p>', assets: new AssetStore() } : null,
      log: () => {},
      routes,
    })(req, res);
  });
}

const route = (method: 'GET' | 'POST', path: string): HttpRoute => ({
  method,
  path,
  handle: (_req, res) => {
    res.writeHead(200);
    res.end(`route ${method} ${path}`);
  },
});

const WORKBENCH = [route('GET', PAGE_ROUTE_PATH), route('POST', '/auth/sign-out')];

describe('requestRouter pages', () => {
  it('answers a browser opening / or /graphql with the workbench’s page route', async () => {
    for (const url of ['/', '/graphql'])
      expect((await ask(WORKBENCH, 'GET', url)).body).toBe('route GET /');
  });

  it('keeps /graphql for GraphQL clients: GET with a query, JSON accepts and POST never reach a route', async () => {
    expect((await ask(WORKBENCH, 'GET', '/graphql?query=%7Ba%7D')).by).toBe('graphql');
    expect((await ask(WORKBENCH, 'GET', '/graphql', 'application/json')).by).toBe('graphql');
    expect((await ask(WORKBENCH, 'POST', '/graphql', 'application/json')).by).toBe('graphql');
    const root = await ask(WORKBENCH, 'GET', '/', 'application/json');
    expect(root.status).toBe(404);
  });

  it('serves the plain GraphiQL page when there is no workbench, and other routes as before', async () => {
    expect((await ask([], 'GET', '/graphql')).body).toBe('<p>plain GraphiQL</p>');
    expect((await ask(WORKBENCH, 'POST', '/auth/sign-out')).body).toBe('route POST /auth/sign-out');
    expect((await ask([], 'GET', '/graphql', 'text/html', false)).by).toBe('graphql');
  });
});

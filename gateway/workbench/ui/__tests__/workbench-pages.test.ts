import type http from 'node:http';
import { buildSchema } from 'graphql';
import { workbenchPages } from '..';
import { GRAPHIQL_CSP } from '../../../graphiql/graphiql-page';
import type { HttpRoute } from '../../../http/http-route';
import type { Sessions, SessionView } from '../../sessions';
import type { WorkbenchDeps } from '../../workbench-deps';
import { pageShell } from '../page-shell';

interface Answer {
  status: number;
  headers: Record<string, unknown>;
  body: string;
}

function respond(route: HttpRoute, path: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const answer: Answer = { status: 0, headers: {}, body: '' };
    const res = {
      writeHead(status: number, headers: Record<string, unknown>) {
        answer.status = status;
        answer.headers = headers;
        return res;
      },
      end(body?: string) {
        answer.body = body ?? '';
        resolve(answer);
      },
    } as unknown as http.ServerResponse;
    const req = { method: 'GET', url: path, headers: {} } as http.IncomingMessage;
    Promise.resolve(route.handle(req, res, new URL(path, 'http://127.0.0.1:4000'))).catch(reject);
  });
}

const ANALYST = { department: 'tax' } as SessionView;

function pages(signedIn: boolean): HttpRoute[] {
  const sessions = { sessionOf: async () => (signedIn ? ANALYST : null) } as unknown as Sessions;
  const schema = buildSchema('type Query { hello: String }');
  return workbenchPages({ apiSchema: () => schema } as unknown as WorkbenchDeps, sessions);
}

const route = (routes: HttpRoute[], path: string) => routes.find((r) => r.path === path)!;

describe('the workbench pages', () => {
  it('send someone not signed in to sign in, naming only the path asked for', async () => {
    for (const [path, url] of [
      ['/', '/'],
      ['/catalogue', '/catalogue?owner=tax'],
    ]) {
      const answer = await respond(route(pages(false), path), url);
      expect(answer.status).toBe(303);
      expect(answer.headers.location).toBe(`/auth/sign-in?next=${encodeURIComponent(url)}`);
      expect(answer.body).toBe('');
    }
  });

  it('serve the signed-in analyst the pages under the same-origin CSP', async () => {
    for (const path of ['/', '/catalogue']) {
      const answer = await respond(route(pages(true), path), path);
      expect(answer.status).toBe(200);
      expect(answer.headers['content-security-policy']).toBe(GRAPHIQL_CSP);
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
      const urls = [...answer.body.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
      expect(urls.length).toBeGreaterThan(3);
      expect(urls.every((u) => u.startsWith('/graphiql/'))).toBe(true);
      // Settings are data, not script: no inline script runs.
      expect(answer.body).not.toMatch(/<script>(?!<)/);
    }
    const workbench = await respond(route(pages(true), '/'), '/');
    expect(workbench.body).toContain('plugin-explorer.umd.js');
    expect(workbench.body).toContain('__schema');
  });
});

describe('pageShell', () => {
  it('keeps its settings inert and escapes its title', () => {
    const html = pageShell({
      title: '</title><script>alert(1)</script>',
      root: 'x',
      loading: '…',
      styles: [],
      scripts: ['sjt-core.js'],
      config: { q: '</script><script>alert(1)</script>' },
    });
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('&lt;/title&gt;');
    expect(html).toContain('\\u003c/script>');
  });
});

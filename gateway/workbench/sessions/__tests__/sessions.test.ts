/**
 * A gateway that only verifies tokens (JWT_PUBLIC_KEY, no private key) cannot issue sessions:
 * its sign-in says so, on the page and in the log, and nothing crashes; sessions issued by an
 * instance that can sign are still accepted.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { readGatewayConfig } from '../../../config';
import { loadTokenKeys } from '../../../auth/token-keys';
import { readTokenSettings } from '../../../auth/token-settings';
import { findRoute } from '../../../http/http-route';
import type { WorkbenchDeps } from '../../workbench-deps';
import { createSessions, Sessions } from '..';
import { mintSessionToken, newSessionId } from '../session-token';

const json = (res: Response): Promise<any> => res.json();

describe('sessions on a gateway without a signing key', () => {
  const lines: string[] = [];
  let server: http.Server;
  let origin: string;
  let sessions: Sessions;
  let token: string;

  beforeAll(async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const signingKeys = await loadTokenKeys(
      readTokenSettings({
        JWT_PRIVATE_KEY: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
      }),
    );
    const settings = readTokenSettings({
      JWT_PUBLIC_KEY: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
    });
    const keys = await loadTokenKeys(settings);
    const tokens = { ...keys, issuer: settings.issuer, audience: settings.audience };
    token = await mintSessionToken(
      { ...tokens, signing: signingKeys.signing },
      { department: 'tax', application: null, operator: 'c1', roles: [] },
      { sid: newSessionId(), startedAt: Math.floor(Date.now() / 1000), via: 'dev' },
      900,
    );
    const deps = {
      config: readGatewayConfig({}),
      tokens,
      secret: randomBytes(32),
      registry: { lookup: async () => null },
      client: {
        query: async () => ({ applications: { nodes: [], pageInfo: { hasNextPage: false } } }),
      },
      log: (line: string) => lines.push(line),
    } as unknown as WorkbenchDeps;
    sessions = createSessions(deps);
    server = http.createServer((req, res) => {
      const url = new URL(req.url!, 'http://localhost');
      const route = findRoute(sessions.routes, req.method, url.pathname)!;
      Promise.resolve(route.handle(req, res, url)).catch((err) => {
        res.writeHead(500).end(String(err));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    await sessions.close();
  });

  it('says on the page and in the log that sign-in is unavailable, offering no form', async () => {
    const res = await fetch(`${origin}/auth/sign-in`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('no JWT_PRIVATE_KEY');
    expect(html).not.toContain('action="/auth/dev/sign-in"');
    expect(lines.join('\n')).toMatch(/sign-in is unavailable on this gateway/);
  });

  it('refuses the development form with 503, not a crash', async () => {
    const res = await fetch(`${origin}/auth/dev/sign-in`, {
      method: 'POST',
      headers: { origin, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'department=tax&operator=c1',
    });
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('no JWT_PRIVATE_KEY');
  });

  it('still accepts a session another instance issued', async () => {
    const res = await fetch(`${origin}/auth/session`, {
      headers: { cookie: `sjt_session=${token}` },
    });
    expect(res.status).toBe(200);
    expect((await json(res)).caller.operator).toBe('c1');
  });

  it('credentials(): the cookie becomes the Authorization header only with its CSRF token, or csrf: false', async () => {
    const { csrfToken } = await json(
      await fetch(`${origin}/auth/session`, { headers: { cookie: `sjt_session=${token}` } }),
    );
    const req = (headers: http.IncomingHttpHeaders) => ({ headers }) as http.IncomingMessage;

    const withCsrf = req({ cookie: `sjt_session=${token}`, 'x-csrf-token': csrfToken });
    await sessions.credentials(withCsrf);
    expect(withCsrf.headers.authorization).toBe(`Bearer ${token}`);

    const download = req({ cookie: `sjt_session=${token}` });
    await sessions.credentials(download, { csrf: false });
    expect(download.headers.authorization).toBe(`Bearer ${token}`);

    const without = req({ cookie: `sjt_session=${token}` });
    await expect(sessions.credentials(without)).rejects.toMatchObject({
      status: 403,
      code: 'CSRF_REQUIRED',
    });
    expect(without.headers.authorization).toBeUndefined();

    const program = req({
      cookie: `sjt_session=${token}`,
      authorization: 'Bearer program.token.x',
    });
    await sessions.credentials(program);
    expect(program.headers.authorization).toBe('Bearer program.token.x');

    const none = req({});
    await sessions.credentials(none);
    expect(none.headers.authorization).toBeUndefined();

    await expect(
      sessions.credentials(req({ cookie: 'sjt_session=a.b.c', 'x-csrf-token': csrfToken })),
    ).rejects.toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
  });

  it("sessionOf(): the analyst and the session's times and CSRF token, or null", async () => {
    const view = await sessions.sessionOf({
      headers: { cookie: `sjt_session=${token}` },
    } as http.IncomingMessage);
    expect(view).toMatchObject({ department: 'tax', operator: 'c1', via: 'dev' });
    expect(view!.expiresAt.getTime()).toBeGreaterThan(Date.now());
    expect(view!.csrfToken).toMatch(/^[\w-]{43}$/);
    expect(await sessions.sessionOf({ headers: {} } as http.IncomingMessage)).toBeNull();
  });
});

describe('sessions while Redis does not answer', () => {
  it('serve requests but renew nothing (a session signed out elsewhere could not be seen)', async () => {
    const pem = generateKeyPairSync('ed25519')
      .privateKey.export({ format: 'pem', type: 'pkcs8' })
      .toString();
    const settings = readTokenSettings({ JWT_PRIVATE_KEY: pem });
    const keys = await loadTokenKeys(settings);
    const tokens = { ...keys, issuer: settings.issuer, audience: settings.audience };
    const lines: string[] = [];
    const sessions = createSessions({
      config: { ...readGatewayConfig({}), redisUrl: 'redis://127.0.0.1:1' },
      tokens,
      secret: randomBytes(32),
      registry: { lookup: async () => null },
      client: { query: async () => ({}) },
      log: (line: string) => lines.push(line),
    } as unknown as WorkbenchDeps);
    try {
      const token = await mintSessionToken(
        tokens,
        { department: 'tax', application: null, operator: 'c1', roles: [] },
        { sid: newSessionId(), startedAt: Math.floor(Date.now() / 1000), via: 'dev' },
        900,
      );
      const req = { headers: { cookie: `sjt_session=${token}` } } as http.IncomingMessage;
      const view = await sessions.sessionOf(req);
      expect(view?.operator).toBe('c1');
      const refresh = findRoute(sessions.routes, 'POST', '/auth/refresh')!;
      const refreshing = {
        headers: { cookie: `sjt_session=${token}`, 'x-csrf-token': view!.csrfToken },
      } as unknown as http.IncomingMessage;
      await expect(
        refresh.handle(refreshing, {} as http.ServerResponse, new URL('http://x/auth/refresh')),
      ).rejects.toMatchObject({ status: 503, code: 'SESSION_STORE_UNAVAILABLE' });
      expect(lines.join('\n')).toMatch(/DEGRADED: Redis is not answering/);
    } finally {
      await sessions.close();
    }
  });
});

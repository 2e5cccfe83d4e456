/**
 * The analysts' sessions through a real gateway: the development sign-in, the session cookie
 * and its CSRF token standing in for a bearer token on /graphql (audited as the analyst), its
 * renewal, sign-out (a copied cookie stops working), the maximum age, and what an attacker tries:
 * a forged or borrowed cookie, a missing or foreign CSRF token, a sign-in form posted from
 * another site, an identity the registry does not back, open redirects, production.
 */
import { generateKeyPairSync } from 'node:crypto';
import { Knex } from 'knex';
import { readGatewayConfig } from '../../../gateway/config';
import { readWorkbenchSettings } from '../../../gateway/config/workbench';
import { mintSessionToken, newSessionId } from '../../../gateway/workbench/sessions/session-token';
import { postGraphQL } from '../../utils/graphql-client';
import { Platform, startPlatform } from '../../utils/platform';
import { describeWithService } from '../../utils/services';
import { recordsFor } from '../audit/audit-rows';
import { json, SessionBrowser } from './sessions-browser';

const ANALYST = {
  department: 'civil-affairs',
  application: 'minimum-living-allowance',
  operator: 'analyst-7',
  roles: 'analyst, case-worker',
};
const QUERY = '{ departments { code } }';

describe('workbench sessions', () => {
  let platform: Platform;
  let origin: string;
  let db: Knex;
  const lines: string[] = [];

  beforeAll(async () => {
    platform = await startPlatform({ subgraphs: ['sharing'], log: (l) => lines.push(l) });
    origin = new URL(platform.gatewayUrl).origin;
    db = await platform.audit!.connect();
  });
  afterAll(async () => {
    await platform?.stop();
  });

  /** A browser signed in through the development form. */
  async function signedIn(fields: Partial<typeof ANALYST> & { next?: string } = {}) {
    const browser = new SessionBrowser();
    const res = await browser.postForm(
      `${origin}/auth/dev/sign-in`,
      { ...ANALYST, next: '/catalogue', ...fields },
      `${origin}/auth/sign-in`,
    );
    const session = await json(await browser.request(`${origin}/auth/session`));
    return { browser, res, session, cookie: browser.cookie(origin, 'sjt_session') };
  }

  const graphqlAs = (browser: SessionBrowser, headers: Record<string, string> = {}) =>
    browser.request(platform.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query: QUERY }),
    });

  it('serves a sign-in page in Chinese and English, under a CSP that allows no script', async () => {
    const res = await fetch(`${origin}/auth/sign-in?next=/catalogue`);
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toMatch(/script-src/);
    expect(csp).toContain("form-action 'self'");
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    const html = await res.text();
    expect(html).toContain('开发用登录 · Development sign-in — not for production');
    expect(html).not.toMatch(/<script/i);
    // The registry's ACTIVE applications, grouped by department.
    expect(html).toContain('<option value="minimum-living-allowance">');
    expect(html).toContain('name="next" value="/catalogue"');
  });

  it('signs in through the development form: an HttpOnly, SameSite=Strict cookie, then on to next', async () => {
    const { res, session, cookie } = await signedIn();
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/catalogue');
    const [setCookie] = res.headers.getSetCookie();
    expect(setCookie).toMatch(/^sjt_session=[\w-]+\.[\w-]+\.[\w-]+; /);
    expect(setCookie).toContain('; Path=/');
    expect(setCookie).toContain('; HttpOnly');
    expect(setCookie).toContain('; SameSite=Strict');
    expect(setCookie).toContain('; Max-Age=900');
    expect(setCookie).not.toContain('Secure');
    expect(cookie).toBeTruthy();
    expect(session).toEqual({
      signedIn: true,
      caller: {
        department: 'civil-affairs',
        departmentName: '民政局',
        application: 'minimum-living-allowance',
        operator: 'analyst-7',
        roles: ['analyst', 'case-worker'],
      },
      via: 'dev',
      expiresAt: expect.any(String),
      sessionExpiresAt: expect.any(String),
      csrfToken: expect.stringMatching(/^[\w-]{43}$/),
    });
    const left = (Date.parse(session.sessionExpiresAt) - Date.now()) / 3600_000;
    expect(left).toBeGreaterThan(7.9);
    expect(left).toBeLessThanOrEqual(8);
  });

  it('answers GraphQL for the cookie with its CSRF token, audited as the analyst', async () => {
    const { browser, session } = await signedIn();
    const res = await graphqlAs(browser, { 'x-csrf-token': session.csrfToken });
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.errors).toBeUndefined();
    expect(body.data.departments.length).toBeGreaterThan(5);
    await platform.audit!.ship();
    const [record] = await recordsFor(db, res.headers.get('x-request-id')!);
    expect(record).toMatchObject({
      department: 'civil-affairs',
      application: 'minimum-living-allowance',
      operator: 'analyst-7',
      roles: ['analyst', 'case-worker'],
      outcome: 'ok',
    });
  });

  it('refuses the cookie without its CSRF token, or with another session’s (403 CSRF_REQUIRED)', async () => {
    const { browser } = await signedIn();
    const other = await signedIn({ operator: 'analyst-8' });
    for (const headers of [
      {} as Record<string, string>,
      { 'x-csrf-token': other.session.csrfToken as string },
      { 'x-csrf-token': '' },
    ]) {
      const res = await graphqlAs(browser, headers);
      expect(res.status).toBe(403);
      expect((await json(res)).errors[0].extensions.code).toBe('CSRF_REQUIRED');
    }
  });

  it('refuses a forged cookie: another key, a changed claim, or a plain bearer token (401)', async () => {
    const { session, cookie } = await signedIn();
    const otherKey = generateKeyPairSync('ed25519').privateKey;
    const signing = platform.security!.tokenKeys.signing!;
    const foreign = await mintSessionToken(
      {
        ...platform.security!.tokenSettings,
        signing: { ...signing, privateKey: otherKey },
        verification: signing,
      },
      { department: 'public-security', application: null, operator: 'mallory', roles: [] },
      { sid: newSessionId(), startedAt: Math.floor(Date.now() / 1000), via: 'dev' },
      900,
    );
    const [header, payload, signature] = cookie!.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const changed = Buffer.from(
      JSON.stringify({ ...claims, department: 'public-security' }),
    ).toString('base64url');
    const bearer = await platform.token({ department: 'civil-affairs', operator: 'analyst-7' });
    for (const forged of [foreign, `${header}.${changed}.${signature}`, bearer]) {
      const browser = new SessionBrowser();
      browser.setCookie(origin, 'sjt_session', forged);
      const res = await graphqlAs(browser, { 'x-csrf-token': session.csrfToken });
      expect(res.status).toBe(401);
      expect((await json(res)).errors[0].extensions.code).toBe('UNAUTHENTICATED');
      expect((await browser.request(`${origin}/auth/session`)).status).toBe(401);
    }
  });

  it('leaves a program’s Authorization header alone, cookie or not', async () => {
    const { browser } = await signedIn();
    const res = await graphqlAs(
      browser,
      await platform.headers({ department: 'tax', operator: 'program-1' }),
    );
    expect(res.status).toBe(200);
    await platform.audit!.ship();
    const [record] = await recordsFor(db, res.headers.get('x-request-id')!);
    expect(record).toMatchObject({ department: 'tax', operator: 'program-1' });
  });

  it('renews the session with its CSRF token: a new cookie, same session, not past its maximum age', async () => {
    const { browser, session, cookie } = await signedIn();
    expect((await browser.request(`${origin}/auth/refresh`, { method: 'POST' })).status).toBe(403);
    await new Promise((r) => setTimeout(r, 1100));
    const res = await browser.request(`${origin}/auth/refresh`, {
      method: 'POST',
      headers: { 'x-csrf-token': session.csrfToken },
    });
    expect(res.status).toBe(200);
    const renewed = await json(res);
    expect(res.headers.getSetCookie()[0]).toMatch(/^sjt_session=.*; HttpOnly; SameSite=Strict/);
    expect(browser.cookie(origin, 'sjt_session')).not.toBe(cookie);
    expect(renewed.csrfToken).toBe(session.csrfToken);
    expect(renewed.sessionExpiresAt).toBe(session.sessionExpiresAt);
    expect(Date.parse(renewed.expiresAt)).toBeGreaterThan(Date.parse(session.expiresAt));
    const after = await graphqlAs(browser, { 'x-csrf-token': renewed.csrfToken });
    expect(after.status).toBe(200);
  });

  it('signs out: the cookie is cleared, and a copy of it is refused everywhere', async () => {
    const { browser, session, cookie } = await signedIn();
    const copy = new SessionBrowser();
    copy.setCookie(origin, 'sjt_session', cookie!);
    const res = await browser.request(`${origin}/auth/sign-out`, {
      method: 'POST',
      headers: { 'x-csrf-token': session.csrfToken },
    });
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ signedOut: true, next: '/auth/sign-in' });
    expect(res.headers.getSetCookie()[0]).toMatch(/^sjt_session=; Path=\/; Max-Age=0/);
    expect(browser.cookie(origin, 'sjt_session')).toBeNull();
    const refused = await graphqlAs(copy, { 'x-csrf-token': session.csrfToken });
    expect(refused.status).toBe(401);
    expect((await json(refused)).errors[0].message).toMatch(/signed out/);
    const renew = await copy.request(`${origin}/auth/refresh`, {
      method: 'POST',
      headers: { 'x-csrf-token': session.csrfToken },
    });
    expect(renew.status).toBe(401);
    // The refusal also tells the browser to drop the dead cookie.
    expect(copy.cookie(origin, 'sjt_session')).toBeNull();
    copy.setCookie(origin, 'sjt_session', cookie!);
    expect((await copy.request(`${origin}/auth/session`)).status).toBe(401);
  });

  it('refuses a session past its maximum age, though its token has not expired', async () => {
    const signing = platform.security!.tokenKeys.signing!;
    const keys = { ...platform.security!.tokenSettings, signing, verification: signing };
    const startedAt = Math.floor(Date.now() / 1000) - 8 * 3600 - 5;
    const token = await mintSessionToken(
      keys,
      { department: 'civil-affairs', application: null, operator: 'analyst-7', roles: [] },
      { sid: newSessionId(), startedAt, via: 'dev' },
      900,
    );
    const browser = new SessionBrowser();
    browser.setCookie(origin, 'sjt_session', token);
    const refused = await graphqlAs(browser, {});
    expect(refused.status).toBe(401);
    expect((await json(refused)).errors[0].message).toMatch(/maximum age/);
    const res = await browser.request(`${origin}/auth/session`);
    expect(res.status).toBe(401);
    expect(await json(res)).toEqual({ signedIn: false, signIn: '/auth/sign-in' });
  });

  it('refuses identities the registry does not back, with the reason', async () => {
    for (const [fields, reason] of [
      [{ department: 'tax' }, /belongs to civil-affairs, not tax/],
      [{ application: 'no-such-system' }, /not registered/],
      [{ department: 'nowhere' }, /not a registered department/],
      [{ operator: 'has space' }, /operator claim/],
      [{ operator: '' }, /operator is missing/],
      [{ roles: 'Admin' }, /roles claim/],
    ] as const) {
      const { res, cookie } = await signedIn(fields);
      expect(res.status).toBe(403);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await res.text()).toMatch(reason);
      expect(cookie).toBeNull();
    }
  });

  it('accepts the form only from its own page (login CSRF)', async () => {
    const url = `${origin}/auth/dev/sign-in`;
    const body = new URLSearchParams({ ...ANALYST, next: '/' }).toString();
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    for (const headers of [
      { origin: 'http://evil.example' } as Record<string, string>,
      { origin: 'null' },
      { referer: 'http://evil.example/page' },
      {},
      { origin, 'sec-fetch-site': 'cross-site' },
    ]) {
      const res = await fetch(url, {
        method: 'POST',
        redirect: 'manual',
        headers: { ...form, ...headers },
        body,
      });
      expect(res.status).toBe(403);
      expect(res.headers.getSetCookie()).toEqual([]);
    }
  });

  it('lands every open redirect attempt on /', async () => {
    for (const next of [
      '//evil.example',
      '/\\evil.example',
      'https://evil.example',
      '/\t/evil.example',
      'javascript:alert(1)',
    ]) {
      const { res } = await signedIn({ next });
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/');
    }
    const page = await (
      await fetch(`${origin}/auth/sign-in?next=${encodeURIComponent('//evil.example')}`)
    ).text();
    expect(page).toContain('name="next" value="/"');
  });

  it('does not offer or accept the development sign-in in production', async () => {
    expect(() => readGatewayConfig({ NODE_ENV: 'production', WORKBENCH_DEV_SIGN_IN: '1' })).toThrow(
      /WORKBENCH_DEV_SIGN_IN is on and NODE_ENV=production/,
    );
    const production = await platform.addGateway({
      workbench: readWorkbenchSettings({ NODE_ENV: 'production' }),
    });
    const prodOrigin = new URL(production.url).origin;
    const page = await (await fetch(`${prodOrigin}/auth/sign-in`)).text();
    expect(page).not.toContain('/auth/dev/sign-in');
    expect(page).toContain('No sign-in is configured');
    const res = await new SessionBrowser().postForm(
      `${prodOrigin}/auth/dev/sign-in`,
      { ...ANALYST, next: '/' },
      `${prodOrigin}/auth/sign-in`,
    );
    expect(res.status).toBe(404);
    expect(res.headers.getSetCookie()).toEqual([]);
  });

  it('says which sign-ins are on in the log', () => {
    expect(lines.join('\n')).toMatch(/development sign-in is ON/);
  });
});

describeWithService('redis', 'workbench sessions on two gateway instances sharing Redis', () => {
  let platform: Platform;

  beforeAll(async () => {
    platform = await startPlatform({
      subgraphs: ['sharing'],
      audit: false,
      redis: { url: process.env.REDIS_URL! },
    });
  });
  afterAll(async () => {
    await platform?.stop();
  });

  it('refuses on one instance a session signed out on the other', async () => {
    const second = await platform.addGateway();
    const one = new URL(platform.gatewayUrl).origin;
    const two = new URL(second.url).origin;
    const browser = new SessionBrowser();
    await browser.postForm(
      `${one}/auth/dev/sign-in`,
      { ...ANALYST, next: '/' },
      `${one}/auth/sign-in`,
    );
    const cookie = browser.cookie(one, 'sjt_session')!;
    const { csrfToken } = await json(await browser.request(`${one}/auth/session`));
    // Cookies are per host, not per port: the same browser is signed in on both.
    const onTwo = new SessionBrowser();
    onTwo.setCookie(two, 'sjt_session', cookie);
    expect((await onTwo.request(`${two}/auth/session`)).status).toBe(200);
    await browser.request(`${one}/auth/sign-out`, {
      method: 'POST',
      headers: { 'x-csrf-token': csrfToken },
    });
    expect((await onTwo.request(`${two}/auth/session`)).status).toBe(401);
    const graphql = await postGraphQL(
      second.url,
      QUERY,
      {},
      {
        cookie: `sjt_session=${cookie}`,
        'x-csrf-token': csrfToken,
      },
    );
    expect(graphql.status).toBe(401);
  });
});

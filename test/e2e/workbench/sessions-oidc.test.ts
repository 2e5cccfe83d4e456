/**
 * Signing in through an OpenID Connect provider, for real: the local provider
 * (scripts/local-oidc-provider.mjs, oidc-provider) on loopback, driven over HTTP as a browser
 * would, hop by hop (authorization code, PKCE, state, nonce, its login form, userinfo, its
 * end-session). And what must fail: a callback whose state was changed, one without the sealed
 * sign-in cookie (a replayed or planted link), an account whose claims the registry does not
 * back, a redirect elsewhere, a provider that is not up yet (tried again on the next sign-in).
 */
import { postGraphQL } from '../../utils/graphql-client';
import {
  LocalOidcProvider,
  startLocalOidcProvider,
  workbenchSettingsFor,
} from '../../utils/local-oidc-provider';
import { Platform, startPlatform } from '../../utils/platform';
import { formIn, json, refreshTarget, SessionBrowser } from './sessions-browser';

describe('workbench sign-in through an OpenID provider', () => {
  let idp: LocalOidcProvider;
  let platform: Platform;
  let origin: string;

  beforeAll(async () => {
    idp = await startLocalOidcProvider();
    platform = await startPlatform({
      subgraphs: ['sharing'],
      audit: false,
      gateway: {
        workbench: workbenchSettingsFor(idp, { WORKBENCH_OIDC_NAME: '本地身份认证 Local IdP' }),
      },
    });
    origin = new URL(platform.gatewayUrl).origin;
  });
  afterAll(async () => {
    await platform?.stop();
    await idp?.stop();
  });

  /** From the gateway's start to the provider's login form; returns the form page. */
  async function toLoginForm(browser: SessionBrowser, next: string) {
    const start = await browser.request(
      `${origin}/auth/oidc/start?next=${encodeURIComponent(next)}`,
    );
    expect(start.status).toBe(302);
    const authorize = new URL(start.headers.get('location')!);
    const { response, url } = await browser.follow(authorize.href);
    expect(response!.status).toBe(200);
    return { authorize, page: await response!.text(), pageUrl: url };
  }

  /** Logs in at the provider's form; returns the redirect back to the gateway, not yet followed. */
  async function logIn(browser: SessionBrowser, account: string, next = '/catalogue') {
    const { authorize, page, pageUrl } = await toLoginForm(browser, next);
    const form = formIn(page);
    const submitted = await browser.postForm(
      new URL(form.action, pageUrl).href,
      { ...form.fields, login: account, password: 'any password' },
      pageUrl,
    );
    expect(submitted.status).toBe(303);
    // The provider's last redirect is to the gateway's callback: stop there, unrequested.
    const { response, url, hops } = await browser.follow(
      new URL(submitted.headers.get('location')!, pageUrl).href,
      (to) => to.startsWith(`${origin}/auth/oidc/callback`),
    );
    if (response)
      throw new Error(`the provider did not send the browser back: ${JSON.stringify(hops)}`);
    return { authorize, callback: url };
  }

  it('offers the provider on the sign-in page', async () => {
    const html = await (await fetch(`${origin}/auth/sign-in?next=/catalogue`)).text();
    expect(html).toContain('href="/auth/oidc/start?next=%2Fcatalogue"');
    expect(html).toContain('本地身份认证 Local IdP');
  });

  it('sends the browser to the provider with PKCE S256, state and nonce, keeping them sealed in a cookie', async () => {
    const browser = new SessionBrowser();
    const start = await browser.request(`${origin}/auth/oidc/start?next=/catalogue`);
    const to = new URL(start.headers.get('location')!);
    expect(to.origin).toBe(new URL(idp.issuer).origin);
    expect(Object.fromEntries(to.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: idp.clientId,
      redirect_uri: `${origin}/auth/oidc/callback`,
      scope: 'openid profile',
      code_challenge_method: 'S256',
      code_challenge: expect.stringMatching(/^[\w-]{43}$/),
      state: expect.stringMatching(/^[\w-]{20,}$/),
      nonce: expect.stringMatching(/^[\w-]{20,}$/),
    });
    const [cookie] = start.headers.getSetCookie();
    expect(cookie).toMatch(
      /^sjt_oidc_state=[\w-]+; Path=\/auth\/oidc\/callback; Max-Age=600; HttpOnly; SameSite=Lax$/,
    );
    // Neither the state nor anything else readable travels in the clear.
    const sealed = browser.cookie(origin, 'sjt_oidc_state')!;
    expect(Buffer.from(sealed, 'base64url').toString('latin1')).not.toContain(
      to.searchParams.get('state')!,
    );
  });

  it('signs in: callback, session cookie, then on to next by a same-site refresh', async () => {
    const browser = new SessionBrowser();
    const { callback } = await logIn(browser, 'analyst-civil');
    expect(callback).toMatch(/[?&]code=/);
    const res = await browser.request(callback!);
    expect(res.status).toBe(200);
    const cookies = res.headers.getSetCookie();
    expect(cookies[0]).toMatch(/^sjt_oidc_state=; .*Max-Age=0/);
    expect(cookies.find((c) => c.startsWith('sjt_session='))).toMatch(
      /; Path=\/; Max-Age=900; HttpOnly; SameSite=Strict$/,
    );
    expect(cookies.find((c) => c.startsWith('sjt_oidc_logout='))).toMatch(
      /; Path=\/auth; Max-Age=28800; HttpOnly; SameSite=Strict$/,
    );
    expect(refreshTarget(await res.text())).toBe('/catalogue');
    const session = await json(await browser.request(`${origin}/auth/session`));
    expect(session).toMatchObject({
      signedIn: true,
      via: 'oidc',
      caller: {
        department: 'civil-affairs',
        application: 'minimum-living-allowance',
        operator: 'analyst-civil',
        roles: ['analyst'],
      },
    });
    const graphql = await postGraphQL(
      platform.gatewayUrl,
      '{ departments { code } }',
      {},
      {
        cookie: `sjt_session=${browser.cookie(origin, 'sjt_session')}`,
        'x-csrf-token': session.csrfToken,
      },
    );
    expect(graphql.status).toBe(200);
    expect(graphql.body.errors).toBeUndefined();
  });

  it('signs in an account for its department as a whole (no application claim)', async () => {
    const browser = new SessionBrowser();
    const { callback } = await logIn(browser, 'analyst-hr');
    await browser.request(callback!);
    const session = await json(await browser.request(`${origin}/auth/session`));
    expect(session.caller).toMatchObject({ department: 'human-resources', application: null });
  });

  it('refuses a callback whose state was changed', async () => {
    const browser = new SessionBrowser();
    const { callback } = await logIn(browser, 'analyst-civil');
    const tampered = new URL(callback!);
    tampered.searchParams.set('state', 'attacker-chosen-state-value');
    const res = await browser.request(tampered.href);
    expect(res.status).toBe(400);
    expect(res.headers.getSetCookie().some((c) => c.startsWith('sjt_session='))).toBe(false);
    expect(browser.cookie(origin, 'sjt_session')).toBeNull();
    // The sealed state was used up: the genuine callback cannot be replayed after it either.
    expect((await browser.request(callback!)).status).toBe(400);
  });

  it('refuses a callback without the sealed sign-in cookie (a link planted in another browser)', async () => {
    const victim = new SessionBrowser();
    const attacker = new SessionBrowser();
    const { callback } = await logIn(attacker, 'analyst-tax');
    const res = await victim.request(callback!);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('not started in this browser');
    expect(victim.cookie(origin, 'sjt_session')).toBeNull();
  });

  it('refuses a callback carrying another sign-in’s state cookie', async () => {
    const browser = new SessionBrowser();
    const { callback } = await logIn(browser, 'analyst-civil');
    // A second start in the same browser replaces the sealed cookie.
    await browser.request(`${origin}/auth/oidc/start?next=/`);
    expect((await browser.request(callback!)).status).toBe(400);
    expect(browser.cookie(origin, 'sjt_session')).toBeNull();
  });

  it('refuses an account whose claims name an application of another department, saying why', async () => {
    const browser = new SessionBrowser();
    const { callback } = await logIn(browser, 'misfiled-account');
    const res = await browser.request(callback!);
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('belongs to civil-affairs, not tax');
    expect(browser.cookie(origin, 'sjt_session')).toBeNull();
  });

  it('lands an open redirect attempt on /', async () => {
    const browser = new SessionBrowser();
    const { callback } = await logIn(browser, 'analyst-civil', '//evil.example/steal');
    const res = await browser.request(callback!);
    expect(res.status).toBe(200);
    expect(refreshTarget(await res.text())).toBe('/');
  });

  it('signs out at the provider too: its end-session URL with id_token_hint, back to the sign-in', async () => {
    const browser = new SessionBrowser();
    const { callback } = await logIn(browser, 'analyst-tax');
    await browser.request(callback!);
    const cookie = browser.cookie(origin, 'sjt_session')!;
    const { csrfToken } = await json(await browser.request(`${origin}/auth/session`));
    const res = await browser.request(`${origin}/auth/sign-out`, {
      method: 'POST',
      headers: { 'x-csrf-token': csrfToken },
    });
    const { signedOut, next } = await json(res);
    expect(signedOut).toBe(true);
    const end = new URL(next);
    expect(end.origin).toBe(new URL(idp.issuer).origin);
    expect(end.searchParams.get('id_token_hint')).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(end.searchParams.get('post_logout_redirect_uri')).toBe(`${origin}/auth/sign-in`);
    expect(res.headers.getSetCookie()).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^sjt_session=; Path=\/; Max-Age=0/),
        expect.stringMatching(/^sjt_oidc_logout=; Path=\/auth; Max-Age=0/),
      ]),
    );
    // The provider asks to confirm, then returns the browser to the sign-in page.
    const confirm = await browser.follow(next);
    expect(confirm.response!.status).toBe(200);
    const form = formIn(await confirm.response!.text());
    const done = await browser.postForm(
      new URL(form.action, confirm.url).href,
      { ...form.fields, logout: 'yes' },
      confirm.url,
    );
    const landed = await browser.follow(new URL(done.headers.get('location')!, confirm.url).href);
    expect(landed.url).toBe(`${origin}/auth/sign-in`);
    const copy = new SessionBrowser();
    copy.setCookie(origin, 'sjt_session', cookie);
    expect((await copy.request(`${origin}/auth/session`)).status).toBe(401);
  });
  it('in production: redirect URI from WORKBENCH_PUBLIC_URL, never the Host header, and Secure cookies', async () => {
    const production = await platform.addGateway({
      workbench: workbenchSettingsFor(idp, {
        NODE_ENV: 'production',
        WORKBENCH_PUBLIC_URL: 'https://data.example.gov.cn',
      }),
    });
    const prodOrigin = new URL(production.url).origin;
    const start = await fetch(`${prodOrigin}/auth/oidc/start?next=/`, {
      redirect: 'manual',
      headers: { host: 'evil.example' },
    });
    expect(start.status).toBe(302);
    expect(new URL(start.headers.get('location')!).searchParams.get('redirect_uri')).toBe(
      'https://data.example.gov.cn/auth/oidc/callback',
    );
    expect(start.headers.getSetCookie()[0]).toMatch(/; HttpOnly; SameSite=Lax; Secure$/);
    const page = await (await fetch(`${prodOrigin}/auth/sign-in`)).text();
    expect(page).toContain('/auth/oidc/start');
    expect(page).not.toContain('/auth/dev/sign-in');
  });
});

describe('workbench sign-in when the OpenID provider starts after the gateway', () => {
  it('answers 503 while it is down, and signs in once it is up, without a restart', async () => {
    const first = await startLocalOidcProvider();
    const port = Number(new URL(first.issuer).port);
    const settings = workbenchSettingsFor(first);
    await first.stop();
    const platform = await startPlatform({
      subgraphs: ['sharing'],
      audit: false,
      gateway: { workbench: settings },
    });
    let idp: LocalOidcProvider | null = null;
    try {
      const origin = new URL(platform.gatewayUrl).origin;
      const down = await fetch(`${origin}/auth/oidc/start?next=/`, { redirect: 'manual' });
      expect(down.status).toBe(503);
      expect(await down.text()).toContain('The identity provider cannot be reached');
      idp = await startLocalOidcProvider({ port });
      const up = await fetch(`${origin}/auth/oidc/start?next=/`, { redirect: 'manual' });
      expect(up.status).toBe(302);
      expect(up.headers.get('location')).toContain(`${idp.issuer}/auth?`);
    } finally {
      await platform.stop();
      await idp?.stop();
    }
  });
});

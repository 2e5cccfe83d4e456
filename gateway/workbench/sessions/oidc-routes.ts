/**
 * Sign-in through the government's identity provider: GET /auth/oidc/start sends the browser
 * there; GET /auth/oidc/callback takes the code back, checks the identity the claims map to,
 * and starts the session. What the callback needs (PKCE verifier, state, nonce, where to go) is
 * sealed into a short-lived cookie, so whichever gateway instance receives the callback can
 * finish the sign-in, and a callback without it (a forged or replayed link) goes nowhere.
 */
import type http from 'node:http';
import { RegistryUnavailableError } from '../../auth/registry-lookup';
import type { HttpRoute } from '../../http/http-route';
import type { WorkbenchDeps } from '../workbench-deps';
import {
  clearCookieHeader,
  cookieOf,
  OIDC_LOGOUT_COOKIE,
  OIDC_STATE_COOKIE,
  setCookieHeader,
} from './cookies';
import { derivedKey } from './derived-key';
import { escapeHtml, htmlDocument, messagePage, writeHtml } from './html-page';
import { identityProblem } from './identity-check';
import {
  IdentityProvider,
  PendingSignIn,
  providerFailureStatus,
  ProviderUnavailableError,
} from './identity-provider';
import { safeNextPath } from './next-path';
import { mapProviderClaims } from './provider-claims';
import { gatewayOrigin } from './request-origin';
import { seal, unseal } from './sealed-value';
import type { SessionCore } from './session-core';

export const CALLBACK_PATH = '/auth/oidc/callback';
/** Long enough to type a password and pass a second factor; short enough that a stale start is useless. */
const STATE_TTL_SECONDS = 600;
/** Past this a sealed ID token is not kept (cookies top out near 4 KB): sign-out then names the client instead. */
const MAX_LOGOUT_COOKIE = 3500;

const toSignIn = (next: string) => ({
  href: `/auth/sign-in?next=${encodeURIComponent(next)}`,
  label: '重新登录 Sign in again',
});

function isPending(v: unknown): v is PendingSignIn {
  const p = v as PendingSignIn | null;
  return (
    typeof p?.verifier === 'string' &&
    typeof p.state === 'string' &&
    typeof p.nonce === 'string' &&
    typeof p.next === 'string'
  );
}

/**
 * Signed in: a page that moves on to `next` by itself. Not a redirect: the browser arrived here
 * on the provider's cross-site redirect, and browsers keep a SameSite=Strict cookie off every
 * request of that redirect chain, so `next` would open as if signed out. A refresh the page
 * makes is a same-site navigation, and carries the cookie.
 */
function continuePage(next: string): string {
  const target = escapeHtml(next);
  return htmlDocument(
    '已登录 Signed in',
    `<div class="card"><h1>已登录 Signed in</h1><p><a class="button" href="${target}">继续 Continue</a></p></div>`,
    `<meta http-equiv="refresh" content="0;url=${target}">\n`,
  );
}

export interface OidcRoutesOptions {
  readonly deps: WorkbenchDeps;
  readonly core: SessionCore;
  readonly provider: IdentityProvider;
}

export interface OidcSignOut {
  /** Where the browser goes after signing out of a session begun here: the provider's end-session URL, or null. */
  next(req: http.IncomingMessage): Promise<string | null>;
  /** Set-Cookie headers that drop the provider's sign-out state. */
  readonly clearCookies: readonly string[];
}

export function oidcRoutes({ deps, core, provider }: OidcRoutesOptions): {
  routes: HttpRoute[];
  signOut: OidcSignOut;
} {
  const settings = core.settings;
  const stateKey = derivedKey(deps.secret, 'oidc-state');
  const logoutKey = derivedKey(deps.secret, 'oidc-logout');
  const secure = settings.secureCookies;
  const stateCookie = { path: CALLBACK_PATH, sameSite: 'Lax', secure } as const;
  const logoutCookie = { path: '/auth', sameSite: 'Strict', secure } as const;
  const failed = (
    res: http.ServerResponse,
    status: number,
    next: string,
    message: string[],
    headers: Record<string, string | string[]> = {},
  ) =>
    writeHtml(
      res,
      status,
      messagePage({ title: '未能登录 Not signed in', message, link: toSignIn(next) }),
      headers,
    );

  const start: HttpRoute = {
    method: 'GET',
    path: '/auth/oidc/start',
    handle: async (req, res, url) => {
      const next = safeNextPath(url.searchParams.get('next'));
      if (core.cannotIssue) return failed(res, 503, next, [core.cannotIssue]);
      const redirectUri = `${gatewayOrigin(req, settings.publicUrl)}${CALLBACK_PATH}`;
      let started: Awaited<ReturnType<IdentityProvider['start']>>;
      try {
        started = await provider.start(redirectUri, next);
      } catch (err) {
        deps.log(`[workbench] OIDC sign-in cannot start: ${(err as Error).message}`);
        return failed(res, 503, next, [
          '身份认证服务暂时无法访问，请稍后再试。',
          'The identity provider cannot be reached right now: try again in a moment.',
        ]);
      }
      const sealed = seal(stateKey, OIDC_STATE_COOKIE, started.pending, STATE_TTL_SECONDS);
      res.writeHead(302, {
        location: started.url,
        'set-cookie': setCookieHeader(OIDC_STATE_COOKIE, sealed, {
          ...stateCookie,
          maxAge: STATE_TTL_SECONDS,
        }),
        'cache-control': 'no-store',
      });
      res.end();
    },
  };

  const callback: HttpRoute = {
    method: 'GET',
    path: CALLBACK_PATH,
    handle: async (req, res, url) => {
      // One use only, whatever happens next.
      const cleared = clearCookieHeader(OIDC_STATE_COOKIE, stateCookie);
      const raw = cookieOf(req, OIDC_STATE_COOKIE);
      const pending = raw ? unseal(stateKey, OIDC_STATE_COOKIE, raw) : null;
      if (!isPending(pending))
        return failed(
          res,
          400,
          '/',
          [
            '登录请求已过期，或不是从本浏览器发起的。',
            'This sign-in has expired or was not started in this browser: start it again.',
          ],
          { 'set-cookie': cleared },
        );
      const next = safeNextPath(pending.next);
      const callbackUrl = new URL(
        `${CALLBACK_PATH}${url.search}`,
        gatewayOrigin(req, settings.publicUrl),
      );
      let signIn: Awaited<ReturnType<IdentityProvider['finish']>>;
      try {
        signIn = await provider.finish(callbackUrl, pending);
      } catch (err) {
        const status = err instanceof ProviderUnavailableError ? 503 : providerFailureStatus(err);
        deps.log(`[workbench] OIDC sign-in refused: ${(err as Error).message}`);
        return failed(
          res,
          status,
          next,
          status === 503
            ? ['身份认证服务暂时无法访问。', 'The identity provider cannot be reached right now.']
            : [
                '身份认证服务的应答未被接受。',
                `The identity provider's answer was not accepted (${(err as Error).message}).`,
              ],
          { 'set-cookie': cleared },
        );
      }
      const mapped = mapProviderClaims(signIn.claims, settings.oidc!.claims);
      let problem = mapped.ok ? null : mapped.problem;
      try {
        if (mapped.ok) problem = await identityProblem(mapped.identity, deps.registry.lookup);
      } catch (err) {
        if (!(err instanceof RegistryUnavailableError)) throw err;
        return failed(res, 503, next, ['应用系统登记库暂时无法访问。', err.message], {
          'set-cookie': cleared,
        });
      }
      if (problem || !mapped.ok) {
        deps.log(`[workbench] OIDC sign-in refused for ${String(signIn.claims.sub)}: ${problem}`);
        return writeHtml(
          res,
          403,
          messagePage({
            title: '无权登录 Cannot sign in here',
            message: [
              '身份认证服务提供的账户信息不能用于本平台，请联系管理员核对部门、应用系统和角色。',
              `Your account's claims cannot sign in here: ${problem}.`,
            ],
            link: toSignIn(next),
          }),
          { 'set-cookie': cleared },
        );
      }
      const issued = await core.begin(mapped.identity, 'oidc');
      const cookies = [cleared, issued.cookie];
      const sealedIdToken =
        signIn.idToken &&
        seal(logoutKey, OIDC_LOGOUT_COOKIE, signIn.idToken, settings.sessionMaxAgeSeconds);
      if (sealedIdToken && sealedIdToken.length <= MAX_LOGOUT_COOKIE)
        cookies.push(
          setCookieHeader(OIDC_LOGOUT_COOKIE, sealedIdToken, {
            ...logoutCookie,
            maxAge: settings.sessionMaxAgeSeconds,
          }),
        );
      writeHtml(res, 200, continuePage(next), { 'set-cookie': cookies });
    },
  };

  return {
    routes: [start, callback],
    signOut: {
      async next(req) {
        const raw = cookieOf(req, OIDC_LOGOUT_COOKIE);
        const idToken = raw ? unseal(logoutKey, OIDC_LOGOUT_COOKIE, raw) : null;
        return provider.endSessionUrl(
          typeof idToken === 'string' ? idToken : null,
          `${gatewayOrigin(req, settings.publicUrl)}/auth/sign-in`,
        );
      },
      clearCookies: [clearCookieHeader(OIDC_LOGOUT_COOKIE, logoutCookie)],
    },
  };
}

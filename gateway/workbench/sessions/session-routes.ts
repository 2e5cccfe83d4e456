/**
 * The session's JSON routes for the workbench's pages: GET /auth/session (who is signed in, the
 * CSRF token), POST /auth/refresh (the same session in a new short-lived token, up to its maximum
 * age) and POST /auth/sign-out (revoked everywhere, so a copied cookie stops working).
 */
import type http from 'node:http';
import { ErrorCode } from '../../../domain/error-codes';
import { HttpError } from '../../../contracts/http/http-error';
import { writeJson } from '../../../contracts/http/http-adapter';
import { RegistryUnavailableError } from '../../auth/registry-lookup';
import type { HttpRoute } from '../../http/http-route';
import type { WorkbenchDeps } from '../workbench-deps';
import { identityProblem } from './identity-check';
import type { OidcSignOut } from './oidc-routes';
import type { SessionCore, SessionLookup } from './session-core';

export const SIGN_IN_PATH = '/auth/sign-in';

const NO_STORE = {
  'cache-control': 'no-store',
  vary: 'Cookie',
  'x-content-type-options': 'nosniff',
};

export const SESSION_ENDED: Record<Exclude<SessionLookup, { ok: true }>['reason'], string> = {
  NONE: 'not signed in: sign in at /auth/sign-in',
  INVALID:
    'the session cookie is not valid (expired, or not issued by this platform): sign in again',
  SIGNED_OUT: 'this session was signed out: sign in again',
  OVER_AGE: 'the session has reached its maximum age: sign in again',
};

export const csrfRequired = () =>
  new HttpError(
    403,
    'this request carries the session cookie but not its x-csrf-token header (the csrfToken of GET /auth/session)',
    ErrorCode.CSRF_REQUIRED,
  );

function signedOutAnswer(
  res: http.ServerResponse,
  core: SessionCore,
  message: string,
  code: string = ErrorCode.UNAUTHENTICATED,
  status = 401,
): void {
  writeJson(
    res,
    status,
    { signedIn: false, signIn: SIGN_IN_PATH, errors: [{ message, extensions: { code } }] },
    { ...NO_STORE, 'set-cookie': core.clearCookie() },
  );
}

export function sessionRoutes(
  deps: WorkbenchDeps,
  core: SessionCore,
  oidcSignOut: OidcSignOut | null,
): HttpRoute[] {
  const session: HttpRoute = {
    method: 'GET',
    path: '/auth/session',
    handle: async (req, res) => {
      const found = await core.lookup(req);
      if (!found.ok)
        return writeJson(
          res,
          401,
          { signedIn: false, signIn: SIGN_IN_PATH },
          found.reason === 'NONE' ? NO_STORE : { ...NO_STORE, 'set-cookie': core.clearCookie() },
        );
      writeJson(res, 200, core.body(found.session), NO_STORE);
    },
  };

  const refresh: HttpRoute = {
    method: 'POST',
    path: '/auth/refresh',
    handle: async (req, res) => {
      const found = await core.lookup(req);
      if (!found.ok) return signedOutAnswer(res, core, SESSION_ENDED[found.reason]);
      if (!core.csrfOk(req, found.session.claims.sid)) throw csrfRequired();
      if (core.cannotIssue) throw new HttpError(503, core.cannotIssue, ErrorCode.UNAUTHENTICATED);
      // A copied cookie must not outlive a sign-out this instance cannot see: while Redis is
      // away nothing is renewed, so every session ends within one token lifetime.
      if (!found.session.fullyChecked)
        throw new HttpError(
          503,
          'the session cannot be renewed while sign-outs cannot be checked (Redis is not answering): it stays valid until it expires, then sign in again',
          ErrorCode.SESSION_STORE_UNAVAILABLE,
        );
      let problem: string | null;
      try {
        problem = await identityProblem(found.session.claims, deps.registry.lookup);
      } catch (err) {
        if (err instanceof RegistryUnavailableError)
          throw new HttpError(503, err.message, ErrorCode.REGISTRY_UNAVAILABLE);
        throw err;
      }
      if (problem) {
        await core.end(found.session.claims);
        return signedOutAnswer(res, core, `${problem}: sign in again`, ErrorCode.FORBIDDEN, 403);
      }
      const renewed = await core.renew(found.session);
      if (!renewed) return signedOutAnswer(res, core, SESSION_ENDED.OVER_AGE);
      writeJson(res, 200, core.body(renewed), { ...NO_STORE, 'set-cookie': renewed.cookie });
    },
  };

  const signOut: HttpRoute = {
    method: 'POST',
    path: '/auth/sign-out',
    handle: async (req, res) => {
      // An expired token still names its session: signing out revokes it all the same.
      const found = await core.lookup(req, { graceSeconds: core.settings.sessionMaxAgeSeconds });
      let next: string | null = null;
      if (found.ok) {
        if (!core.csrfOk(req, found.session.claims.sid)) throw csrfRequired();
        await core.end(found.session.claims);
        if (found.session.claims.via === 'oidc' && oidcSignOut) next = await oidcSignOut.next(req);
      }
      writeJson(
        res,
        200,
        { signedOut: true, next: next ?? SIGN_IN_PATH },
        { ...NO_STORE, 'set-cookie': [core.clearCookie(), ...(oidcSignOut?.clearCookies ?? [])] },
      );
    },
  };

  return [session, refresh, signOut];
}

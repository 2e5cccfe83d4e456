/**
 * Analysts' sign-in and sessions for the workbench. A session is an HttpOnly, SameSite=Strict
 * cookie holding a short-lived platform token (session-token.ts), renewed while the analyst
 * works up to a maximum age, revoked on sign-out on every instance (revoked-sessions.ts). Pages
 * send it with an x-csrf-token header bound to the session (csrf-token.ts); `credentials` turns
 * the pair into the Authorization header the authentication stage verifies, so a session can do
 * exactly what a program's token for the same caller can, no more.
 *
 * Signing in: the government's OpenID provider (oidc-routes.ts), or, outside production, the
 * development form (sign-in-routes.ts). Settings: gateway/config/workbench.ts.
 */
import type http from 'node:http';
import { HttpError } from '../../../contracts/http/http-error';
import { ErrorCode } from '../../../domain/error-codes';
import type { HttpRoute } from '../../http/http-route';
import type { WorkbenchDeps } from '../workbench-deps';
import { cookieOf, SESSION_COOKIE } from './cookies';
import { createIdentityProvider } from './identity-provider';
import { oidcRoutes } from './oidc-routes';
import { createSessionCore } from './session-core';
import { csrfRequired, SESSION_ENDED, sessionRoutes } from './session-routes';
import type { SignInMethod } from './session-token';
import { signInRoutes } from './sign-in-routes';

export { SESSION_COOKIE } from './cookies';
export { CSRF_HEADER } from './csrf-token';

export interface SessionView {
  readonly department: string;
  readonly application: string | null;
  readonly operator: string | null;
  readonly roles: readonly string[];
  readonly via: SignInMethod;
  /** When the cookie's token expires (renewed by POST /auth/refresh). */
  readonly expiresAt: Date;
  /** When the analyst must sign in again. */
  readonly sessionExpiresAt: Date;
  /** The x-csrf-token value of this session (what GET /auth/session returns). */
  readonly csrfToken: string;
}

export interface Sessions {
  readonly routes: readonly HttpRoute[];
  /**
   * A session cookie (and, unless `csrf: false`, its x-csrf-token) becomes the request's
   * Authorization header. A request that has an Authorization header (a program) is left alone;
   * one with neither is left to the authentication stage to refuse. Throws HttpError: 401 for a
   * cookie that is not a live session, 403 CSRF_REQUIRED without the matching header.
   * @default { csrf: true }
   */
  credentials(req: http.IncomingMessage, options?: { csrf?: boolean }): Promise<void>;
  /** The signed-in analyst, or null (pages then send the browser to /auth/sign-in). */
  sessionOf(req: http.IncomingMessage): Promise<SessionView | null>;
  close(): Promise<void>;
}

export function createSessions(deps: WorkbenchDeps): Sessions {
  const core = createSessionCore(deps);
  const { oidc, devSignIn } = core.settings;
  if (core.cannotIssue) deps.log(`[workbench] ${core.cannotIssue}`);
  else if (!oidc && !devSignIn)
    deps.log(
      '[workbench] no sign-in is configured (WORKBENCH_OIDC_ISSUER unset, development sign-in off): analysts cannot sign in',
    );
  if (devSignIn)
    deps.log(
      '[workbench] development sign-in is ON: anyone can choose who they are (not for production)',
    );
  const viaOidc = oidc ? oidcRoutes({ deps, core, provider: createIdentityProvider(oidc) }) : null;

  return {
    routes: [
      ...signInRoutes(deps, core, oidc?.name ?? null),
      ...sessionRoutes(deps, core, viaOidc?.signOut ?? null),
      ...(viaOidc?.routes ?? []),
    ],

    async credentials(req, options = {}) {
      if (req.headers.authorization !== undefined) return;
      if (cookieOf(req, SESSION_COOKIE) === null) return;
      const found = await core.lookup(req);
      if (!found.ok)
        throw new HttpError(401, SESSION_ENDED[found.reason], ErrorCode.UNAUTHENTICATED);
      if (options.csrf !== false && !core.csrfOk(req, found.session.claims.sid))
        throw csrfRequired();
      req.headers.authorization = `Bearer ${found.session.token}`;
    },

    async sessionOf(req) {
      const found = await core.lookup(req);
      if (!found.ok) return null;
      const body = core.body(found.session);
      const { department, application, operator, roles, via } = found.session.claims;
      return {
        department,
        application,
        operator,
        roles,
        via,
        expiresAt: new Date(body.expiresAt),
        sessionExpiresAt: new Date(body.sessionExpiresAt),
        csrfToken: body.csrfToken,
      };
    },

    close: () => core.close(),
  };
}

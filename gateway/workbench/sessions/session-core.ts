/**
 * What every session route shares: finding the request's session (a genuine session token, not
 * signed out, not past its maximum age), starting one, renewing it, ending it, and its CSRF
 * token. The routes (session-routes.ts, dev-sign-in.ts, oidc-routes.ts) only speak HTTP.
 */
import type http from 'node:http';
import { departmentByCode } from '../../../domain/departments';
import type { WorkbenchSettings } from '../../config';
import type { WorkbenchDeps } from '../workbench-deps';
import { clearCookieHeader, cookieOf, SESSION_COOKIE, setCookieHeader } from './cookies';
import { CSRF_HEADER, csrfMatches, csrfTokenFor } from './csrf-token';
import { derivedKey } from './derived-key';
import { createRevokedSessions } from './revoked-sessions';
import {
  mintSessionToken,
  newSessionId,
  readSessionToken,
  SessionClaims,
  SessionIdentity,
  SignInMethod,
} from './session-token';

export interface ActiveSession {
  readonly token: string;
  readonly claims: SessionClaims;
  /** When the analyst must sign in again, epoch seconds. */
  readonly endsAt: number;
  /** False when Redis did not answer: sign-outs on other instances could not be seen. */
  readonly fullyChecked: boolean;
}

export type SessionLookup =
  | { readonly ok: true; readonly session: ActiveSession }
  | { readonly ok: false; readonly reason: 'NONE' | 'INVALID' | 'SIGNED_OUT' | 'OVER_AGE' };

export interface IssuedSession {
  readonly claims: SessionClaims;
  readonly endsAt: number;
  /** The Set-Cookie header carrying it. */
  readonly cookie: string;
}

/** GET /auth/session's answer for a session. */
export interface SessionBody {
  readonly signedIn: true;
  readonly caller: {
    readonly department: string;
    readonly departmentName: string;
    readonly application: string | null;
    readonly operator: string | null;
    readonly roles: readonly string[];
  };
  readonly via: SignInMethod;
  readonly expiresAt: string;
  readonly sessionExpiresAt: string;
  readonly csrfToken: string;
}

export interface SessionCore {
  readonly settings: WorkbenchSettings;
  /** Null when sessions can be issued here; else why not (no signing key). */
  readonly cannotIssue: string | null;
  lookup(req: http.IncomingMessage, options?: { graceSeconds?: number }): Promise<SessionLookup>;
  begin(identity: SessionIdentity, via: SignInMethod): Promise<IssuedSession>;
  /** The same session in a new token, or null when it has reached its maximum age. */
  renew(session: ActiveSession): Promise<IssuedSession | null>;
  /** Signs the session out everywhere until it could no longer be renewed anyway. */
  end(claims: SessionClaims): Promise<void>;
  csrfOk(req: http.IncomingMessage, sid: string): boolean;
  body(issued: { claims: SessionClaims; endsAt: number }): SessionBody;
  clearCookie(): string;
  close(): Promise<void>;
}

/** Clock skew allowed on the sign-in time another instance wrote. */
const SKEW_SECONDS = 60;

export function createSessionCore(deps: WorkbenchDeps): SessionCore {
  const settings = deps.config.workbench;
  const csrfKey = derivedKey(deps.secret, 'csrf-token');
  const revoked = createRevokedSessions({
    redisUrl: deps.config.redisUrl,
    namespace: deps.config.grantsRedisNamespace,
    log: deps.log,
  });
  const cookieOptions = { path: '/', sameSite: 'Strict', secure: settings.secureCookies } as const;
  const seconds = () => Math.floor(Date.now() / 1000);
  const endOf = (claims: SessionClaims) => claims.startedAt + settings.sessionMaxAgeSeconds;

  const issue = async (
    identity: SessionIdentity,
    session: { sid: string; startedAt: number; via: SignInMethod },
  ): Promise<IssuedSession | null> => {
    const now = seconds();
    const endsAt = session.startedAt + settings.sessionMaxAgeSeconds;
    const ttl = Math.min(settings.sessionTtlSeconds, endsAt - now);
    if (ttl < 1) return null;
    const token = await mintSessionToken(deps.tokens, identity, session, ttl, new Date(now * 1000));
    const claims: SessionClaims = { ...identity, ...session, expiresAt: now + ttl };
    return {
      claims,
      endsAt,
      cookie: setCookieHeader(SESSION_COOKIE, token, { ...cookieOptions, maxAge: ttl }),
    };
  };

  return {
    settings,
    cannotIssue: deps.tokens.signing
      ? null
      : 'sign-in is unavailable on this gateway: it holds no JWT_PRIVATE_KEY, so it cannot issue session tokens (it only verifies them). 此网关未配置签发密钥，无法登录。',

    async lookup(req, options = {}) {
      const token = cookieOf(req, SESSION_COOKIE);
      if (!token) return { ok: false, reason: 'NONE' };
      const claims = await readSessionToken(deps.tokens, token, {
        graceSeconds: options.graceSeconds,
      });
      if (!claims || claims.startedAt > seconds() + SKEW_SECONDS)
        return { ok: false, reason: 'INVALID' };
      if (endOf(claims) <= seconds()) return { ok: false, reason: 'OVER_AGE' };
      const check = await revoked.check(claims.sid);
      if (check.revoked) return { ok: false, reason: 'SIGNED_OUT' };
      return {
        ok: true,
        session: { token, claims, endsAt: endOf(claims), fullyChecked: check.complete },
      };
    },

    async begin(identity, via) {
      const issued = await issue(identity, { sid: newSessionId(), startedAt: seconds(), via });
      if (!issued) throw new Error('a new session cannot be past its maximum age');
      return issued;
    },

    renew({ claims }) {
      const { sid, startedAt, via, department, application, operator, roles } = claims;
      return issue({ department, application, operator, roles }, { sid, startedAt, via });
    },

    end(claims) {
      return revoked.revoke(claims.sid, (endOf(claims) + SKEW_SECONDS) * 1000);
    },

    csrfOk(req, sid) {
      return csrfMatches(csrfKey, sid, req.headers[CSRF_HEADER]);
    },

    body({ claims, endsAt }) {
      return {
        signedIn: true,
        caller: {
          department: claims.department,
          departmentName: departmentByCode(claims.department)?.name ?? claims.department,
          application: claims.application,
          operator: claims.operator,
          roles: claims.roles,
        },
        via: claims.via,
        expiresAt: new Date(claims.expiresAt * 1000).toISOString(),
        sessionExpiresAt: new Date(endsAt * 1000).toISOString(),
        csrfToken: csrfTokenFor(csrfKey, claims.sid),
      };
    },

    clearCookie: () => clearCookieHeader(SESSION_COOKIE, cookieOptions),
    close: () => revoked.close(),
  };
}

/**
 * The session cookie's value: a platform token like any other (the authentication stage verifies
 * it as it would a program's), carrying three more claims: `sid` names the session across its
 * renewals (sign-out revokes it, CSRF tokens are bound to it), `sst` is when the analyst signed
 * in (no renewal goes past the session's maximum age), `via` how they did.
 */
import { randomBytes } from 'node:crypto';
import { jwtVerify } from 'jose';
import { issueToken } from '../../auth/issue-token';
import { claimsProblem } from '../../auth/token-claims';
import type { SigningKey, VerificationKey } from '../../auth/token-keys';

export type SignInMethod = 'oidc' | 'dev';

/** Who the analyst is, as a token says it. */
export interface SessionIdentity {
  readonly department: string;
  readonly application: string | null;
  readonly operator: string | null;
  readonly roles: readonly string[];
}

export interface SessionClaims extends SessionIdentity {
  readonly sid: string;
  /** When the analyst signed in, epoch seconds. */
  readonly startedAt: number;
  readonly via: SignInMethod;
  /** When this token expires, epoch seconds. */
  readonly expiresAt: number;
}

export interface SessionKeys {
  readonly signing: SigningKey | null;
  readonly verification: VerificationKey;
  readonly issuer: string;
  readonly audience: string;
}

const SID = /^[A-Za-z0-9_-]{22,64}$/;

/** 144 random bits: a session id cannot be guessed, only stolen with its cookie. */
export function newSessionId(): string {
  return randomBytes(18).toString('base64url');
}

export async function mintSessionToken(
  keys: SessionKeys,
  identity: SessionIdentity,
  session: { readonly sid: string; readonly startedAt: number; readonly via: SignInMethod },
  ttlSeconds: number,
  now = new Date(),
): Promise<string> {
  if (!keys.signing) throw new Error('this gateway holds no signing key');
  return issueToken(
    keys.signing,
    keys,
    {
      department: identity.department,
      application: identity.application,
      operator: identity.operator,
      roles: identity.roles,
      ttlSeconds,
      extraClaims: { sid: session.sid, sst: session.startedAt, via: session.via },
    },
    now,
  );
}

/**
 * The session a token stands for, or null when it is not a genuine session token of this
 * platform: another key, issuer or audience, expired (beyond `graceSeconds`), or a plain
 * bearer token without the session claims (a token from `npm run token` is no session).
 */
export async function readSessionToken(
  keys: SessionKeys,
  token: string,
  options: { readonly now?: Date; readonly graceSeconds?: number } = {},
): Promise<SessionClaims | null> {
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, keys.verification.publicKey, {
      algorithms: [keys.verification.alg],
      issuer: keys.issuer,
      audience: keys.audience,
      requiredClaims: ['sub', 'exp', 'iat', 'sid', 'sst', 'via'],
      currentDate: options.now ?? new Date(),
      clockTolerance: options.graceSeconds ?? 30,
    }));
  } catch {
    return null;
  }
  const { sid, sst, via, exp } = payload;
  if (payload.kind !== undefined || claimsProblem(payload) !== null) return null;
  if (typeof sid !== 'string' || !SID.test(sid)) return null;
  if (typeof sst !== 'number' || !Number.isInteger(sst)) return null;
  if (via !== 'oidc' && via !== 'dev') return null;
  return {
    department: payload.department as string,
    application: payload.application as string | null,
    operator: payload.operator as string | null,
    roles: payload.roles as string[],
    sid,
    startedAt: sst,
    via,
    expiresAt: exp as number,
  };
}

/**
 * Verifies a bearer token and returns the caller, or a typed failure the gateway turns into an
 * HTTP status: 401 UNAUTHENTICATED for a missing, malformed, expired or wrongly signed token or
 * one without the platform's claims; then 403 FORBIDDEN when the token's application is not a
 * registered, ACTIVE application of its department (a suspended or retired "zombie" system is
 * off the platform). The registry is an injected lookup, so this has no I/O of its own.
 */
import { errors, jwtVerify } from 'jose';
import { ErrorCode } from '../../domain/error-codes';
import type { CallerIdentity } from '../../contracts/caller/caller-identity';
import { CITIZEN_TOKEN_KIND } from './citizen-claims';
import { callerFromClaims, claimsProblem, VerifiedClaims } from './token-claims';
import { VerificationKey } from './token-keys';

export type UnauthenticatedReason =
  'MISSING' | 'MALFORMED' | 'EXPIRED' | 'BAD_SIGNATURE' | 'INVALID_CLAIMS';
export type ForbiddenReason =
  'UNKNOWN_APPLICATION' | 'APPLICATION_NOT_ACTIVE' | 'APPLICATION_OF_ANOTHER_DEPARTMENT';

export type TokenFailure =
  | {
      ok: false;
      status: 401;
      code: typeof ErrorCode.UNAUTHENTICATED;
      reason: UnauthenticatedReason;
      message: string;
    }
  | {
      ok: false;
      status: 403;
      code: typeof ErrorCode.FORBIDDEN;
      reason: ForbiddenReason;
      message: string;
    };

export type TokenVerification =
  { ok: true; caller: CallerIdentity; claims: VerifiedClaims } | TokenFailure;

/** What the registry (the sharing subgraph's applications) says about one application; null if unknown. */
export type ApplicationLookup = (
  id: string,
) => Promise<{ department: string; status: 'ACTIVE' | 'SUSPENDED' | 'RETIRED' } | null>;

export interface VerifyTokenOptions {
  key: VerificationKey;
  issuer: string;
  audience: string;
  lookupApplication: ApplicationLookup;
  /** @default the system clock */
  now?: () => Date;
  /** Allowed clock skew between issuer and gateway. @default 30 */
  clockToleranceSeconds?: number;
}

function unauthenticated(reason: UnauthenticatedReason, message: string): TokenFailure {
  return { ok: false, status: 401, code: ErrorCode.UNAUTHENTICATED, reason, message };
}

function forbidden(reason: ForbiddenReason, message: string): TokenFailure {
  return { ok: false, status: 403, code: ErrorCode.FORBIDDEN, reason, message };
}

/** The token in an `Authorization: Bearer <token>` header. */
export function bearerToken(header: string | null | undefined): string | TokenFailure {
  if (!header || header.trim() === '')
    return unauthenticated('MISSING', 'no token: send Authorization: Bearer <token>');
  const m = /^Bearer +([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/.exec(header.trim());
  if (!m) return unauthenticated('MALFORMED', 'the Authorization header is not "Bearer <JWT>"');
  return m[1];
}

function joseFailure(err: unknown): TokenFailure {
  if (err instanceof errors.JWTExpired) return unauthenticated('EXPIRED', 'the token has expired');
  // A token signed by another key, or claiming another algorithm (alg=none, HS256 with our public key as secret).
  if (
    err instanceof errors.JWSSignatureVerificationFailed ||
    err instanceof errors.JOSEAlgNotAllowed
  )
    return unauthenticated('BAD_SIGNATURE', 'the token was not signed by the platform');
  if (err instanceof errors.JWTClaimValidationFailed)
    return unauthenticated('INVALID_CLAIMS', `the token's ${err.claim} claim is not accepted here`);
  if (err instanceof errors.JOSEError)
    return unauthenticated('MALFORMED', 'the token is not a well-formed JWT');
  throw err;
}

export async function verifyToken(
  authorization: string | null | undefined,
  options: VerifyTokenOptions,
): Promise<TokenVerification> {
  const token = bearerToken(authorization);
  if (typeof token !== 'string') return token;
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, options.key.publicKey, {
      algorithms: [options.key.alg],
      issuer: options.issuer,
      audience: options.audience,
      requiredClaims: ['sub', 'exp', 'iat'],
      currentDate: (options.now ?? (() => new Date()))(),
      clockTolerance: options.clockToleranceSeconds ?? 30,
    }));
  } catch (err) {
    return joseFailure(err);
  }
  const problem = claimsProblem(payload);
  if (problem) return unauthenticated('INVALID_CLAIMS', problem);
  const claims: VerifiedClaims = {
    department: payload.department as string,
    application: payload.application as string | null,
    operator: payload.operator as string | null,
    roles: payload.roles as string[],
    sub: payload.sub as string,
    jti: typeof payload.jti === 'string' ? payload.jti : null,
    expiresAt: new Date((payload.exp as number) * 1000),
    // A citizen's token (citizen-claims.ts): no application, so checkApplication below lets it pass.
    ...(payload.kind === CITIZEN_TOKEN_KIND ? { kind: CITIZEN_TOKEN_KIND } : {}),
  };
  const refused = await checkApplication(claims, options.lookupApplication);
  if (refused) return refused;
  return { ok: true, caller: callerFromClaims(claims), claims };
}

/**
 * The registry half of verification, on its own so a gateway that caches verified signatures
 * still asks (its cache of) the registry on every request: a suspended application is off the
 * platform as soon as that cache learns of it, not when its tokens expire. Null: allowed.
 */
export async function checkApplication(
  claims: Pick<VerifiedClaims, 'department' | 'application'>,
  lookupApplication: ApplicationLookup,
): Promise<TokenFailure | null> {
  if (claims.application === null) return null;
  const registered = await lookupApplication(claims.application);
  if (!registered)
    return forbidden(
      'UNKNOWN_APPLICATION',
      `application ${claims.application} is not registered on the platform`,
    );
  if (registered.department !== claims.department)
    return forbidden(
      'APPLICATION_OF_ANOTHER_DEPARTMENT',
      `application ${claims.application} belongs to ${registered.department}, not ${claims.department}`,
    );
  if (registered.status !== 'ACTIVE')
    return forbidden(
      'APPLICATION_NOT_ACTIVE',
      `application ${claims.application} is ${registered.status.toLowerCase()}`,
    );
  return null;
}

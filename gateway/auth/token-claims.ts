/**
 * What a platform token says about its bearer, and how a verified payload becomes the caller
 * identity that the gateway forwards to the subgraphs. Pure: no keys, no clock.
 */
import { isDepartmentCode } from '../../domain/departments';
import type { CallerIdentity } from '../../contracts/caller/caller-identity';
import { CITIZEN_TOKEN_KIND, citizenCaller, citizenClaimsProblem } from './citizen-claims';

/** The platform's own claims, beside the registered ones (sub, iss, aud, iat, exp, jti). */
export interface PlatformClaims {
  /** Department code (domain/departments.ts). */
  department: string;
  /** Registered application id; null: the department as a whole (e.g. an operator at the portal). */
  application: string | null;
  /** The person (工号) or service account acting; null for a system-to-system token. */
  operator: string | null;
  roles: string[];
  /** `citizen` for a citizen's own token (citizen-claims.ts); absent on a department's token. */
  kind?: typeof CITIZEN_TOKEN_KIND;
}

export interface VerifiedClaims extends PlatformClaims {
  sub: string;
  /** Token id, for the audit record. */
  jti: string | null;
  expiresAt: Date;
}

/** The sharing registry's application number format. */
export const isApplicationId = (v: unknown): v is string =>
  typeof v === 'string' && /^[a-z][a-z0-9-]{2,63}$/.test(v);
export const isRoleName = (v: unknown): v is string =>
  typeof v === 'string' && /^[a-z][a-z0-9_-]{0,39}$/.test(v);
/** A staff number or account name; bounded and without spaces or quotes, since it is logged and forwarded in headers. */
export const isOperatorId = (v: unknown): v is string =>
  typeof v === 'string' && /^[\w.@-]{1,64}$/.test(v);

/** Why these values cannot go into (or come out of) a token; null when they can. */
export function claimsProblem(claims: {
  kind?: unknown;
  department?: unknown;
  application?: unknown;
  operator?: unknown;
  roles?: unknown;
  sub?: unknown;
}): string | null {
  if (claims.kind === CITIZEN_TOKEN_KIND) return citizenClaimsProblem(claims);
  if (claims.kind !== undefined)
    return `kind claim ${JSON.stringify(claims.kind)} is not a token kind (only "${CITIZEN_TOKEN_KIND}")`;
  if (typeof claims.department !== 'string' || !isDepartmentCode(claims.department))
    return `department claim ${JSON.stringify(claims.department)} is not a registered department code`;
  if (claims.application !== null && !isApplicationId(claims.application))
    return `application claim ${JSON.stringify(claims.application)} is not an application id`;
  if (claims.operator !== null && !isOperatorId(claims.operator))
    return `operator claim ${JSON.stringify(claims.operator)} is not an operator id`;
  if (!Array.isArray(claims.roles) || !claims.roles.every(isRoleName))
    return `roles claim ${JSON.stringify(claims.roles)} is not a list of role names`;
  if (claims.sub !== undefined && (typeof claims.sub !== 'string' || claims.sub === ''))
    return 'sub claim is missing';
  return null;
}

/** The subject: who acts, most specific first (a citizen's token is issued with its ID number as sub). */
export function subjectOf(claims: PlatformClaims): string {
  return claims.operator ?? claims.application ?? claims.department;
}

/**
 * The purpose is not in the token: a caller states it per request, and the gateway checks it against grants.
 * A citizen's token becomes a citizen caller, whose ID number is the token's `sub`.
 */
export function callerFromClaims(claims: PlatformClaims & { sub?: string }): CallerIdentity {
  if (claims.kind === CITIZEN_TOKEN_KIND) {
    if (claims.sub === undefined) throw new Error("a citizen token's caller needs its sub claim");
    return citizenCaller(claims.sub);
  }
  return {
    department: claims.department,
    application: claims.application,
    operator: claims.operator,
    purpose: null,
    roles: [...claims.roles],
  };
}

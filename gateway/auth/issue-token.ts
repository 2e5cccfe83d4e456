/** Signs platform tokens: the departments' systems and operators present them to the gateway. */
import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { MAX_TOKEN_TTL_SECONDS } from './duration';
import { CITIZEN_TOKEN_KIND } from './citizen-claims';
import { claimsProblem, PlatformClaims, subjectOf } from './token-claims';
import { SigningKey } from './token-keys';

export interface TokenRequest {
  department: string;
  application?: string | null;
  operator?: string | null;
  roles?: readonly string[];
  ttlSeconds: number;
  /**
   * A citizen's own token (citizen-claims.ts): their ID number, which becomes `sub`. Then
   * `department` must be `citizen`, with no application, operator or roles.
   */
  citizenIdNumber?: string;
  /**
   * More claims beside the platform's, e.g. the workbench session's `sid`; verification ignores
   * claims it does not know. They cannot replace a registered or platform claim. @default none
   */
  extraClaims?: Readonly<Record<string, string | number>>;
}

/** Claims that say who the bearer is or bound the token: never taken from extraClaims. */
const RESERVED_CLAIMS = new Set([
  ...['iss', 'sub', 'aud', 'exp', 'nbf', 'iat', 'jti'],
  ...['department', 'application', 'operator', 'roles', 'kind'],
]);

export interface TokenAudience {
  issuer: string;
  audience: string;
}

/** Refuses claims that verification would refuse, so a token that is issued is also accepted. */
export async function issueToken(
  key: SigningKey,
  where: TokenAudience,
  request: TokenRequest,
  now: Date = new Date(),
): Promise<string> {
  const claims: PlatformClaims = {
    department: request.department,
    application: request.application ?? null,
    operator: request.operator ?? null,
    roles: [...new Set(request.roles ?? [])].sort(),
    ...(request.citizenIdNumber !== undefined ? { kind: CITIZEN_TOKEN_KIND } : {}),
  };
  const subject = request.citizenIdNumber ?? subjectOf(claims);
  const problem = claimsProblem({ ...claims, sub: subject });
  if (problem) throw new Error(problem);
  if (
    !Number.isInteger(request.ttlSeconds) ||
    request.ttlSeconds < 1 ||
    request.ttlSeconds > MAX_TOKEN_TTL_SECONDS
  ) {
    throw new Error(
      `ttlSeconds must be a whole number from 1 to ${MAX_TOKEN_TTL_SECONDS}, got ${request.ttlSeconds}`,
    );
  }
  const extra = request.extraClaims ?? {};
  const reserved = Object.keys(extra).filter((name) => RESERVED_CLAIMS.has(name));
  if (reserved.length > 0) throw new Error(`extraClaims cannot set ${reserved.join(', ')}`);
  const issuedAt = Math.floor(now.getTime() / 1000);
  return new SignJWT({ ...extra, ...claims })
    .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT' })
    .setSubject(subject)
    .setIssuer(where.issuer)
    .setAudience(where.audience)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + request.ttlSeconds)
    .setJti(randomUUID())
    .sign(key.privateKey);
}

/**
 * A citizen's own token (公民本人): what lets a person ask the platform "who looked at my data"
 * (cf. Estonia's Andmejälgija) without being a department. Claims:
 *
 *   { kind: 'citizen', sub: <ID number>, department: 'citizen', application: null, operator: null, roles: [] }
 *
 * A citizen is not a government department: 国发〔2016〕51号 sharing, grants and the application
 * registry do not apply, so such a token has no application (the registry check is skipped
 * because there is none) and no roles (an officer's role cannot be claimed by a citizen). What
 * it may ask is narrowed at the gateway (citizen-scope.ts) and, for the one field it may use,
 * again in the audit subgraph: only about the ID number in `sub`.
 */
import { idNumberProblem } from '../../domain/id-number';
import { CITIZEN_DEPARTMENT, CallerIdentity } from '../../contracts/caller/caller-identity';

/** The `kind` claim of a citizen's token; department tokens have none. */
export const CITIZEN_TOKEN_KIND = 'citizen';

/** Why these claims are not a citizen's token; null when they are. */
export function citizenClaimsProblem(claims: {
  department?: unknown;
  application?: unknown;
  operator?: unknown;
  roles?: unknown;
  sub?: unknown;
}): string | null {
  if (claims.department !== CITIZEN_DEPARTMENT)
    return `a citizen token's department claim must be "${CITIZEN_DEPARTMENT}", got ${JSON.stringify(claims.department)}`;
  if (claims.application !== null) return 'a citizen token names no application';
  if (claims.operator !== null) return 'a citizen token names no operator';
  if (!Array.isArray(claims.roles) || claims.roles.length > 0)
    return 'a citizen token carries no roles';
  if (typeof claims.sub !== 'string')
    return "a citizen token's sub claim must be the citizen's ID number";
  const problem = idNumberProblem(claims.sub);
  if (problem) return `a citizen token's sub claim is not an ID number: ${problem.message}`;
  return null;
}

export function citizenCaller(idNumber: string): CallerIdentity {
  return {
    department: CITIZEN_DEPARTMENT,
    application: null,
    operator: null,
    purpose: null,
    roles: [],
    citizenIdNumber: idNumber,
  };
}

/** A caller authenticated by a citizen's token. */
export function isCitizenCaller(
  caller: CallerIdentity | null | undefined,
): caller is CallerIdentity & { citizenIdNumber: string } {
  return (
    !!caller &&
    caller.department === CITIZEN_DEPARTMENT &&
    typeof caller.citizenIdNumber === 'string'
  );
}

/**
 * Whether an analyst may sign in as this identity, however it was chosen (the provider's claims
 * or the development form): values a token can carry (token-claims.ts), a person (an operator),
 * and an application that the registry has as an ACTIVE application of that very department.
 * The authentication stage would refuse such a token on every request anyway; refusing at
 * sign-in says why, once, instead of handing out a session that cannot do anything.
 */
import { claimsProblem } from '../../auth/token-claims';
import type { ApplicationLookup } from '../../auth/verify-token';
import type { SessionIdentity } from './session-token';

/** Why this identity cannot sign in, or null. Throws RegistryUnavailableError when the registry cannot be asked. */
export async function identityProblem(
  identity: SessionIdentity,
  lookupApplication: ApplicationLookup,
): Promise<string | null> {
  const problem = claimsProblem({ ...identity, roles: [...identity.roles] });
  if (problem) return problem;
  if (identity.operator === null) return 'an analyst signs in as a person: the operator is missing';
  if (identity.application === null) return null;
  const registered = await lookupApplication(identity.application);
  if (!registered) return `application ${identity.application} is not registered on the platform`;
  if (registered.department !== identity.department)
    return `application ${identity.application} belongs to ${registered.department}, not ${identity.department}`;
  if (registered.status !== 'ACTIVE')
    return `application ${identity.application} is ${registered.status}, not ACTIVE`;
  return null;
}

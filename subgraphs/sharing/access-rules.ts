/**
 * Who may see and do what in the sharing subgraph (row rules). The gateway's field policy
 * decides which fields a department may read; these rules decide which rows: a department sees
 * its own applications and grants, an owner sees the requests addressed to it and decides only
 * on its own data, and the big data bureau, which runs and supervises the platform, sees all.
 * Pure decisions: each returns null when allowed, or the reason it is not.
 */
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../domain/error-codes';
import { departmentByCode, PLATFORM_DEPARTMENT } from '../../domain/departments';
import type { CallerIdentity } from '../../contracts/caller/caller-identity';

export function unauthenticated(): GraphQLError {
  return new GraphQLError(
    'no verified caller: the sharing subgraph answers only requests the gateway has authenticated',
    {
      extensions: { code: ErrorCode.UNAUTHENTICATED },
    },
  );
}

export function forbidden(reason: string): GraphQLError {
  return new GraphQLError(`forbidden: ${reason}`, {
    extensions: { code: ErrorCode.FORBIDDEN, reason },
  });
}

/** The caller, or UNAUTHENTICATED; a department code the platform does not know is refused too. */
export function requireCaller(caller: CallerIdentity | null): CallerIdentity {
  if (!caller) throw unauthenticated();
  if (!departmentByCode(caller.department))
    throw forbidden(`"${caller.department}" is not a registered department`);
  return caller;
}

/** Throws FORBIDDEN with the reason a rule gave. */
export function enforce(reason: string | null): void {
  if (reason !== null) throw forbidden(reason);
}

export function isPlatform(caller: CallerIdentity): boolean {
  return caller.department === PLATFORM_DEPARTMENT;
}

/** The gateway reads grants as the platform; a department may read its own. */
export function mayReadGrantsOf(caller: CallerIdentity, department: string): string | null {
  if (isPlatform(caller) || caller.department === department) return null;
  return `only ${department} or the big data bureau may read ${department}'s grants`;
}

export function mayListApplicationsOf(caller: CallerIdentity, department: string): string | null {
  if (isPlatform(caller) || caller.department === department) return null;
  return `only ${department} or the big data bureau may list ${department}'s sharing applications`;
}

export function mayListRequestsFor(
  caller: CallerIdentity,
  filter: { owner: string | null; applicant: string | null },
): string | null {
  if (
    isPlatform(caller) ||
    filter.owner === caller.department ||
    filter.applicant === caller.department
  )
    return null;
  return 'a department lists the requests addressed to it (owner) or its own (applicant); only the big data bureau lists others';
}

export function mayListGrants(
  caller: CallerIdentity,
  filter: { department: string | null; grantedBy: string | null },
): string | null {
  if (
    isPlatform(caller) ||
    filter.department === caller.department ||
    filter.grantedBy === caller.department
  )
    return null;
  return 'a department lists the grants it holds (department) or gave (grantedBy); only the big data bureau lists others';
}

/** The applicant, the owners it applied to, and the platform. */
export function maySeeSharingApplication(
  caller: CallerIdentity,
  applicant: string,
  owners: readonly string[],
): string | null {
  if (isPlatform(caller) || caller.department === applicant || owners.includes(caller.department))
    return null;
  return `this sharing application is ${applicant}'s; only the applicant, the departments it applied to and the big data bureau may see it`;
}

/** An owner sees its own request within an application that went to several owners, not the others'. */
export function maySeeRequest(
  caller: CallerIdentity,
  request: { applicant: string; owner: string },
): string | null {
  if (
    isPlatform(caller) ||
    caller.department === request.applicant ||
    caller.department === request.owner
  )
    return null;
  return `this request from ${request.applicant} to ${request.owner} concerns neither your department nor the platform`;
}

export function maySeeGrant(
  caller: CallerIdentity,
  grant: { department: string; grantedBy: string },
): string | null {
  if (
    isPlatform(caller) ||
    caller.department === grant.department ||
    caller.department === grant.grantedBy
  )
    return null;
  return `this grant from ${grant.grantedBy} to ${grant.department} concerns neither your department nor the platform`;
}

/** Only the owner answers for its data; the platform supervises but does not decide for it. */
export function mayDecide(caller: CallerIdentity, owner: string): string | null {
  if (caller.department === owner) return null;
  return `only ${owner}, which owns the data, may approve, reject or revoke; you are ${caller.department}`;
}

/** A department registers and maintains its own systems; the big data bureau keeps the inventory for all. */
export function mayManageApplication(caller: CallerIdentity, department: string): string | null {
  if (isPlatform(caller) || caller.department === department) return null;
  return `only ${department} or the big data bureau may register or change ${department}'s applications`;
}

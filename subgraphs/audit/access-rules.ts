/**
 * Who may read which part of the audit trail (row rules). The trail is the raw material of the
 * yearly evaluation (each department's provision and use of shared data) and of a person's
 * "who looked at my data":
 *  - a department reads its own applications' requests, and the use others made of its data;
 *  - the big data bureau, which runs and supervises the platform, reads all of it, and alone its
 *    statistics;
 *  - a person's accesses: the person (a citizen's own token, for its own ID number), or an
 *    officer whose token carries a role for it, since such a lookup touches personal data.
 * Pure decisions: each returns null when allowed, or the reason it is not.
 */
import { GraphQLError } from 'graphql';
import { departmentByCode, PLATFORM_DEPARTMENT } from '../../domain/departments';
import { ErrorCode } from '../../domain/error-codes';
import { CITIZEN_DEPARTMENT } from '../../contracts/caller/caller-identity';
import { normaliseSubjectId } from '../../contracts/audit/keyed-hash';
import type { CallerIdentity } from '../../contracts/caller/caller-identity';

/** Roles that may look up any person's accesses: 个人信息保护负责人 and the platform's auditors. */
export const SUBJECT_LOOKUP_ROLES: readonly string[] = Object.freeze([
  'data-protection-officer',
  'audit-officer',
]);

export function unauthenticated(): GraphQLError {
  return new GraphQLError(
    'no verified caller: the audit subgraph answers only requests the gateway has authenticated',
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

export function requireCaller(caller: CallerIdentity | null): CallerIdentity {
  if (!caller) throw unauthenticated();
  return caller;
}

/** Throws FORBIDDEN with the reason a rule gave. */
export function enforce(reason: string | null): void {
  if (reason !== null) throw forbidden(reason);
}

export function isPlatform(caller: CallerIdentity): boolean {
  return caller.department === PLATFORM_DEPARTMENT;
}

/** A citizen's own token, as the gateway forwards it (gateway/auth/citizen-claims.ts). */
export function isCitizen(caller: CallerIdentity): boolean {
  return caller.department === CITIZEN_DEPARTMENT;
}

function notADepartment(caller: CallerIdentity): string | null {
  if (isCitizen(caller))
    return "a citizen's token may only ask who accessed the citizen's own data";
  if (!departmentByCode(caller.department))
    return `"${caller.department}" is not a registered department`;
  return null;
}

/**
 * The consuming department whose log is read: the one named, else the caller's; null (every
 * department) only for the big data bureau naming none.
 */
export function accessLogDepartment(
  caller: CallerIdentity,
  consumer: string | null,
): { department: string | null } | string {
  const refused = notADepartment(caller);
  if (refused) return refused;
  if (isPlatform(caller)) return { department: consumer };
  if (consumer !== null && consumer !== caller.department)
    return `only the big data bureau reads another department's access log (asked for ${consumer})`;
  return { department: caller.department };
}

/** The owner whose data's use is read: the one named, else the caller; null (all owners) only for the bureau. */
export function ownedDataOwner(
  caller: CallerIdentity,
  owner: string | null,
): { owner: string | null } | string {
  const refused = notADepartment(caller);
  if (refused) return refused;
  if (isPlatform(caller)) return { owner };
  if (owner !== null && owner !== caller.department)
    return `only the big data bureau reads how another owner's data was used (asked for ${owner})`;
  return { owner: caller.department };
}

export function mayReadStatistics(caller: CallerIdentity): string | null {
  return isPlatform(caller) ? null : "the sharing statistics are the big data bureau's";
}

/** Whether the caller may see who accessed the data of the person with this (well-formed) ID number. */
export function mayLookUpSubject(caller: CallerIdentity, idNumber: string): string | null {
  if (isCitizen(caller)) {
    if (typeof caller.citizenIdNumber !== 'string') return 'a citizen token without its ID number';
    return normaliseSubjectId(caller.citizenIdNumber) === normaliseSubjectId(idNumber)
      ? null
      : 'a citizen may ask only about their own ID number';
  }
  const refused = notADepartment(caller);
  if (refused) return refused;
  if (!caller.roles.some((r) => SUBJECT_LOOKUP_ROLES.includes(r)))
    return `looking up a person's accesses needs the role ${SUBJECT_LOOKUP_ROLES.join(' or ')}`;
  return null;
}

/** Officers see who in a department acted; a citizen sees the department and system, which answer for their staff. */
export function maySeeOperators(caller: CallerIdentity): boolean {
  return !isCitizen(caller);
}

/**
 * Who a request counts against, and under which limits: its application (the registry's limits),
 * its department (the gateway's setting, shared by all the department's applications and its
 * tokens without one), or, for a citizen's own token, that citizen alone. Only the token decides:
 * headers, purpose, operator and the operation do not, so none of them opens a fresh bucket.
 */
import { CITIZEN_LIMITS, RequestLimits } from '../../domain/request-limits';

export type LimitScope = 'APPLICATION' | 'DEPARTMENT' | 'CITIZEN';

export interface LimitTarget {
  readonly scope: LimitScope;
  /** The application id, department code, or a citizen's keyed hash (never the ID number). */
  readonly id: string;
  readonly limits: RequestLimits;
}

export interface LimitedCaller {
  readonly department: string;
  readonly application: string | null;
  /** Set for a citizen's token: a keyed hash of the citizen's ID number. */
  readonly citizenKey?: string | null;
}

/**
 * The targets in the order they are checked (the narrowest first, so an application over its own
 * limit never spends its department's). `applicationLimits` is the registry's answer; an
 * application it has no limits for gets the department's, never none.
 */
export function limitTargets(
  caller: LimitedCaller,
  applicationLimits: RequestLimits | null,
  departmentLimits: RequestLimits,
): LimitTarget[] {
  // One citizen must not exhaust a budget every other citizen shares.
  if (caller.citizenKey)
    return [{ scope: 'CITIZEN', id: caller.citizenKey, limits: CITIZEN_LIMITS }];
  const department: LimitTarget = {
    scope: 'DEPARTMENT',
    id: caller.department,
    limits: departmentLimits,
  };
  if (caller.application === null) return [department];
  return [
    { scope: 'APPLICATION', id: caller.application, limits: applicationLimits ?? departmentLimits },
    department,
  ];
}

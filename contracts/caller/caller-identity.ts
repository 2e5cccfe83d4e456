/**
 * Who is calling, as the gateway tells the subgraphs in its signed caller header: the one
 * identity both sides of the wire agree on.
 */
import { PLATFORM_DEPARTMENT } from '../../domain/departments';

/** What the gateway tells a subgraph about the caller, in verified headers. */
export interface CallerIdentity {
  department: string;
  application: string | null;
  operator: string | null;
  purpose: string | null;
  roles: string[];
  /**
   * Only on a citizen's own token (department `citizen`, gateway/auth/citizen-claims.ts): the
   * citizen's ID number, the one person such a caller may ask about ("who looked at my data").
   * Forwarded to subgraphs in the signed caller header; never recorded in clear.
   */
  citizenIdNumber?: string;
}

/** The department claim (and caller department) of a citizen's token; not a department code. */
export const CITIZEN_DEPARTMENT = 'citizen';

/**
 * Who the gateway is when it loads grants: the platform, through its own registered application
 * (seeded as shujutong-gateway). Only the platform and the department itself may read grantsFor.
 */
export const GATEWAY_CALLER: CallerIdentity = Object.freeze({
  department: PLATFORM_DEPARTMENT,
  application: 'shujutong-gateway',
  operator: null,
  purpose: null,
  roles: [],
});

/**
 * A grant (共享授权): the owner department's approval of a conditional-sharing application
 * (国发〔2016〕51号: the user applies, the provider approves, and the data may be used only for
 * the purposes applied for). The sharing subgraph stores them; the gateway loads the caller's
 * department's grants as one snapshot with a version that changes whenever any of them changes.
 */

export interface Grant {
  readonly id: string;
  /** Department code of the grantee (the consumer). */
  readonly department: string;
  /** When set, only this application of the department may use the grant; null: the whole department. */
  readonly application: string | null;
  /** Schema coordinates covered: `Type.field`, or `Type.*` for every field of the type. */
  readonly coordinates: readonly string[];
  /** Purposes (用途) approved; the request's declared purpose must be one of them. */
  readonly purposes: readonly string[];
  /** ISO 8601 instant from which the grant applies. */
  readonly validFrom: string;
  /** ISO 8601 instant at which the grant stops applying; null: until revoked. */
  readonly validUntil: string | null;
  /** Whether masked fields it covers are served in clear (明文). */
  readonly clear: boolean;
  readonly status: 'ACTIVE' | 'REVOKED';
  /**
   * 主体配额: distinct data subjects per application and China day that may receive data served
   * under this grant (gateway/quotas/). Absent or null: none (grants made outside the sharing
   * subgraph, such as tests'); the sharing subgraph always sets one.
   */
  readonly subjectQuota?: number | null;
  /**
   * 事项授权: the approval item (政务服务事项) whose data list the grant approves. Such a grant
   * serves only a request bound to an open case of that item (case-binding.ts), and only about
   * the case's applicants. Absent or null: a standing grant.
   */
  readonly item?: string | null;
}

/**
 * The caller's department's grants as loaded for one request. UNAVAILABLE when they could not be
 * loaded: conditional fields are then withheld (fail closed), unconditional ones still served.
 */
export type GrantSnapshot =
  | {
      readonly status: 'LOADED';
      readonly department: string;
      /** Changes whenever any of the department's grants changes; part of the plan cache key. */
      readonly version: string;
      readonly grants: readonly Grant[];
    }
  | { readonly status: 'UNAVAILABLE' };

export interface GrantHolder {
  readonly department: string;
  readonly application: string | null;
}

/** Whether a grant was made to this caller: its department, and its application if the grant names one. */
export function grantAppliesTo(grant: Grant, caller: GrantHolder): boolean {
  if (grant.department !== caller.department) return false;
  return grant.application === null || grant.application === caller.application;
}

export function grantCovers(grant: Grant, coordinate: string): boolean {
  return listCovers(grant.coordinates, coordinate);
}

/** Whether a list of coordinates (`Type.field`, or `Type.*` for every field of Type) holds one. */
export function listCovers(list: readonly string[], coordinate: string): boolean {
  const dot = coordinate.indexOf('.');
  const wildcard = `${coordinate.slice(0, dot)}.*`;
  return list.some((c) => c === coordinate || c === wildcard);
}

export type GrantTiming = 'CURRENT' | 'NOT_YET_VALID' | 'EXPIRED';

/** Where `now` falls in the grant's validity. An unreadable date counts against the grant (fail closed). */
export function grantTiming(grant: Grant, now: number): GrantTiming {
  const from = Date.parse(grant.validFrom);
  if (Number.isNaN(from) || now < from) return 'NOT_YET_VALID';
  if (grant.validUntil === null) return 'CURRENT';
  const until = Date.parse(grant.validUntil);
  if (Number.isNaN(until) || now >= until) return 'EXPIRED';
  return 'CURRENT';
}

/**
 * The next instant after `now` at which some grant starts or stops applying: a decision made
 * from these grants holds until then, so a cached plan must not outlive it. Null: never.
 */
export function nextGrantChange(grants: readonly Grant[], now: number): number | null {
  let next: number | null = null;
  for (const g of grants) {
    for (const at of [
      Date.parse(g.validFrom),
      g.validUntil === null ? Number.NaN : Date.parse(g.validUntil),
    ]) {
      if (!Number.isNaN(at) && at > now && (next === null || at < next)) next = at;
    }
  }
  return next;
}

/**
 * Decides one field coordinate for one caller: served, served masked (脱敏), or withheld, with
 * the reason. The sharing rules of 国发〔2016〕51号:
 *  - the owner department reads its own data in full, whatever the level (no masking);
 *  - UNCONDITIONAL (无条件共享): any authenticated government caller; a masked field is served
 *    masked unless a current grant for the declared purpose covers it with `clear`;
 *  - CONDITIONAL (有条件共享): only with a current grant to the caller's department (or its
 *    application) covering the coordinate, and only for a purpose the grant names, since shared
 *    data may be used only for the purpose applied for; masked unless that grant is `clear`;
 *  - NONE (不予共享): nobody but the owner; a grant cannot open it.
 * When grants could not be loaded, conditional fields are withheld (fail closed) and masked
 * unconditional fields stay masked; unconditional fields are still served.
 */
import type { MaskKind } from '../../domain/catalogue/classification';
import type { CallerIdentity } from '../../contracts/caller/caller-identity';
import type { FieldRule } from '../../contracts/field-rules';
import { CaseBinding, CaseRefusal, itemGrantRefusal } from './case-binding';
import { Grant, grantAppliesTo, grantCovers, GrantSnapshot, grantTiming } from './grant';

/** Why a field was withheld; goes to callers as `extensions.reason` of a FORBIDDEN_FIELD error. */
export type DenialReason =
  | 'NO_GRANT'
  | 'PURPOSE_REQUIRED'
  | 'PURPOSE_NOT_GRANTED'
  | 'GRANT_EXPIRED'
  | 'NOT_SHARED'
  | 'POLICY_UNAVAILABLE'
  // An item grant (case-binding.ts) would serve it, but not to this request:
  | CaseRefusal
  // Decided on the result: a subject served under an item grant is no applicant of the case.
  | 'SUBJECT_NOT_ON_CASE';

/** What entitles the caller to a served field: evidence for the audit record. */
export type ServingBasis = 'OWNER' | 'UNCONDITIONAL' | 'GRANT';

export type FieldDecision =
  | {
      readonly outcome: 'ALLOW';
      readonly basis: ServingBasis;
      readonly grantIds: readonly string[];
    }
  | {
      readonly outcome: 'MASK';
      readonly mask: MaskKind;
      readonly basis: ServingBasis;
      readonly grantIds: readonly string[];
    }
  | { readonly outcome: 'DENY'; readonly reason: DenialReason };

/**
 * Who asks, and for what: the authenticated caller (`purpose` is the request's declared 用途)
 * and, when the request names its case, the case it is bound to.
 */
export type PolicyCaller = Pick<CallerIdentity, 'department' | 'application' | 'purpose'> & {
  readonly case?: CaseBinding | null;
};

/** Of several item grants' refusals, the one that tells the caller the most. */
const CASE_REFUSAL_RANK: Record<CaseRefusal, number> = {
  CASE_REQUIRED: 0,
  CASE_CLOSED: 1,
  NOT_IN_ITEM: 2,
  NOT_CONSENTED: 3,
};

const deny = (reason: DenialReason): FieldDecision => ({ outcome: 'DENY', reason });

/** Current grants to this caller covering the coordinate, in force at `now`, for the declared purpose. */
function grantsInForce(
  coordinate: string,
  caller: PolicyCaller,
  grants: readonly Grant[],
  now: number,
): Grant[] | DenialReason {
  const candidates = grants.filter(
    (g) => g.status === 'ACTIVE' && grantAppliesTo(g, caller) && grantCovers(g, coordinate),
  );
  // A request bound to a case asks for what its item needs: anything else is outside the item.
  if (candidates.length === 0) return caller.case ? 'NOT_IN_ITEM' : 'NO_GRANT';
  let caseRefusal: CaseRefusal | null = null;
  const covering = candidates.filter((g) => {
    if (!g.item) return true;
    const refusal = itemGrantRefusal(g, coordinate, caller.case);
    if (refusal && (!caseRefusal || CASE_REFUSAL_RANK[refusal] > CASE_REFUSAL_RANK[caseRefusal]))
      caseRefusal = refusal;
    return refusal === null;
  });
  if (covering.length === 0) return caseRefusal ?? 'NO_GRANT';
  const current = covering.filter((g) => grantTiming(g, now) === 'CURRENT');
  if (current.length === 0)
    return covering.some((g) => grantTiming(g, now) === 'EXPIRED') ? 'GRANT_EXPIRED' : 'NO_GRANT';
  if (!caller.purpose) return 'PURPOSE_REQUIRED';
  const forPurpose = current.filter((g) => g.purposes.includes(caller.purpose!));
  return forPurpose.length > 0 ? forPurpose : 'PURPOSE_NOT_GRANTED';
}

/**
 * @param rule the field's rule; undefined for a field without `@sharing`, which is withheld from
 *   everyone (composition refuses unclassified fields, so this only guards against a supergraph
 *   built some other way).
 */
export function decideField(
  rule: FieldRule | undefined,
  caller: PolicyCaller,
  grants: GrantSnapshot,
  now: number,
): FieldDecision {
  if (!rule) return deny('NOT_SHARED');
  if (rule.owners.includes(caller.department))
    return { outcome: 'ALLOW', basis: 'OWNER', grantIds: [] };
  if (rule.level === 'NONE') return deny('NOT_SHARED');
  if (rule.level === 'UNCONDITIONAL') {
    if (!rule.mask) return { outcome: 'ALLOW', basis: 'UNCONDITIONAL', grantIds: [] };
    const inForce =
      grants.status === 'LOADED' ? grantsInForce(rule.coordinate, caller, grants.grants, now) : [];
    const clear = Array.isArray(inForce) ? inForce.filter((g) => g.clear) : [];
    if (clear.length > 0)
      return { outcome: 'ALLOW', basis: 'GRANT', grantIds: clear.map((g) => g.id) };
    return { outcome: 'MASK', mask: rule.mask, basis: 'UNCONDITIONAL', grantIds: [] };
  }
  if (grants.status !== 'LOADED') return deny('POLICY_UNAVAILABLE');
  const inForce = grantsInForce(rule.coordinate, caller, grants.grants, now);
  if (!Array.isArray(inForce)) return deny(inForce);
  const clear = inForce.filter((g) => g.clear);
  if (!rule.mask || clear.length > 0)
    return {
      outcome: 'ALLOW',
      basis: 'GRANT',
      grantIds: (rule.mask ? clear : inForce).map((g) => g.id),
    };
  return { outcome: 'MASK', mask: rule.mask, basis: 'GRANT', grantIds: inForce.map((g) => g.id) };
}

export type CombinedDecision = FieldDecision & {
  /** The coordinate whose decision prevailed (for a denial: the first that denied). */
  readonly decidedBy: string;
};

const RANK = { ALLOW: 0, MASK: 1, DENY: 2 } as const;

/**
 * The strictest of several decisions, for a field selected on an interface (the interface field
 * and every implementation that can be there) or reached through several fragments: withheld if
 * any withholds, masked if any masks. Different mask kinds cannot all be honoured on one value
 * without knowing its runtime type, so they combine to FREE_TEXT, which hides the most.
 */
export function strictest(
  decisions: readonly { coordinate: string; decision: FieldDecision }[],
): CombinedDecision {
  if (decisions.length === 0) throw new Error('strictest() needs at least one decision');
  if (decisions.length === 1)
    return { ...decisions[0].decision, decidedBy: decisions[0].coordinate };
  let top = decisions[0];
  for (const d of decisions) if (RANK[d.decision.outcome] > RANK[top.decision.outcome]) top = d;
  const { decision } = top;
  if (decision.outcome !== 'MASK') return { ...decision, decidedBy: top.coordinate };
  const masks = new Set<MaskKind>();
  const grantIds = new Set<string>();
  for (const d of decisions) {
    if (d.decision.outcome === 'MASK') masks.add(d.decision.mask);
    if (d.decision.outcome !== 'DENY') d.decision.grantIds.forEach((id) => grantIds.add(id));
  }
  const mask: MaskKind = masks.size === 1 ? decision.mask : 'FREE_TEXT';
  return {
    outcome: 'MASK',
    mask,
    basis: decision.basis,
    grantIds: [...grantIds],
    decidedBy: top.coordinate,
  };
}
